// The results file (bench/results/latest.json): the agreed keys first, each a measured figure or
// null when its scenario did not run or failed, then the machine and the time, then every other
// figure the scenarios reported.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Figure } from './outcome.js';

export const REQUIRED_KEYS = [
  'p1_enroll_ratio',
  'p3_submit_p50_ratio',
  'p3_submit_p99_ratio',
  'p4_dashboard_ratio',
  'p4_detail_kb',
  'p5_pilots',
  'p5_worker_rss_mb',
  'p6_audit_scaleout',
] as const;

export interface MachineInfo {
  cpus: number;
  cpu_model: string;
  memory_gib: number;
  node: string;
  platform: string;
  load_average_start: string;
  load_average_end: string;
  temporal: string;
  postgres: string;
  size: string;
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

export function machineInfo(
  partial: Pick<MachineInfo, 'load_average_start' | 'temporal' | 'postgres' | 'size'>,
): MachineInfo {
  return {
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model ?? 'unknown',
    memory_gib: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    load_average_end: loadAverage(),
    ...partial,
  };
}

export function resultsDocument(
  figures: Record<string, Figure>,
  machine: MachineInfo,
  at: Date,
): Record<string, Figure | MachineInfo> {
  const document: Record<string, Figure | MachineInfo> = {};
  for (const key of REQUIRED_KEYS) document[key] = figures[key] ?? null;
  document['machine'] = machine;
  document['at'] = at.toISOString();
  for (const [key, value] of Object.entries(figures)) if (!(key in document)) document[key] = value;
  return document;
}

export async function writeResults(file: string, document: Record<string, unknown>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
}

interface VitestBench {
  name: string;
  hz: number;
}
interface VitestGroup {
  fullName: string;
  benchmarks: VitestBench[];
}
interface VitestReport {
  files: Array<{ groups: VitestGroup[] }>;
}

function isVitestReport(value: unknown): value is VitestReport {
  return typeof value === 'object' && value !== null && 'files' in value && Array.isArray(value.files);
}

/**
 * The vitest benches' ratios (each group's baseline over its measured operation, i.e. how many
 * times slower than the baseline) from reports written after `since`; older reports are ignored.
 */
export async function microFigures(dir: string, since: number): Promise<Record<string, Figure>> {
  const figures: Record<string, Figure> = {};
  const names = await readdir(dir).catch(() => []);
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const file = path.join(dir, name);
    if ((await stat(file)).mtimeMs < since) continue;
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (!isVitestReport(parsed)) continue;
    for (const group of parsed.files.flatMap((f) => f.groups)) {
      const baseline = group.benchmarks.find((b) => b.name.startsWith('baseline'));
      for (const bench of group.benchmarks) {
        if (bench === baseline || !baseline) continue;
        const key = `micro_${name.replace(/\.json$/, '')}_${slug(group.fullName)}_${slug(bench.name)}_slowdown`;
        figures[key] = Math.round((baseline.hz / bench.hz) * 100) / 100;
      }
    }
  }
  return figures;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/^.*>\s*/, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 40);
}
