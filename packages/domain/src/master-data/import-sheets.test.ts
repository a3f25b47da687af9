import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { checkImportRows, IMPORT_SHEETS, readImportSheet, repeatedRows } from './import-sheets.js';

const headers = IMPORT_SHEETS.compounds.columns.map((column) => column.header);
const good = [
  '锦东社区',
  '锦绣花园',
  '祥顺物业',
  '青龙路 88 号',
  '640',
  '12',
  '2012',
  '0',
  '有',
  '无',
  '无',
  '有',
  '是',
];

describe('reading a 小区台账 sheet', () => {
  it('reads every kind of cell, and a compound without lifts says so with 0', () => {
    const sheet = readImportSheet('compounds', [headers, good]);
    expect(sheet.problems).toEqual([]);
    const { valid, problems } = checkImportRows('compounds', sheet.rows, new Set());
    expect(problems).toEqual([]);
    expect(valid).toEqual([
      {
        row: 2,
        data: {
          community: '锦东社区',
          name: '锦绣花园',
          firm: '祥顺物业',
          address: '青龙路 88 号',
          households: 640,
          buildings: 12,
          yearBuilt: 2012,
          liftCount: 0,
          hasFireControlRoom: true,
          hasSecondaryWaterSupply: false,
          hasUndergroundGarage: false,
          hasEvChargingArea: true,
          hasSepticTank: true,
        },
      },
    ]);
  });

  it('accepts headers marked required and columns in any order, and skips blank rows', () => {
    const shuffled = [...headers].reverse().map((header, i) => (i === 0 ? `${header}*` : header));
    const sheet = readImportSheet('compounds', [shuffled, [...good].reverse(), good.map(() => ' ')]);
    expect(sheet.problems).toEqual([]);
    expect(sheet.rows).toHaveLength(1);
    expect(sheet.rows[0]!.values.name).toBe('锦绣花园');
  });

  it('refuses a sheet with a missing or unknown column before reading any row', () => {
    const sheet = readImportSheet('compounds', [
      [...headers.filter((header) => header !== '电梯数量'), '备注'],
      good,
    ]);
    expect(sheet.rows).toEqual([]);
    expect(sheet.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [1, '备注', 'unknown_column'],
      [1, '电梯数量', 'missing_column'],
    ]);
  });

  it('names the row and column of every bad cell, once each', () => {
    const bad = [...good];
    bad[1] = ''; // 小区名称 empty
    bad[4] = '六百'; // 户数 in words
    bad[8] = '可能'; // 消防控制室 neither 有 nor 无
    bad[6] = '1800'; // 建成年份 implausible
    const sheet = readImportSheet('compounds', [headers, good, bad]);
    const cellRows = new Set(sheet.problems.map((p) => p.row));
    const checked = checkImportRows('compounds', sheet.rows, cellRows);
    const all = [...sheet.problems, ...checked.problems].map((p) => `${p.row}:${p.column}:${p.code}`);
    expect(all.sort()).toEqual(
      [
        '3:小区名称:required',
        '3:户数:not_a_count',
        '3:消防控制室:not_a_flag',
        '3:建成年份:invalid_yearBuilt',
      ].sort(),
    );
    expect(checked.valid.map((v) => v.row)).toEqual([2]);
    expect(sheet.problems.find((p) => p.column === '户数')!.message.zh).toBe('应为整数，而不是「六百」');
  });

  it('reports a repeated compound against the row it repeats', () => {
    const sheet = readImportSheet('compounds', [headers, good, good]);
    const { valid } = checkImportRows('compounds', sheet.rows, new Set());
    expect(repeatedRows('compounds', valid)).toEqual([
      expect.objectContaining({ row: 3, column: '小区名称', code: 'duplicate_row' }),
    ]);
  });
});

describe('reading the 物业企业名录 and 账号 sheets', () => {
  it('checks a credit code by GB 32100 and reads roles in the office’s words', () => {
    const firmHeaders = IMPORT_SHEETS.firms.columns.map((column) => column.header);
    const firms = readImportSheet('firms', [
      firmHeaders,
      ['祥顺物业', '91370124MA3C5LXX14', '', '', '', ''],
      ['错码物业', '91370124MA3C5LXX1A', '', '0531-87654321', 'not-an-email', ''],
    ]);
    const checked = checkImportRows('firms', firms.rows, new Set());
    expect(checked.valid.map((v) => v.data.name)).toEqual(['祥顺物业']);
    expect(checked.problems.map((p) => `${p.row}:${p.column}`)).toEqual(['3:统一社会信用代码', '3:联系邮箱']);

    const userHeaders = IMPORT_SHEETS.users.columns.map((column) => column.header);
    const users = readImportSheet('users', [
      userHeaders,
      ['wang', '王经理', '物业企业', '祥顺物业', '', '13805310002', ''],
      ['li', '李', '巡查员', '', '', '', ''],
    ]);
    expect(users.rows[0]!.values.role).toBe('firm');
    expect(users.problems.map((p) => `${p.row}:${p.column}:${p.code}`)).toEqual(['3:角色:unknown_role']);
  });
});

describe('CSV', () => {
  it('reads quoted cells with commas, quotes and line breaks, a BOM and CRLF', () => {
    expect(parseCsv('\uFEFF小区名称,地址\r\n"锦绣,花园","青龙路 ""88"" 号\n北门"\r\n')).toEqual([
      ['小区名称', '地址'],
      ['锦绣,花园', '青龙路 "88" 号\n北门'],
    ]);
  });
});
