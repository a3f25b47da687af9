// The start command's supervisor against real child processes: a crashed service comes back, a
// service that keeps crashing is given up on, and shutdown waits for a service closing its database.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Supervisor, type ServiceSpec } from './supervisor.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pilot-supervisor-'));
  dirs.push(dir);
  return dir;
}

/** A node script as a service; `RUNS` counts its starts in a file. */
function script(name: string, source: string, dir: string, extra: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    name,
    command: process.execPath,
    args: ['-e', source],
    env: { DIR: dir },
    restart: true,
    stopGraceMs: 2_000,
    logFile: path.join(dir, `${name}.log`),
    ...extra,
  };
}

const countStarts = `
  const fs = require('node:fs'); const file = process.env.DIR + '/starts';
  const n = (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0) + 1;
  fs.writeFileSync(file, String(n));`;

const until = async (check: () => boolean | Promise<boolean>, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('the start supervisor', () => {
  it('starts a crashed service again, with growing pauses, and keeps the others running', async () => {
    const dir = await scratch();
    const fatal: string[] = [];
    const supervisor = new Supervisor({ say: () => {}, onFatal: (r) => fatal.push(r), backoffMs: 50 });
    // Crashes twice shortly after starting (like a killed dev server), then stays up.
    supervisor.start(
      script(
        'temporal',
        `${countStarts} if (n <= 2) setTimeout(() => process.exit(1), 100); else setInterval(() => {}, 1000);`,
        dir,
      ),
    );
    supervisor.start(script('other', 'setInterval(() => {}, 1000);', dir));
    const otherPid = supervisor.pid('other');
    await until(() => supervisor.restarts('temporal') === 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(Number(await readFile(path.join(dir, 'starts'), 'utf8'))).toBe(3);
    expect(supervisor.pid('other')).toBe(otherPid);
    expect(fatal).toEqual([]);
    await supervisor.stopAll();
  });

  it('kills -9 are survived too, and a service that keeps dying is given up on', async () => {
    const dir = await scratch();
    const fatal: string[] = [];
    const supervisor = new Supervisor({
      say: () => {},
      onFatal: (r) => fatal.push(r),
      backoffMs: 20,
      maxCrashes: 3,
    });
    supervisor.start(script('api', 'setInterval(() => {}, 1000);', dir));
    const first = supervisor.pid('api')!;
    process.kill(first, 'SIGKILL');
    await until(() => supervisor.restarts('api') === 1);
    expect(supervisor.pid('api')).not.toBe(first);
    supervisor.start(script('flaky', 'process.exit(3);', dir));
    await until(() => fatal.length > 0);
    expect(fatal[0]).toMatch(/flaky died 4 times/);
    await supervisor.stopAll();
  });

  it('leaves a service killed on purpose down without stopping the others (a crash test)', async () => {
    const dir = await scratch();
    const fatal: string[] = [];
    const supervisor = new Supervisor({ say: () => {}, onFatal: (r) => fatal.push(r), backoffMs: 20 });
    supervisor.start(script('worker-1', 'setInterval(() => {}, 1000);', dir));
    supervisor.start(script('worker-2', 'setInterval(() => {}, 1000);', dir, { restart: false }));
    const survivor = supervisor.pid('worker-1');
    await supervisor.kill('worker-2', 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    expect(supervisor.isRunning('worker-2')).toBe(false);
    expect(supervisor.restarts('worker-2')).toBe(0);
    expect(supervisor.isRunning('worker-1')).toBe(true);
    expect(supervisor.pid('worker-1')).toBe(survivor);
    expect(fatal).toEqual([]);
    await supervisor.stopAll();
  });

  it('gives a service its grace time on shutdown (the API closing the embedded database) and kills only a hung one', async () => {
    const dir = await scratch();
    const supervisor = new Supervisor({ say: () => {}, onFatal: () => {} });
    // Closes "its database" in 500 ms on SIGTERM, then exits 0.
    supervisor.start(
      script(
        'api',
        `process.on('SIGTERM', () => setTimeout(() => { require('node:fs').writeFileSync(process.env.DIR + '/closed', 'yes'); process.exit(0); }, 500)); setInterval(() => {}, 1000);`,
        dir,
        { stopGraceMs: 5_000 },
      ),
    );
    // Ignores SIGTERM.
    supervisor.start(
      script('hung', `process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);`, dir, {
        stopGraceMs: 300,
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    await supervisor.stopAll();
    expect(await readFile(path.join(dir, 'closed'), 'utf8')).toBe('yes');
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });
});
