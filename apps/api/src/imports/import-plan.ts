// What applying a checked sheet would do to the records, row by row: create, update or leave alone,
// or a problem only the records can show (a firm that does not exist, a name owned by another).
// The records are read once per sheet, so a 1,000-row file costs a handful of queries.
import type { PrismaClient } from '@pilot/db';
import {
  checkImportRows,
  readImportSheet,
  repeatedRows,
  type CheckedRows,
  type CompoundImportRow,
  type FirmImportRow,
  type ImportKind,
  type ImportProblem,
  type UserImportRow,
} from '@pilot/domain';

export type RowAction = 'create' | 'update' | 'unchanged';

export interface PlannedRow<K extends ImportKind = ImportKind> {
  row: number;
  action: RowAction;
  /** The record the row updates (absent for a create). */
  id?: string;
  /** The record's fields as the row sets them, references resolved to ids. */
  data: K extends 'compounds' ? CompoundFields : K extends 'firms' ? FirmImportRow : UserFields;
  /** What the row is, for the report: a compound's or firm's name, a username. */
  label: string;
}

export interface CompoundFields extends Omit<CompoundImportRow, 'community' | 'firm'> {
  communityId: string;
  firmId: string;
}
export interface UserFields extends Omit<UserImportRow, 'firm' | 'community'> {
  firmId: string | null;
  communityId: string | null;
}

export interface ImportPlan<K extends ImportKind = ImportKind> {
  rowCount: number;
  problems: ImportProblem[];
  rows: Array<PlannedRow<K>>;
}

const problem = (row: number, column: string, code: string, zh: string, en: string): ImportProblem => ({
  row,
  column,
  code,
  message: { zh, en },
});

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
const changed = (fields: object, record: object): boolean =>
  Object.entries(fields).some(([key, value]) => !same(value, (record as Record<string, unknown>)[key]));

/** Looks a name or code up among records keyed by both. */
function byNameOrCode<T extends { name: string }>(rows: T[], codeOf: (row: T) => string | null) {
  const map = new Map<string, T>();
  for (const row of rows) {
    map.set(row.name, row);
    const code = codeOf(row);
    if (code) map.set(code.toUpperCase(), row);
  }
  return (text: string) => map.get(text) ?? map.get(text.toUpperCase());
}

export async function planImport(
  prisma: PrismaClient,
  kind: ImportKind,
  table: string[][],
): Promise<ImportPlan> {
  const read = readImportSheet(kind, table);
  const cellProblemRows = new Set(read.problems.map((p) => p.row));
  const checked = checkImportRows(kind, read.rows, cellProblemRows);
  const repeats = repeatedRows(kind, checked.valid);
  const repeated = new Set(repeats.map((p) => p.row));
  const valid = checked.valid.filter((row) => !repeated.has(row.row));
  const problems = [...read.problems, ...checked.problems, ...repeats];
  const rows: PlannedRow[] = [];
  const planned =
    kind === 'compounds'
      ? await planCompounds(prisma, valid as Array<{ row: number; data: CheckedRows['compounds'] }>)
      : kind === 'firms'
        ? await planFirms(prisma, valid as Array<{ row: number; data: CheckedRows['firms'] }>)
        : await planUsers(prisma, valid as Array<{ row: number; data: CheckedRows['users'] }>);
  rows.push(...planned.rows);
  problems.push(...planned.problems);
  problems.sort((a, b) => a.row - b.row);
  return { rowCount: read.rows.length, problems, rows };
}

async function planFirms(prisma: PrismaClient, valid: Array<{ row: number; data: FirmImportRow }>) {
  const firms = await prisma.firm.findMany();
  const byCode = new Map(
    firms.flatMap((firm) => (firm.creditCode ? [[firm.creditCode, firm] as const] : [])),
  );
  const byName = new Map(firms.map((firm) => [firm.name, firm]));
  const rows: PlannedRow[] = [];
  const problems: ImportProblem[] = [];
  for (const { row, data } of valid) {
    const owner = byName.get(data.name);
    // A firm registered before codes were kept is matched by its name and gets the code.
    const existing = byCode.get(data.creditCode) ?? (owner && !owner.creditCode ? owner : undefined);
    if (existing && owner && owner.id !== existing.id) {
      problems.push(
        problem(
          row,
          '企业名称',
          'name_taken',
          `已有另一家名为「${data.name}」的企业（统一社会信用代码不同）`,
          `another firm is named ${data.name} (with a different credit code)`,
        ),
      );
      continue;
    }
    if (!existing && owner) {
      problems.push(
        problem(
          row,
          '统一社会信用代码',
          'code_differs',
          `「${data.name}」已登记的统一社会信用代码是 ${owner.creditCode}`,
          `${data.name} is registered with credit code ${owner.creditCode}`,
        ),
      );
      continue;
    }
    const fields = {
      ...data,
      contactName: data.contactName ?? null,
      contactPhone: data.contactPhone ?? null,
      contactEmail: data.contactEmail ?? null,
      address: data.address ?? null,
    };
    if (!existing) rows.push({ row, action: 'create', data: fields, label: data.name });
    else if (!existing.active) {
      problems.push(
        problem(
          row,
          '企业名称',
          'firm_inactive',
          '该企业已停用，请先在系统中重新启用',
          'the firm is deactivated; re-activate it first',
        ),
      );
    } else {
      rows.push({
        row,
        action: changed(fields, existing) ? 'update' : 'unchanged',
        id: existing.id,
        data: fields,
        label: data.name,
      });
    }
  }
  return { rows, problems };
}

async function planCompounds(prisma: PrismaClient, valid: Array<{ row: number; data: CompoundImportRow }>) {
  const [communities, firms, compounds, running] = await Promise.all([
    prisma.community.findMany({ where: { active: true } }),
    prisma.firm.findMany({ where: { active: true } }),
    prisma.compound.findMany(),
    prisma.enrollment.findMany({
      where: { status: { in: ['active', 'paused'] } },
      select: { compoundId: true },
    }),
  ]);
  const community = byNameOrCode(communities, (row) => row.code);
  const firm = byNameOrCode(firms, (row) => row.creditCode);
  const compoundOf = new Map(compounds.map((row) => [`${row.communityId}\u0000${row.name}`, row]));
  const inPilot = new Set(running.map((row) => row.compoundId));
  const rows: PlannedRow[] = [];
  const problems: ImportProblem[] = [];
  for (const { row, data } of valid) {
    const { community: communityText, firm: firmText, ...facts } = data;
    const home = community(communityText);
    const serving = firm(firmText);
    if (!home) {
      problems.push(
        problem(
          row,
          '所属社区',
          'community_missing',
          `系统中没有启用的社区「${communityText}」，请先在“社区”中建立`,
          `there is no active community ${communityText}; create it first`,
        ),
      );
    }
    if (!serving) {
      problems.push(
        problem(
          row,
          '物业企业',
          'firm_missing',
          `系统中没有启用的物业企业「${firmText}」，请先导入物业企业名录`,
          `there is no active firm ${firmText}; import the firm directory first`,
        ),
      );
    }
    if (!home || !serving) continue;
    const fields: CompoundFields = {
      ...facts,
      address: facts.address ?? null,
      households: facts.households ?? null,
      buildings: facts.buildings ?? null,
      yearBuilt: facts.yearBuilt ?? null,
      communityId: home.id,
      firmId: serving.id,
    };
    const existing = compoundOf.get(`${home.id}\u0000${data.name}`);
    if (!existing) {
      rows.push({ row, action: 'create', data: fields, label: data.name });
      continue;
    }
    if (existing.firmId !== serving.id && inPilot.has(existing.id)) {
      problems.push(
        problem(
          row,
          '物业企业',
          'compound_in_pilot_handover',
          '该小区的试点仍在进行，不能通过导入更换物业企业',
          'the compound’s pilot is running; its firm cannot change by import',
        ),
      );
      continue;
    }
    rows.push({
      row,
      action: changed(fields, existing) || !existing.active ? 'update' : 'unchanged',
      id: existing.id,
      data: fields,
      label: data.name,
    });
  }
  return { rows, problems };
}

async function planUsers(prisma: PrismaClient, valid: Array<{ row: number; data: UserImportRow }>) {
  const [users, firms, communities] = await Promise.all([
    prisma.user.findMany({ where: { username: { in: valid.map((row) => row.data.username) } } }),
    prisma.firm.findMany({ where: { active: true } }),
    prisma.community.findMany({ where: { active: true } }),
  ]);
  const existingOf = new Map(users.map((user) => [user.username.toLowerCase(), user]));
  const firm = byNameOrCode(firms, (row) => row.creditCode);
  const community = byNameOrCode(communities, (row) => row.code);
  const rows: PlannedRow[] = [];
  const problems: ImportProblem[] = [];
  for (const { row, data } of valid) {
    const { firm: firmText, community: communityText, ...rest } = data;
    const ownFirm = firmText ? firm(firmText) : undefined;
    const ownCommunity = communityText ? community(communityText) : undefined;
    let bad = false;
    if (data.role === 'firm' && !firmText) {
      problems.push(
        problem(
          row,
          '所属物业企业',
          'firm_required',
          '物业企业账号必须填写所属物业企业',
          'a firm account needs its firm',
        ),
      );
      bad = true;
    } else if (firmText && !ownFirm) {
      problems.push(
        problem(
          row,
          '所属物业企业',
          'firm_missing',
          `系统中没有启用的物业企业「${firmText}」`,
          `there is no active firm ${firmText}`,
        ),
      );
      bad = true;
    }
    if (communityText && !ownCommunity) {
      problems.push(
        problem(
          row,
          '所属社区',
          'community_missing',
          `系统中没有启用的社区「${communityText}」`,
          `there is no active community ${communityText}`,
        ),
      );
      bad = true;
    }
    const existing = existingOf.get(data.username.toLowerCase());
    if (existing && existing.role !== data.role) {
      problems.push(
        problem(
          row,
          '角色',
          'role_fixed',
          '已有账号的角色不能通过导入修改，请新建账号',
          'an existing account’s role cannot change by import; create a new account',
        ),
      );
      bad = true;
    }
    if (bad) continue;
    const fields: UserFields = {
      ...rest,
      // Only firm accounts are tied to a firm (they see its compounds only).
      firmId: data.role === 'firm' ? (ownFirm?.id ?? null) : null,
      communityId: ownCommunity?.id ?? null,
    };
    if (!existing) rows.push({ row, action: 'create', data: fields, label: data.username });
    else {
      const { username: _username, role: _role, ...editable } = fields;
      rows.push({
        row,
        action: changed(editable, existing) ? 'update' : 'unchanged',
        id: existing.id,
        data: fields,
        label: data.username,
      });
    }
  }
  return { rows, problems };
}
