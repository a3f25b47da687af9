import * as z from 'zod';
import type { LocalizedText } from '../catalogue/types.js';
import { createUserSchema, USER_ROLES, type UserRole } from '../schemas/commands.js';
import { emailSchema } from '../schemas/contact.js';
import { createCompoundSchema, createFirmSchema } from '../schemas/master-data.js';
import { formatIssue } from '../schemas/parse-input.js';

/*
 * The three sheets a subdistrict keeps and imports: 小区台账 (compounds), 物业企业名录 (firms) and
 * 账号 (accounts). Each column is named as the office names it; a cell is read by its column's kind,
 * then the row by the same schema the UI's form uses, and every problem names its row and column.
 */

export const IMPORT_KINDS = ['compounds', 'firms', 'users'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

type CellKind = 'text' | 'count' | 'flag' | 'role';

export interface ImportColumn {
  /** The header as the template writes it (a trailing * or （必填） in a sheet is tolerated). */
  header: string;
  field: string;
  required: boolean;
  kind: CellKind;
  /** A sample value for the template's example row. */
  example: string;
  /** What goes in the cell, for the template's instructions. */
  hint: string;
}

export interface ImportSheet {
  kind: ImportKind;
  title: LocalizedText;
  columns: readonly ImportColumn[];
}

const col = (
  header: string,
  field: string,
  kind: CellKind,
  required: boolean,
  example: string,
  hint: string,
): ImportColumn => ({ header, field, kind, required, example, hint });

const FEATURE_HINT = '填写“有”或“无”（也可填 是/否、1/0）';

export const IMPORT_SHEETS: Readonly<Record<ImportKind, ImportSheet>> = {
  compounds: {
    kind: 'compounds',
    title: { zh: '小区台账', en: 'Compound register' },
    columns: [
      col('所属社区', 'community', 'text', true, '锦东社区', '社区名称或社区编码，须已在系统中建立'),
      col('小区名称', 'name', 'text', true, '锦绣花园', '同一社区内不能重名'),
      col(
        '物业企业',
        'firm',
        'text',
        true,
        '平阴县祥顺物业服务有限公司',
        '企业名称或统一社会信用代码，须已导入',
      ),
      col('地址', 'address', 'text', false, '锦水街道青龙路 88 号', ''),
      col('户数', 'households', 'count', false, '640', '整数'),
      col('楼栋数', 'buildings', 'count', false, '12', '整数'),
      col('建成年份', 'yearBuilt', 'count', false, '2012', '四位年份'),
      col('电梯数量', 'liftCount', 'count', true, '24', '整数，没有电梯填 0（电梯类标准自动按不适用处理）'),
      col('消防控制室', 'hasFireControlRoom', 'flag', true, '有', FEATURE_HINT),
      col('二次供水设施', 'hasSecondaryWaterSupply', 'flag', true, '有', FEATURE_HINT),
      col('地下车库', 'hasUndergroundGarage', 'flag', true, '无', FEATURE_HINT),
      col('电动车集中充电区', 'hasEvChargingArea', 'flag', true, '有', FEATURE_HINT),
      col('化粪池', 'hasSepticTank', 'flag', true, '有', FEATURE_HINT),
    ],
  },
  firms: {
    kind: 'firms',
    title: { zh: '物业企业名录', en: 'Property firm directory' },
    columns: [
      col('企业名称', 'name', 'text', true, '平阴县祥顺物业服务有限公司', '营业执照上的全称'),
      col(
        '统一社会信用代码',
        'creditCode',
        'text',
        true,
        '91370124MA3C5LXX14',
        '18 位，按 GB 32100-2015 校验',
      ),
      col('联系人', 'contactName', 'text', false, '王经理', ''),
      col('联系电话', 'contactPhone', 'text', false, '13805310001', '手机号码或带区号的固定电话'),
      col('联系邮箱', 'contactEmail', 'text', false, 'office@example.cn', ''),
      col('企业地址', 'address', 'text', false, '平阴县锦水街道', ''),
    ],
  },
  users: {
    kind: 'users',
    title: { zh: '账号', en: 'Accounts' },
    columns: [
      col('用户名', 'username', 'text', true, 'xiangshun-wang', '3–32 位字母、数字、点、横线或下划线'),
      col('姓名', 'displayName', 'text', true, '王经理', ''),
      col('角色', 'role', 'role', true, '物业企业', '管理员、街道协调员、检查员、物业企业 或 居民'),
      col(
        '所属物业企业',
        'firm',
        'text',
        false,
        '平阴县祥顺物业服务有限公司',
        '物业企业账号必填：企业名称或统一社会信用代码',
      ),
      col('所属社区', 'community', 'text', false, '', '社区工作人员填写：社区名称或编码'),
      col('手机号码', 'phone', 'text', false, '13805310002', '11 位手机号码'),
      col('电子邮箱', 'email', 'text', false, '', '用于接收提醒邮件（可不填）'),
    ],
  },
};

/** The roles as a sheet names them (the UI's words), and the stored names. */
export const ROLE_NAMES: Readonly<Record<UserRole, readonly string[]>> = {
  admin: ['管理员', 'admin'],
  coordinator: ['街道协调员', '协调员', 'coordinator'],
  inspector: ['检查员', 'inspector'],
  firm: ['物业企业', '物业', 'firm'],
  resident: ['居民', 'resident'],
  party: ['联动单位', '联动单位人员', 'party'],
};

export interface ImportProblem {
  /** The row as the spreadsheet numbers it (the header is row 1); 1 for a header problem. */
  row: number;
  /** The column's header, or null for the row (or the file) as a whole. */
  column: string | null;
  code: string;
  message: LocalizedText;
}

export interface ImportRow {
  row: number;
  /** The cells read by their column's kind, keyed by field. */
  values: Record<string, string | number | boolean | null>;
}

export interface ReadSheet {
  rows: ImportRow[];
  problems: ImportProblem[];
}

const clean = (header: string): string =>
  header
    .replace(/\s+/g, '')
    .replace(/[*＊]$/, '')
    .replace(/[（(]必填[)）]$/, '');

const problem = (
  row: number,
  column: string | null,
  code: string,
  zh: string,
  en: string,
): ImportProblem => ({
  row,
  column,
  code,
  message: { zh, en },
});

const YES = new Set(['有', '是', 'y', 'yes', 'true', '1', '√', '✓']);
const NO = new Set(['无', '否', '没有', 'n', 'no', 'false', '0', '×', '✗']);

function readCell(
  column: ImportColumn,
  raw: string,
  row: number,
): { value: string | number | boolean | null } | { problem: ImportProblem } {
  const text = raw.trim();
  if (text === '') {
    if (column.required) {
      return { problem: problem(row, column.header, 'required', '必填，不能为空', 'is required') };
    }
    return { value: null };
  }
  switch (column.kind) {
    case 'text':
      return { value: text };
    case 'count': {
      // Excel writes whole numbers as 12 or 12.0; a number with a unit or in words is refused.
      const normalized = text.replace(/,/g, '');
      if (!/^\d+(\.0+)?$/.test(normalized)) {
        return {
          problem: problem(
            row,
            column.header,
            'not_a_count',
            `应为整数，而不是「${text}」`,
            `must be a whole number, not "${text}"`,
          ),
        };
      }
      return { value: Number.parseInt(normalized, 10) };
    }
    case 'flag': {
      const key = text.toLowerCase();
      if (YES.has(key)) return { value: true };
      if (NO.has(key)) return { value: false };
      return {
        problem: problem(
          row,
          column.header,
          'not_a_flag',
          `应填“有”或“无”，而不是「${text}」`,
          `must be 有 (yes) or 无 (no), not "${text}"`,
        ),
      };
    }
    case 'role': {
      const role = USER_ROLES.find((name) => ROLE_NAMES[name].includes(text.toLowerCase()));
      if (!role) {
        return {
          problem: problem(
            row,
            column.header,
            'unknown_role',
            `「${text}」不是可用的角色（管理员、街道协调员、检查员、物业企业、居民）`,
            `"${text}" is not a role (admin, coordinator, inspector, firm, resident, party)`,
          ),
        };
      }
      return { value: role };
    }
  }
}

/**
 * Reads a sheet's table (first row the headers) into rows of typed cells, with every header and
 * cell problem. Rows that are entirely blank are skipped, as Excel leaves them after deletions.
 */
export function readImportSheet(kind: ImportKind, table: readonly (readonly string[])[]): ReadSheet {
  const sheet = IMPORT_SHEETS[kind];
  const [headerRow = [], ...body] = table;
  const headers = headerRow.map((header) => clean(header));
  const problems: ImportProblem[] = [];
  const positions = new Map<string, number>();
  headers.forEach((header, index) => {
    if (header === '') return;
    const column = sheet.columns.find((candidate) => candidate.header === header);
    if (!column) {
      problems.push(
        problem(
          1,
          headerRow[index] ?? header,
          'unknown_column',
          `不是「${sheet.title.zh}」模板的列，请使用下载的模板`,
          `is not a column of the ${sheet.title.en} template`,
        ),
      );
    } else if (positions.has(column.field)) {
      problems.push(problem(1, column.header, 'duplicate_column', '该列出现了两次', 'appears twice'));
    } else {
      positions.set(column.field, index);
    }
  });
  for (const column of sheet.columns) {
    if (column.required && !positions.has(column.field)) {
      problems.push(
        problem(
          1,
          column.header,
          'missing_column',
          '缺少必填列，请使用下载的模板',
          'a required column is missing; use the downloaded template',
        ),
      );
    }
  }
  if (problems.length > 0) return { rows: [], problems };

  const rows: ImportRow[] = [];
  body.forEach((cells, index) => {
    const rowNumber = index + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    const values: ImportRow['values'] = {};
    for (const column of sheet.columns) {
      const position = positions.get(column.field);
      const read = readCell(column, position === undefined ? '' : (cells[position] ?? ''), rowNumber);
      if ('problem' in read) problems.push(read.problem);
      else values[column.field] = read.value;
    }
    rows.push({ row: rowNumber, values });
  });
  if (rows.length === 0) {
    problems.push(problem(2, null, 'no_rows', '表格中没有数据行', 'the sheet has no data rows'));
  }
  return { rows, problems };
}

/*
 * Each row's fields by the form's own schemas: references (community, firm) stay names here and are
 * resolved against the records by the importer; everything else is checked exactly as the UI does.
 */
const compoundRowSchema = createCompoundSchema.omit({ communityId: true, firmId: true }).extend({
  community: z.string().trim().min(1).max(100),
  firm: z.string().trim().min(1).max(100),
});
const { username, displayName, role, phone } = createUserSchema.shape;
const userRowSchema = z.object({
  username,
  displayName,
  role,
  firm: z.string().trim().min(1).max(100).nullable(),
  community: z.string().trim().min(1).max(100).nullable(),
  phone: phone.unwrap().nullable(),
  email: emailSchema.nullable(),
});
const ROW_SCHEMAS = {
  compounds: compoundRowSchema,
  firms: createFirmSchema,
  users: userRowSchema,
} as const;

export type CompoundImportRow = z.output<typeof compoundRowSchema>;
export type FirmImportRow = z.output<typeof createFirmSchema>;
export type UserImportRow = z.output<typeof userRowSchema>;
export interface CheckedRows {
  compounds: CompoundImportRow;
  firms: FirmImportRow;
  users: UserImportRow;
}

/**
 * Checks each read row with its kind's schema; a problem names the row and the column.
 */
export function checkImportRows<K extends ImportKind>(
  kind: K,
  rows: readonly ImportRow[],
  rowsWithCellProblems: ReadonlySet<number>,
): { valid: Array<{ row: number; data: CheckedRows[K] }>; problems: ImportProblem[] } {
  const sheet = IMPORT_SHEETS[kind];
  const schema = ROW_SCHEMAS[kind];
  const valid: Array<{ row: number; data: CheckedRows[K] }> = [];
  const problems: ImportProblem[] = [];
  for (const { row, values } of rows) {
    const input = Object.fromEntries(
      Object.entries(values).filter(([, value]) => !(value === null && kind !== 'users')),
    );
    const result = schema.safeParse(input, { reportInput: true });
    if (result.success) {
      if (!rowsWithCellProblems.has(row)) valid.push({ row, data: result.data as CheckedRows[K] });
      continue;
    }
    for (const issue of result.error.issues) {
      const field = issue.path.find((segment): segment is string => typeof segment === 'string');
      const column = sheet.columns.find((candidate) => candidate.field === field);
      // A cell already refused while being read needs no second message.
      if (column && rowsWithCellProblems.has(row) && values[column.field] === undefined) continue;
      problems.push({
        row,
        column: column?.header ?? null,
        code: `invalid_${field ?? 'row'}`,
        message: { zh: formatIssue(issue, 'zh-CN').message, en: formatIssue(issue, 'en').message },
      });
    }
  }
  return { valid, problems };
}

/** The natural keys a sheet's rows must not repeat: a second row with one is refused. */
const ROW_KEYS: { [K in ImportKind]: Array<{ columns: string[]; of: (row: CheckedRows[K]) => string }> } = {
  compounds: [{ columns: ['所属社区', '小区名称'], of: (row) => `${row.community}\u0000${row.name}` }],
  firms: [
    { columns: ['企业名称'], of: (row) => row.name },
    { columns: ['统一社会信用代码'], of: (row) => row.creditCode },
  ],
  users: [{ columns: ['用户名'], of: (row) => row.username.toLowerCase() }],
};

/** Rows that repeat an earlier row's key, each reported against the row it repeats. */
export function repeatedRows<K extends ImportKind>(
  kind: K,
  valid: ReadonlyArray<{ row: number; data: CheckedRows[K] }>,
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const rule of ROW_KEYS[kind] as Array<{ columns: string[]; of: (row: CheckedRows[K]) => string }>) {
    const first = new Map<string, number>();
    for (const { row, data } of valid) {
      const value = rule.of(data);
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, row);
      else {
        problems.push(
          problem(
            row,
            rule.columns[rule.columns.length - 1]!,
            'duplicate_row',
            `与第 ${earlier} 行重复（${rule.columns.join('+')}相同）`,
            `repeats row ${earlier} (same ${rule.columns.join(' + ')})`,
          ),
        );
      }
    }
  }
  return problems;
}
