// 档案册: the printable file book of one archived round — cover, contents, the round's figures,
// every inspection with its items, notes and photos, the rectification ledger with each item's
// history and 销号 date, the evidence list, and the signature page.
import type { Readable } from 'node:stream';
import { tracedEntryId } from '@pilot/domain';
import type { LoadedFonts } from './cjk-font.js';
import type {
  ArchivedEvidence,
  ArchivedRectification,
  ArchivedResult,
  FileBookInput,
} from './file-book-data.js';
import { planPages, streamPdf, type Layout, type PagePlan } from './pdf-output.js';
import type { Sheet, SheetOptions } from './pdf-sheet.js';
import {
  dateText,
  dateTimeText,
  kindText,
  outcomeText,
  percentText,
  rectificationStatusText,
  roundKindText,
  scoreText,
  severityText,
  sizeText,
  starText,
  taskStatusText,
  verdictText,
} from './print-labels.js';

/** The book's parts, in order; each is a named place the contents link to. */
export const BOOK_SECTIONS = [
  { id: 'summary', title: '一、轮次评价汇总' },
  { id: 'tasks', title: '二、检查任务台账' },
  { id: 'inspections', title: '三、检查记录' },
  { id: 'rectifications', title: '四、整改台账' },
  { id: 'evidence', title: '五、佐证材料目录' },
  { id: 'signatures', title: '六、签字确认' },
] as const;

/** Past this many inspections the contents list only the parts, not every inspection. */
const MAX_LISTED_INSPECTIONS = 60;

const PHOTO = { columns: 3, height: 118, captionHeight: 22, gap: 8 } as const;

interface PhotoRef {
  id: string;
  caption: string;
}

function submittedOrder(a: ArchivedResult, b: ArchivedResult): number {
  return Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || (a.id < b.id ? -1 : 1);
}

class FileBookLayout {
  private readonly evidence: Map<string, ArchivedEvidence>;
  private readonly tasks: Map<string, FileBookInput['document']['tasks'][number]>;
  private readonly results: ArchivedResult[];

  constructor(
    private readonly input: FileBookInput,
    private readonly sheet: Sheet,
    private readonly context: Parameters<Layout>[1],
  ) {
    this.evidence = new Map(input.document.evidence.map((e) => [e.id, e]));
    this.tasks = new Map(input.document.tasks.map((t) => [t.id, t]));
    this.results = [...input.document.results].sort(submittedOrder);
  }

  private person(id: string | null | undefined): string {
    if (!id) return '';
    return this.input.people.get(id) ?? id;
  }

  private standardTitle(code: string): string {
    return this.input.standards.get(code)?.title ?? '';
  }

  private mark(id: string): void {
    this.context.found.set(id, this.sheet.page);
  }

  private pageOf(id: string): string {
    const page = this.context.plan?.pages.get(id);
    return page === undefined ? '' : String(page);
  }

  async draw(): Promise<void> {
    this.cover();
    this.contents();
    this.summary();
    this.taskLedger();
    await this.inspections();
    await this.rectifications();
    this.evidenceList();
    this.signatures();
  }

  private cover(): void {
    const { sheet, input } = this;
    const { archive } = input.document;
    sheet.y = 150;
    sheet.text('物业服务企业激励评价试点', { size: 16, align: 'center', gap: 10 });
    sheet.text('档 案 册', { size: 34, bold: true, align: 'center', gap: 26 });
    sheet.text(archive.compound, { size: 22, bold: true, align: 'center', gap: 6 });
    sheet.text(`第${archive.round.number}轮 · ${roundKindText(archive.round.kind)}`, {
      size: 14,
      align: 'center',
      gap: 60,
    });
    sheet.fields(
      [
        ['小区', archive.compound],
        ['所属社区', input.community ?? ''],
        ['物业服务企业', archive.firm],
        ['轮次', `第${archive.round.number}轮（${roundKindText(archive.round.kind)}）`],
        ['轮次起止', `${dateText(archive.round.startsAt)} 至 ${dateText(archive.round.endsAt)}`],
        ['评价日期', dateText(input.round.evaluatedAt)],
        ['评价得分', scoreText(archive.round.score)],
        ['星级', starText(archive.round.starRating)],
        ['归档日期', dateText(archive.createdAt)],
        ['档案编号', archive.id],
      ],
      2,
    );
    sheet.y += 30;
    sheet.text(`电子档案校验值（SHA-256）：${input.archiveHash}`, { size: 8.5, color: '#555555' });
    sheet.text('本册由归档时形成的电子档案生成，内容与电子档案一致；照片为上传原件缩放排版。', {
      size: 8.5,
      color: '#555555',
    });
  }

  private contents(): void {
    const { sheet } = this;
    sheet.newPage();
    sheet.text('目  录', { size: 18, bold: true, align: 'center', gap: 16 });
    const line = (title: string, id: string, indent: number, size: number) => {
      sheet.ensure(size + 8);
      const top = sheet.y;
      const page = this.pageOf(id);
      sheet.font(size);
      const { doc } = sheet;
      doc.text(title, sheet.left + indent, top, {
        width: sheet.width - indent - 40,
        lineBreak: false,
        goTo: id,
      });
      doc.text(page, sheet.left + sheet.width - 40, top, { width: 40, align: 'right', lineBreak: false });
      const start = sheet.left + indent + Math.min(doc.widthOfString(title), sheet.width - indent - 60) + 6;
      doc
        .lineWidth(0.4)
        .dash(1, { space: 2 })
        .strokeColor('#999999')
        .moveTo(start, top + size)
        .lineTo(sheet.left + sheet.width - 40 - doc.widthOfString(page) - 4, top + size)
        .stroke()
        .undash();
      sheet.y = top + size + 7;
    };
    for (const section of BOOK_SECTIONS) {
      line(section.title, section.id, 0, 11.5);
      if (section.id === 'inspections' && this.results.length <= MAX_LISTED_INSPECTIONS) {
        this.results.forEach((result, index) =>
          line(this.inspectionTitle(result, index), result.id, 18, 9.5),
        );
      }
    }
  }

  private inspectionTitle(result: ArchivedResult, index: number): string {
    const task = this.tasks.get(result.taskId);
    return `${index + 1}. ${kindText(task?.kind ?? '')} · ${dateText(result.submittedAt)}${task ? `（${task.key}）` : ''}`;
  }

  private summary(): void {
    const { sheet, input } = this;
    const { document, round } = input;
    sheet.newPage();
    this.mark('summary');
    sheet.heading(BOOK_SECTIONS[0].title, { destination: 'summary' });
    sheet.fields(
      [
        ['评价得分', scoreText(document.archive.round.score)],
        ['星级', starText(document.archive.round.starRating)],
        ['合格率', percentText(round.complianceRate)],
        ['规范操作执行率', percentText(round.operationRate)],
        ['是否达到星级服务标准', round.passed === null ? '—' : round.passed ? '达到' : '未达到'],
        [
          '重点部位（类别）',
          round.focusCategories.map((code) => input.categories.get(code) ?? code).join('、') || '—',
        ],
      ],
      2,
    );
    if (input.paperNote) sheet.text(input.paperNote, { color: '#555555', gap: 4 });
    sheet.y += 6;
    sheet.text('分类得分', { bold: true, size: 11.5, gap: 4 });
    sheet.table(
      [
        { header: '类别', width: 1, align: 'center' },
        { header: '类别名称', width: 4 },
        { header: '得分', width: 1.4, align: 'right' },
        { header: '合格项', width: 1.2, align: 'right' },
        { header: '不合格项', width: 1.2, align: 'right' },
      ],
      round.categoryScores.map((c) => [
        c.category,
        input.categories.get(c.category) ?? '',
        scoreText(c.score),
        c.passed === undefined ? '' : String(c.passed),
        c.failed === undefined ? '' : String(c.failed),
      ]),
    );
    const tasks = document.tasks;
    const items = document.rectifications;
    const overdue = items.filter((r) => {
      const closed = r.closedAt ? Date.parse(r.closedAt) : null;
      return closed === null
        ? r.status !== 'cancelled' && Date.parse(r.deadline) < Date.parse(document.archive.createdAt)
        : closed > Date.parse(r.deadline);
    }).length;
    sheet.text('工作量统计', { bold: true, size: 11.5, gap: 4 });
    sheet.table(
      [
        { header: '项目', width: 3 },
        { header: '数量', width: 1, align: 'right' },
      ],
      [
        ['检查任务', String(tasks.length)],
        ['其中已提交', String(tasks.filter((t) => t.status === 'submitted').length)],
        ['其中未按期完成', String(tasks.filter((t) => t.status === 'missed').length)],
        ['检查记录', String(document.results.length)],
        ['整改事项', String(items.length)],
        ['其中已销号', String(items.filter((r) => r.status === 'closed').length)],
        ['其中超期（含超期后销号）', String(overdue)],
        ['佐证材料', String(document.evidence.length)],
      ],
    );
  }

  private taskLedger(): void {
    const { sheet, input } = this;
    sheet.newPage();
    this.mark('tasks');
    sheet.heading(BOOK_SECTIONS[1].title, { destination: 'tasks' });
    sheet.table(
      [
        { header: '序号', width: 0.7, align: 'center' },
        { header: '任务', width: 2.2 },
        { header: '检查类别', width: 1.8 },
        { header: '截止时间', width: 1.9 },
        { header: '状态', width: 1.3 },
        { header: '检查人', width: 1.3 },
        { header: '提交时间', width: 1.9 },
      ],
      input.document.tasks.map((task, index) => [
        String(index + 1),
        task.key,
        kindText(task.kind),
        dateTimeText(task.dueAt),
        taskStatusText(task.status),
        this.person(task.assigneeId),
        dateTimeText(task.submittedAt),
      ]),
    );
  }

  private async inspections(): Promise<void> {
    const { sheet } = this;
    sheet.newPage();
    this.mark('inspections');
    sheet.heading(BOOK_SECTIONS[2].title, { destination: 'inspections' });
    if (this.results.length === 0) sheet.text(this.input.paperNote ?? '本轮无检查记录。');
    for (const [index, result] of this.results.entries()) {
      if (index > 0) sheet.y += 10;
      const task = this.tasks.get(result.taskId);
      sheet.heading(this.inspectionTitle(result, index), { size: 12, keep: 80, destination: result.id });
      // After the heading: keeping it with its table may have moved it to the next page.
      this.mark(result.id);
      sheet.fields(
        [
          ['检查人', this.person(result.submittedById)],
          ['提交时间', dateTimeText(result.submittedAt)],
          ['得分', scoreText(result.score)],
          ['合格率', percentText(result.complianceRate)],
          ['计划截止', dateTimeText(task?.dueAt)],
          ['评价标准版本', result.catalogueVersionId],
        ],
        2,
      );
      sheet.table(
        [
          { header: '编号', width: 0.9, align: 'center' },
          { header: '检查项目', width: 3.2 },
          { header: '重点部位', width: 1.2 },
          { header: '结果', width: 0.9, align: 'center' },
          { header: '得分', width: 0.8, align: 'right' },
          { header: '备注', width: 3 },
        ],
        result.items.map((item) => [
          item.standardCode,
          this.standardTitle(item.standardCode),
          item.keyPart,
          outcomeText(item.outcome),
          item.score === null || item.score === undefined ? '' : scoreText(item.score),
          item.note ?? '',
        ]),
      );
      if (result.notes) sheet.text(`检查说明：${result.notes}`, { gap: 6 });
      const refs: PhotoRef[] = [
        ...result.evidenceIds.map((id) => ({ id, caption: '整体' })),
        ...result.items.flatMap((item) =>
          item.evidenceIds.map((id) => ({
            id,
            caption: item.keyPart ? `${item.standardCode} · ${item.keyPart}` : item.standardCode,
          })),
        ),
      ];
      // Cited logbook entries are records, not photos: the book names them by standard.
      const cited = refs.filter((ref) => tracedEntryId(ref.id) !== null);
      if (cited.length > 0)
        sheet.text(
          `引用痕迹记录 ${cited.length} 条：${[...new Set(cited.map((c) => c.caption))].join('、')}`,
          {
            gap: 6,
          },
        );
      await this.photos(refs.filter((ref) => tracedEntryId(ref.id) === null));
    }
  }

  private async rectifications(): Promise<void> {
    const { sheet, input } = this;
    const items = input.document.rectifications;
    sheet.newPage();
    this.mark('rectifications');
    sheet.heading(BOOK_SECTIONS[3].title, { destination: 'rectifications' });
    sheet.table(
      [
        { header: '序号', width: 0.7, align: 'center' },
        { header: '标准', width: 0.9, align: 'center' },
        { header: '发现问题', width: 3.4 },
        { header: '程度', width: 0.8, align: 'center' },
        { header: '下发日期', width: 1.4 },
        { header: '整改期限', width: 1.4 },
        { header: '状态', width: 1.4 },
        { header: '销号日期', width: 1.4 },
      ],
      items.map((item, index) => [
        String(index + 1),
        item.standardCode,
        item.finding,
        severityText(item.severity),
        dateText(item.openedAt),
        dateText(item.deadline),
        rectificationStatusText(item.status),
        dateText(item.closedAt),
      ]),
    );
    if (items.length === 0) sheet.text('本轮无整改事项。');
    for (const [index, item] of items.entries()) await this.rectificationHistory(item, index);
  }

  private async rectificationHistory(item: ArchivedRectification, index: number): Promise<void> {
    const { sheet } = this;
    sheet.y += 6;
    sheet.heading(
      `${index + 1}. ${item.standardCode} ${this.standardTitle(item.standardCode)}（${item.id}）`,
      {
        size: 11,
        keep: 50,
      },
    );
    sheet.text(
      `问题：${item.finding}\u3000程度：${severityText(item.severity)}${item.critical ? '（关键项）' : ''}\u3000期限：${dateTimeText(item.deadline)}\u3000销号：${dateText(item.closedAt) || '未销号'}`,
      { size: 9.5, gap: 4 },
    );
    const steps: Array<{ at: number; text: string }> = [
      ...item.events.map((e) => ({
        at: Date.parse(e.at),
        text: `${dateTimeText(e.at)}\u3000${e.fromStatus ? `${rectificationStatusText(e.fromStatus)} → ` : ''}${rectificationStatusText(e.toStatus)}${e.actorId ? `\u3000${this.person(e.actorId)}` : ''}${e.note ? `\u3000${e.note}` : ''}`,
      })),
      ...item.responses.map((r) => ({
        at: Date.parse(r.respondedAt),
        text: `${dateTimeText(r.respondedAt)}\u3000整改答复（${this.person(r.responderId)}）：${r.text}`,
      })),
      ...item.verifications.map((v) => ({
        at: Date.parse(v.verifiedAt),
        text: `${dateTimeText(v.verifiedAt)}\u3000${verdictText(v.verdict)}（${this.person(v.verifierId)}）${v.reason ? `：${v.reason}` : ''}${v.newDeadline ? `\u3000新期限 ${dateText(v.newDeadline)}` : ''}`,
      })),
    ].sort((a, b) => a.at - b.at);
    for (const step of steps) sheet.text(step.text, { size: 9, indent: 12, gap: 1 });
    await this.photos([
      ...item.responses.flatMap((r) =>
        r.evidenceIds.map((id) => ({ id, caption: `整改答复 ${dateText(r.respondedAt)}` })),
      ),
      ...item.events.flatMap((e) =>
        e.evidenceIds.map((id) => ({ id, caption: rectificationStatusText(e.toStatus) })),
      ),
    ]);
  }

  /** Photos three to a row in fixed cells; the counting pass draws the cells without reading a file. */
  private async photos(refs: readonly PhotoRef[]): Promise<void> {
    if (refs.length === 0) return;
    const { sheet } = this;
    const width = (sheet.width - PHOTO.gap * (PHOTO.columns - 1)) / PHOTO.columns;
    const rowHeight = PHOTO.height + PHOTO.captionHeight;
    for (let start = 0; start < refs.length; start += PHOTO.columns) {
      sheet.ensure(rowHeight);
      const top = sheet.y;
      for (const [column, ref] of refs.slice(start, start + PHOTO.columns).entries()) {
        const x = sheet.left + column * (width + PHOTO.gap);
        const evidence = this.evidence.get(ref.id);
        const counting = this.context.plan === null;
        const bytes = evidence && !counting ? await this.input.readEvidence(evidence) : null;
        const fallback = !evidence
          ? `未收录的材料 ${ref.id}`
          : counting || bytes
            ? `${evidence.fileName}（${evidence.contentType}，见电子档案）`
            : `${evidence.fileName}：文件缺失或校验不一致，未收录`;
        sheet.photo(bytes, x, top, width, PHOTO.height, fallback);
        sheet
          .font(7.5, false, '#555555')
          .doc.text(`${ref.caption}\u3000${evidence?.fileName ?? ref.id}`, x, top + PHOTO.height + 3, {
            width,
            height: PHOTO.captionHeight - 4,
            ellipsis: true,
            lineBreak: false,
          });
        await this.context.pace();
      }
      sheet.y = top + rowHeight;
      sheet.font(10.5);
    }
  }

  private evidenceList(): void {
    const { sheet, input } = this;
    sheet.newPage();
    this.mark('evidence');
    sheet.heading(BOOK_SECTIONS[4].title, { destination: 'evidence' });
    sheet.table(
      [
        { header: '序号', width: 0.7, align: 'center' },
        { header: '材料编号', width: 2.2 },
        { header: '文件名', width: 2.4 },
        { header: '类型', width: 1.2 },
        { header: '大小', width: 1 },
        { header: '上传人', width: 1.1 },
        { header: '上传时间', width: 1.7 },
        { header: 'SHA-256（前16位）', width: 1.9 },
      ],
      input.document.evidence.map((e, index) => [
        String(index + 1),
        e.id,
        e.fileName,
        e.contentType,
        sizeText(e.sizeBytes),
        this.person(e.uploadedById),
        dateTimeText(e.uploadedAt),
        e.sha256.slice(0, 16),
      ]),
      { size: 8 },
    );
  }

  private signatures(): void {
    const { sheet, input } = this;
    sheet.newPage();
    this.mark('signatures');
    sheet.heading(BOOK_SECTIONS[5].title, { destination: 'signatures' });
    sheet.text(
      `经核对，本档案册所载 ${input.document.archive.compound} 第${input.document.archive.round.number}轮的检查记录、整改台账及佐证材料真实、完整，与电子档案一致。`,
      { gap: 24 },
    );
    const { doc } = sheet;
    const rows = ['检查人（签字）', '物业企业负责人（签字）', '街道审核（签字）'];
    for (const label of rows) {
      const top = sheet.y;
      sheet.signatureLine(label, sheet.left, top, sheet.width * 0.58);
      sheet.signatureLine('日期', sheet.left + sheet.width * 0.64, top, sheet.width * 0.36);
      sheet.y = top + 44;
    }
    const size = 120;
    const x = sheet.left + sheet.width - size;
    const top = sheet.y + 10;
    doc
      .lineWidth(0.6)
      .dash(3, { space: 3 })
      .strokeColor('#777777')
      .rect(x, top, size, size)
      .stroke()
      .undash();
    sheet.font(10.5, false, '#777777');
    doc.text('（盖章）', x, top + size / 2 - 7, { width: size, align: 'center', lineBreak: false });
    sheet.font(10.5);
    sheet.y = top + size + 10;
  }
}

export interface FileBookOptions {
  fonts: LoadedFonts;
  input: FileBookInput;
}

function sheetOptions(input: FileBookInput, fonts: LoadedFonts): Omit<SheetOptions, 'footer'> {
  const { archive } = input.document;
  return {
    fonts,
    title: `${archive.compound} 第${archive.round.number}轮档案册`,
    subject: '物业服务企业激励评价试点 建档建册',
    // The archive's own date: the same archive always gives the same bytes, and so the same hash.
    createdAt: new Date(archive.createdAt),
  };
}

const layout =
  (input: FileBookInput): Layout =>
  (sheet, context) =>
    new FileBookLayout(input, sheet, context).draw();

/** Lays the book out once to number its pages, then streams it; returns the stream and the page count. */
export async function streamFileBook({
  fonts,
  input,
}: FileBookOptions): Promise<{ stream: Readable; plan: PagePlan }> {
  const options = sheetOptions(input, fonts);
  const plan = await planPages(options, layout(input));
  const title = `${input.document.archive.compound} 第${input.document.archive.round.number}轮档案册`;
  const stream = streamPdf(
    { ...options, footer: (page) => (page === 1 ? '' : `${title}\u3000第 ${page} 页 / 共 ${plan.total} 页`) },
    plan,
    layout(input),
  );
  return { stream, plan };
}
