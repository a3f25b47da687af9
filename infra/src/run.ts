// One-shot commands of the set-up steps (schema tool, psql, migrations): their output is kept, so a
// failure says what the command said instead of only its exit code.
import { spawn } from 'node:child_process';
import { appendFile } from 'node:fs/promises';

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Sent to the command's standard input (e.g. a SQL script, so no secret sits in argv). */
  input?: string;
  /** The command's output is appended here as well, for the record of a bring-up. */
  logFile?: string;
  /** What the command is, for messages. */
  what?: string;
}

export class CommandError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

/** Lines kept from a failed command's output: enough for its error, not its whole log. */
const TAIL_LINES = 25;

/** Runs a command to its end; resolves with its output, rejects with the tail of it on failure. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  const what = options.what ?? command;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => (output += chunk.toString());
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new CommandError(
          error.code === 'ENOENT' ? `${what}: ${command} was not found` : `${what}: ${error.message}`,
          output,
        ),
      ),
    );
    child.once('close', (code, signal) => {
      const done = options.logFile
        ? appendFile(options.logFile, `$ ${what}\n${output}\n`).catch(() => undefined)
        : Promise.resolve();
      void done.then(() => {
        if (code === 0) return resolve(output);
        const tail = output.trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
        reject(new CommandError(`${what} failed (${signal ?? `exit code ${code}`}):\n${tail}`, output));
      });
    });
    // A command that exits without reading its input must not crash this process with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
