// 周检查表 on paper: the checklist of an inspection as an A4 form — blank for paper days (lines for
// the compound, date and inspector; √ / × / 不适用 boxes and a notes column), or filled from a
// submitted inspection with its results, notes, inspector and time.
import type { LoadedFonts } from './cjk-font.js';
import { renderPdf, type Layout } from './pdf-output.js';
import type { Cell } from './pdf-sheet.js';

export type Outcome = 'pass' | 'fail' | 'na';

export interface ChecklistRow {
  code: string;
  title: string;
  requirement: string;
  /** The key part (重点部位) it is asked at, on key-part checks. */
  keyPart?: string | undefined;
  /** The recorded outcome (filled), or 不适用 decided by the compound's features (blank). */
  outcome: Outcome | null;
  note: string;
}

export interface ChecklistSheetInput {
  /** 《物业企业评价激励机制试点周检查表》, or the kind's name for other inspections. */
  title: string;
  catalogueVersion: string;
  /** Pre-printed header values; an empty one is a line to write on. */
  compound: string;
  firm: string;
  date: string;
  inspector: string;
  task: string;
  rows: ChecklistRow[];
  /** Present on a filled sheet: what the submission recorded. */
  filled: { submittedAt: string; score: string; complianceRate: string; notes: string } | null;
  /** Fixed for a filled sheet (its submission time), so reprints are identical. */
  createdAt: Date;
}

export const WEEKLY_CHECKLIST_TITLE = '物业企业评价激励机制试点周检查表';

const layout =
  (input: ChecklistSheetInput): Layout =>
  (sheet) => {
    sheet.text(`《${input.title}》`, { size: 16, bold: true, align: 'center', gap: 4 });
    sheet.text(`评价标准版本：${input.catalogueVersion}${input.task ? `\u3000任务：${input.task}` : ''}`, {
      size: 8.5,
      align: 'center',
      color: '#555555',
      gap: 10,
    });
    // Blank values stay as long lines to write on; filled ones print what the record says.
    const pairs: Array<[string, string]> = [
      ['小区名称', input.compound],
      ['物业服务企业', input.firm],
      ['检查日期', input.date],
      ['检查人', input.inspector],
    ];
    const half = sheet.width / 2;
    for (let i = 0; i < pairs.length; i += 2) {
      const top = sheet.y;
      for (const [column, [label, value]] of pairs.slice(i, i + 2).entries()) {
        const x = sheet.left + column * half;
        if (value) {
          sheet.font(10.5, true).doc.text(`${label}：`, x, top, { continued: true, lineBreak: false });
          sheet.font(10.5).doc.text(value, { lineBreak: false });
        } else {
          sheet.signatureLine(`${label}：`, x, top, half - 16);
        }
      }
      sheet.y = top + 24;
    }
    sheet.text(
      '填写说明：逐项检查，在“合格（√）”“不合格（×）”或“不适用”栏内打√；不合格项在备注栏写明问题和位置。',
      {
        size: 8.5,
        color: '#555555',
        gap: 6,
      },
    );
    const box = (outcome: Outcome | null, which: Outcome): Cell => ({ box: outcome === which });
    sheet.table(
      [
        { header: '序号', width: 0.45, align: 'center' },
        { header: '编号', width: 0.7, align: 'center' },
        { header: '检查项目及要求', width: 5.8 },
        { header: '合格（√）', width: 0.75 },
        { header: '不合格（×）', width: 0.75 },
        { header: '不适用', width: 0.75 },
        { header: '备注', width: 2.1 },
      ],
      input.rows.map((row, index) => [
        String(index + 1),
        row.code,
        `${row.title}${row.keyPart ? `【${row.keyPart}】` : ''}：${row.requirement}`,
        box(row.outcome, 'pass'),
        box(row.outcome, 'fail'),
        box(row.outcome, 'na'),
        row.note,
      ]),
      { size: 7.5 },
    );
    const counts = (outcome: Outcome) => input.rows.filter((row) => row.outcome === outcome).length;
    if (input.filled) {
      sheet.fields(
        [
          ['提交时间', input.filled.submittedAt],
          ['得分', input.filled.score],
          ['合格率', input.filled.complianceRate],
          ['合格 / 不合格 / 不适用', `${counts('pass')} / ${counts('fail')} / ${counts('na')}`],
        ],
        2,
      );
      if (input.filled.notes) sheet.text(`检查说明：${input.filled.notes}`, { size: 9.5, gap: 6 });
    } else {
      sheet.ensure(60);
      sheet.text('检查说明：', { size: 10.5, gap: 40 });
    }
    sheet.ensure(40);
    const top = sheet.y + 8;
    sheet.signatureLine('检查人（签字）', sheet.left, top, half - 16);
    sheet.signatureLine('物业企业负责人（签字）', sheet.left + half, top, half);
    sheet.y = top + 24;
  };

export function renderChecklistSheet(fonts: LoadedFonts, input: ChecklistSheetInput): Promise<Buffer> {
  return renderPdf(
    {
      fonts,
      title: input.title,
      subject: `${input.title}${input.compound ? ` · ${input.compound}` : ''}`,
      createdAt: input.createdAt,
    },
    (page, total) => `${input.title}\u3000第 ${page} 页 / 共 ${total} 页`,
    layout(input),
  );
}
