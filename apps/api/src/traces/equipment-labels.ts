// 标识标牌: a sheet of equipment labels to print on A4 and post on each item (a lift's car, a pump
// room's door). Each names the item, its number and the person responsible with a phone — what the
// article's 设备责任人明确 asks to be posted — and carries a QR code that opens the item's record.
import type { LoadedFonts } from '../printing/cjk-font.js';
import { renderPdf, type Layout } from '../printing/pdf-output.js';
import type { Sheet } from '../printing/pdf-sheet.js';
import { drawQr } from '../printing/qr-code.js';

export interface EquipmentLabel {
  compoundName: string;
  firmName: string;
  assetCode: string;
  name: string;
  typeLabel: string;
  site: string;
  responsible: string;
  responsiblePhone: string | null;
  contractor: string | null;
  contractorPhone: string | null;
  maintenance: string | null;
  /** What the code opens: the item's record in the admin UI. */
  url: string;
}

const COLUMNS = 2;
const ROWS = 4;
const GAP = 14;
// Four rows of 170 pt with their gaps end above the footer's margin (A4 is 842 pt tall).
const TOP = 48;
const HEIGHT = 170;
const QR = 84;
const INK = '#111111';
const MUTED = '#555555';
const ACCENT = '#0b5394';

function drawLabel(sheet: Sheet, label: EquipmentLabel, x: number, y: number, width: number): void {
  const { doc } = sheet;
  doc.lineWidth(1).strokeColor(ACCENT).rect(x, y, width, HEIGHT).stroke();
  doc.rect(x, y, width, 26).fill(ACCENT);
  sheet.font(12, true, '#ffffff');
  doc.text('设施设备标识牌', x + 10, y + 7, { width: width - 20, lineBreak: false });
  sheet.font(9, false, '#ffffff');
  doc.text(label.assetCode, x + 10, y + 9, { width: width - 20, align: 'right', lineBreak: false });

  const textWidth = width - QR - 24;
  const valueWidth = textWidth - 42;
  let line = y + 34;
  sheet.font(12, true, INK);
  doc.text(label.name, x + 10, line, { width: textWidth, height: 16, ellipsis: true, lineBreak: false });
  line += 22;
  const rows: Array<[string, string | null]> = [
    ['类型', label.typeLabel],
    ['位置', label.site],
    ['责任人', label.responsible],
    ['电话', label.responsiblePhone],
    ['维保单位', label.contractor],
    ['维保电话', label.contractorPhone],
    ['维保周期', label.maintenance],
  ];
  for (const [name, value] of rows) {
    if (value === null) continue;
    // A long contractor's name takes a second line rather than losing its end.
    sheet.font(8, false, INK);
    const height = Math.min(doc.heightOfString(value, { width: valueWidth }), 24);
    if (line + height > y + HEIGHT - 16) break;
    sheet.font(8, true, MUTED);
    doc.text(name, x + 10, line, { width: 40, lineBreak: false });
    sheet.font(8, false, INK);
    doc.text(value, x + 52, line, { width: valueWidth, height, ellipsis: true });
    line += height + 2;
  }
  drawQr(doc, label.url, x + width - QR - 8, y + 34, QR);
  sheet.font(7.5, false, MUTED);
  doc.text('扫码查看设备记录', x + width - QR - 8, y + 34 + QR + 2, {
    width: QR,
    align: 'center',
    lineBreak: false,
  });
  sheet.font(7.5, false, MUTED);
  doc.text(`${label.compoundName} · ${label.firmName}`, x + 10, y + HEIGHT - 13, {
    width: width - 20,
    lineBreak: false,
    ellipsis: true,
  });
}

function layout(labels: readonly EquipmentLabel[]): Layout {
  return (sheet) => {
    const width = (sheet.width - GAP) / COLUMNS;
    labels.forEach((label, index) => {
      const slot = index % (COLUMNS * ROWS);
      if (index > 0 && slot === 0) sheet.newPage();
      const column = slot % COLUMNS;
      const row = Math.floor(slot / COLUMNS);
      drawLabel(sheet, label, sheet.left + column * (width + GAP), TOP + row * (HEIGHT + GAP), width);
    });
  };
}

/** Eight labels a page, in register order, to cut out and post. */
export function renderEquipmentLabels(
  fonts: LoadedFonts,
  title: string,
  labels: readonly EquipmentLabel[],
): Promise<Buffer> {
  return renderPdf(
    {
      fonts,
      title,
      subject: '设施设备标识牌',
      // Labels have no date of their own; a fixed one keeps reprints byte for byte the same.
      createdAt: new Date(Date.UTC(2024, 0, 1)),
    },
    (page, total) => `${title} · 第 ${page} / ${total} 页`,
    layout(labels),
  );
}
