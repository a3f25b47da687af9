// Every audit action the code base writes has words in the label table (packages/domain/src/labels):
// the writers are scanned, so a new action without a label fails here, not on an audit screen.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  MATTER_EVENT_KINDS,
  MEETING_PHASES,
  STAGE_EVENT_TYPES,
  stageEventAction,
} from '@pilot/domain';
import { DEMO_USERS } from '@pilot/db';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Where audit entries are written: activities, workflows, the API, the seed and the worker's import. */
const WRITERS = [
  'packages/activities/src',
  'workflows/src',
  'apps/api/src',
  'packages/db/src/seed',
  'apps/worker/src',
];

/**
 * Actions built from a template, with every value the template can take. The scan refuses a
 * template it does not find here, so a new one cannot slip through unlabelled.
 */
const DEMO_USERNAMES = new Set(DEMO_USERS.map((user) => user.username));

const TEMPLATES: Record<string, readonly string[]> = {
  // packages/activities/src/pilot/schedule.activities.ts: only missed and cancelled tasks are audited.
  'task.${c.status}': ['task.missed', 'task.cancelled'],
  // packages/activities/src/pilot/rectification.activities.ts: the inspector's verdict.
  'rectification.${input.verdict}': ['rectification.accept', 'rectification.reject'],
  // workflows/src/pilot/stage-sync.ts: every stage-machine event.
  'pilot.${event.type.toLowerCase()}': STAGE_EVENT_TYPES.map(stageEventAction),
  // packages/activities/src/matters/matter.activities.ts: every step of a matter.
  'matter.${step.kind}': MATTER_EVENT_KINDS.map((kind) => `matter.${kind}`),
  // packages/activities/src/meetings/meeting.activities.ts: the phases a meeting moves into.
  'meeting.${input.phase}': MEETING_PHASES.map((phase) => `meeting.${phase}`),
  // packages/activities/src/campaigns/campaign.activities.ts: the status a pass over the compounds ends in.
  'campaign.${input.status}': ['campaign.enrolled'],
};

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return entry.name === 'node_modules' || entry.name === 'generated' ? [] : sourceFiles(full);
      }
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
    }),
  );
  return nested.flat();
}

interface Found {
  action: string;
  where: string;
}

const QUOTED = /(['"`])([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)\1/g;

/**
 * The actions a file writes: the literals (and ternaries of literals) after `action:`, the
 * templates after `action:`, and any literal of a known action namespace elsewhere (an action
 * handed to a helper, like the catalogue's `changeDraft(…, 'catalogue.update_draft', …)`).
 */
function actionsIn(text: string, file: string, namespaces: ReadonlySet<string>) {
  const found: Found[] = [];
  const templates: Found[] = [];
  text.split('\n').forEach((line, index) => {
    const where = `${path.relative(ROOT, file)}:${index + 1}`;
    const action = /\baction:\s*(.*)$/.exec(line);
    // `action: { startsWith: … }` and `action: filter.action` read the log; they write nothing.
    const written = action && !action[1]!.startsWith('{') ? action[1]! : null;
    if (written !== null) {
      for (const match of written.matchAll(/`([a-z][a-z0-9_]*\.\$\{[^`]+\})`/g)) {
        templates.push({ action: match[1]!, where });
      }
    }
    for (const match of line.matchAll(QUOTED)) {
      const literal = match[2]!;
      const before = line.slice(0, match.index);
      if (/startsWith:\s*$/.test(before)) continue;
      // A demo account's name (party.zhzf) looks like an action of the same namespace.
      if (DEMO_USERNAMES.has(literal)) continue;
      const onActionLine = written !== null && line.indexOf(written) <= match.index!;
      if (onActionLine || namespaces.has(literal.split('.')[0]!)) found.push({ action: literal, where });
    }
  });
  return { found, templates };
}

describe('audit action labels', () => {
  it('cover every action written anywhere in the code base', async () => {
    const namespaces = new Set(Object.keys(AUDIT_ACTION_LABELS).map((code) => code.split('.')[0]!));
    const found: Found[] = [];
    const templates: Found[] = [];
    for (const dir of WRITERS) {
      for (const file of await sourceFiles(path.join(ROOT, dir))) {
        const scanned = actionsIn(await readFile(file, 'utf8'), file, namespaces);
        found.push(...scanned.found);
        templates.push(...scanned.templates);
      }
    }
    const unknownTemplates = templates.filter((t) => !(t.action in TEMPLATES));
    expect(unknownTemplates, 'add the values of these templates to TEMPLATES').toEqual([]);
    const written = [
      ...found,
      ...templates.flatMap((t) => (TEMPLATES[t.action] ?? []).map((action) => ({ action, where: t.where }))),
    ];
    const unlabelled = written.filter((w) => !Object.hasOwn(AUDIT_ACTION_LABELS, w.action));
    expect(unlabelled, 'add these actions to AUDIT_ACTION_LABELS').toEqual([]);

    // The scan itself works: it sees writers of every kind (literal, ternary, helper argument, template).
    const seen = new Set(written.map((w) => w.action));
    for (const action of [
      'rectification.control',
      'task.missed',
      'task.cancelled',
      'task.extend',
      'rectification.extend',
      'auth.locked',
      'auth.login_failed',
      'catalogue.update_draft',
      'enrollment.import',
      'seed.demo_data',
      'pilot.self_inspection_submitted',
    ]) {
      expect(seen, action).toContain(action);
    }
    expect(templates.map((t) => t.action).sort()).toEqual(Object.keys(TEMPLATES).sort());
  });

  it('cover every entity type written', async () => {
    const types = new Set<string>();
    for (const dir of WRITERS) {
      for (const file of await sourceFiles(path.join(ROOT, dir))) {
        const text = await readFile(file, 'utf8');
        for (const match of text.matchAll(/entityType(?:\s*\?\?\s*|:\s*)'([a-z_]+)'/g)) types.add(match[1]!);
      }
    }
    expect([...types].filter((type) => !Object.hasOwn(AUDIT_ENTITY_LABELS, type))).toEqual([]);
    expect(types).toContain('inspection_task');
    expect(types).toContain('catalogue_version');
  });
});
