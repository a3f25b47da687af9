// A4 pages for official paper: Chinese text in the embedded CJK font, tables that carry their header
// over page breaks, tick boxes, photos fitted into fixed cells, and a footer on every page.
import PDFDocument from 'pdfkit';
import type { LoadedFonts } from './cjk-font.js';

export const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = { top: 56, bottom: 60, left: 50, right: 50 } as const;

const INK = '#111111';
const MUTED = '#555555';
const RULE = '#888888';
const HEADER_FILL = '#e8e8e8';

export interface SheetOptions {
  fonts: LoadedFonts;
  title: string;
  subject: string;
  /** Written into the file's metadata; a fixed date makes the same content give the same bytes. */
  createdAt: Date;
  /** The line at the foot of every page, given its number (from 1). */
  footer: (page: number) => string;
  /** Headings and links become clickable: named destinations and the outline (bookmarks) panel. */
  outline?: boolean;
}

export interface Column {
  header: string;
  /** Share of the table's width; the shares of a table are normalised. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

/** What a table cell holds: text, or a tick box (checked or not) with an optional mark. */
export type Cell = string | { box: boolean };

/** Long cells would make a row taller than a page; the full text stays in the JSON archive. */
const MAX_CELL_CHARS = 400;

export class Sheet {
  readonly doc: PDFKit.PDFDocument;
  private pageNumber = 0;
  private readonly footer: (page: number) => string;

  constructor(options: SheetOptions) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { ...MARGIN },
      info: {
        Title: options.title,
        Subject: options.subject,
        Creator: 'pilot-platform',
        CreationDate: options.createdAt,
      },
      // Pages are flushed as soon as the next one starts: a long book never sits in memory.
      bufferPages: false,
      autoFirstPage: false,
      lang: 'zh-CN',
      displayTitle: true,
    });
    this.footer = options.footer;
    this.doc.registerFont('cjk', options.fonts.regular.bytes, options.fonts.regular.face);
    this.doc.registerFont('cjk-bold', options.fonts.bold.bytes, options.fonts.bold.face);
    // Counted here rather than in newPage: text that runs over the foot makes PDFKit add pages itself.
    this.doc.on('pageAdded', () => {
      this.pageNumber += 1;
      this.drawFooter();
    });
    this.doc.addPage();
    this.doc.font('cjk').fontSize(10.5).fillColor(INK);
  }

  get page(): number {
    return this.pageNumber;
  }
  get left(): number {
    return MARGIN.left;
  }
  get width(): number {
    return A4.width - MARGIN.left - MARGIN.right;
  }
  get y(): number {
    return this.doc.y;
  }
  set y(value: number) {
    this.doc.y = value;
  }
  /** The lowest y content may reach on this page. */
  get bottom(): number {
    return A4.height - MARGIN.bottom;
  }

  private drawFooter(): void {
    const { doc } = this;
    const page = this.pageNumber;
    const x = doc.x;
    const y = doc.y;
    // The footer sits in the bottom margin; with the margin kept, PDFKit would start a new page for it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('cjk')
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(this.footer(page), MARGIN.left, A4.height - MARGIN.bottom + 22, {
        width: this.width,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
    doc.font('cjk').fontSize(10.5).fillColor(INK);
    doc.x = x;
    doc.y = y;
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = MARGIN.left;
    this.doc.y = MARGIN.top;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  font(size: number, bold = false, color = INK): this {
    this.doc
      .font(bold ? 'cjk-bold' : 'cjk')
      .fontSize(size)
      .fillColor(color);
    return this;
  }

  /** Text across the content width (or from `indent`), flowing over pages as needed. */
  text(
    value: string,
    options: {
      size?: number;
      bold?: boolean;
      color?: string;
      indent?: number;
      align?: 'left' | 'center' | 'right';
      gap?: number;
    } = {},
  ): void {
    this.font(options.size ?? 10.5, options.bold ?? false, options.color ?? INK);
    const indent = options.indent ?? 0;
    this.doc.text(value, MARGIN.left + indent, this.doc.y, {
      width: this.width - indent,
      align: options.align ?? 'left',
      lineGap: 2,
    });
    this.doc.y += options.gap ?? 2;
    this.font(10.5);
  }

  /** A section heading kept with at least `keep` points of what follows it. */
  heading(value: string, options: { size?: number; keep?: number; destination?: string } = {}): void {
    const size = options.size ?? 14;
    this.ensure(size * 2 + (options.keep ?? 60));
    if (options.destination)
      this.doc.addNamedDestination(options.destination, 'XYZ', MARGIN.left, this.doc.y, null);
    this.text(value, { size, bold: true, gap: size * 0.4 });
  }

  /** Label–value pairs in `columns` columns, e.g. 小区 / 物业企业 on a cover or above a checklist. */
  fields(pairs: ReadonlyArray<readonly [string, string]>, columns = 2): void {
    const columnWidth = this.width / columns;
    for (let i = 0; i < pairs.length; i += columns) {
      const row = pairs.slice(i, i + columns);
      this.font(10.5);
      const height = Math.max(
        ...row.map(([label, value]) =>
          this.doc.heightOfString(`${label}：${value}`, { width: columnWidth - 8 }),
        ),
      );
      this.ensure(height + 4);
      const top = this.doc.y;
      row.forEach(([label, value], index) => {
        const x = MARGIN.left + index * columnWidth;
        this.font(10.5, true).doc.text(`${label}：`, x, top, { continued: true, width: columnWidth - 8 });
        this.font(10.5).doc.text(value || ' ', { width: columnWidth - 8 });
      });
      this.doc.y = top + height + 4;
    }
  }

  /**
   * A ruled table; a row that does not fit starts a new page, where the header is drawn again.
   * Returns nothing: the cursor ends below the table.
   */
  table(
    columns: readonly Column[],
    rows: ReadonlyArray<readonly Cell[]>,
    options: { size?: number } = {},
  ): void {
    const size = options.size ?? 9;
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const pad = 3;
    const measure = (cells: readonly Cell[], bold: boolean): number => {
      this.font(size, bold);
      return Math.max(
        size + 2 * pad,
        ...cells.map((cell, i) =>
          typeof cell === 'string'
            ? this.doc.heightOfString(clip(cell) || ' ', { width: widths[i]! - 2 * pad, lineGap: 1 }) +
              2 * pad
            : size + 2 * pad,
        ),
      );
    };
    const drawRow = (cells: readonly Cell[], height: number, header: boolean): void => {
      const top = this.doc.y;
      let x = MARGIN.left;
      cells.forEach((cell, i) => {
        const width = widths[i]!;
        if (header) this.doc.rect(x, top, width, height).fill(HEADER_FILL);
        this.doc.lineWidth(0.5).strokeColor(RULE).rect(x, top, width, height).stroke();
        if (typeof cell === 'string') {
          this.font(size, header).doc.text(clip(cell), x + pad, top + pad, {
            width: width - 2 * pad,
            align: header ? 'center' : (columns[i]!.align ?? 'left'),
            lineGap: 1,
          });
        } else {
          this.tickBox(x + width / 2 - 5, top + height / 2 - 5, 10, cell.box);
        }
        x += width;
      });
      this.doc.x = MARGIN.left;
      this.doc.y = top + height;
    };
    const headerCells = columns.map((c) => c.header);
    const headerHeight = measure(headerCells, true);
    this.ensure(headerHeight + size * 3);
    drawRow(headerCells, headerHeight, true);
    for (const row of rows) {
      const height = measure(row, false);
      if (this.doc.y + height > this.bottom) {
        this.newPage();
        drawRow(headerCells, headerHeight, true);
      }
      drawRow(row, height, false);
    }
    this.doc.y += 6;
    this.font(10.5);
  }

  /** A square to tick by hand, or ticked (√, the mark Chinese forms use). */
  tickBox(x: number, y: number, size: number, checked: boolean): void {
    this.doc.lineWidth(0.8).strokeColor(INK).rect(x, y, size, size).stroke();
    if (checked) {
      // As text, not a drawn tick, so the mark is in the file's text (search, copy, accessibility).
      this.font(size + 2, true);
      const width = this.doc.widthOfString('√');
      this.doc.text('√', x + (size - width) / 2, y + size / 2, { lineBreak: false, baseline: 'middle' });
    }
  }

  /** A blank line to write on, with its label: 检查人（签字）________ */
  signatureLine(label: string, x: number, y: number, width: number): void {
    this.font(10.5).doc.text(label, x, y, { lineBreak: false });
    const start = x + this.doc.widthOfString(label) + 4;
    this.doc
      .lineWidth(0.6)
      .strokeColor(INK)
      .moveTo(start, y + 13)
      .lineTo(x + width, y + 13)
      .stroke();
  }

  /**
   * A photo fitted into a fixed cell, so the layout never depends on the picture (the book is laid
   * out once without reading any photo). What PDFKit cannot embed is named in the cell instead.
   */
  photo(
    bytes: Uint8Array | null,
    x: number,
    y: number,
    width: number,
    height: number,
    fallback: string,
  ): void {
    this.doc.lineWidth(0.5).strokeColor(RULE).rect(x, y, width, height).stroke();
    if (bytes) {
      try {
        this.doc.image(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), x + 2, y + 2, {
          fit: [width - 4, height - 4],
          align: 'center',
          valign: 'center',
        });
        return;
      } catch {
        // Not a JPEG or PNG PDFKit can read (WebP, a PDF scan, a damaged file): say so in the cell.
      }
    }
    this.font(8.5, false, MUTED).doc.text(fallback, x + 6, y + height / 2 - 12, {
      width: width - 12,
      align: 'center',
    });
    this.font(10.5);
  }

  /** Finishes the document; the bytes keep flowing to whoever reads `doc`. */
  end(): void {
    this.doc.end();
  }
}

function clip(text: string): string {
  return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS)}…` : text;
}
