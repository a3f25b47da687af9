// The 扫码报事 poster: an A4 sheet posted at a compound's gate and notice boards. The QR code is
// drawn as vector squares, so it stays sharp at any print size and a printer cannot blur it.
import type { LoadedFonts } from '../printing/cjk-font.js';
import { renderPdf, type Layout } from '../printing/pdf-output.js';
import { A4, type Sheet } from '../printing/pdf-sheet.js';
import { drawQr } from '../printing/qr-code.js';

export const POSTER_TITLE = '扫码报事';

export const POSTER_STEPS = [
  '扫码登录或注册',
  '选择问题类别、填写位置、拍照',
  '在「我的事项」查看进度并评价',
] as const;

export interface PosterPage {
  compoundName: string;
  communityName: string;
  subdistrict: string;
  /** What the code opens: the admin UI's report page for this compound. */
  url: string;
}

const INK = '#111111';
const MUTED = '#555555';
const ACCENT = '#b71c1c';
const QR_SIZE = 300;

function centred(sheet: Sheet, value: string, y: number, size: number, bold = false, color = INK): void {
  sheet.font(size, bold, color);
  sheet.doc.text(value, sheet.left, y, { width: sheet.width, align: 'center', lineBreak: false });
}

function drawPoster(sheet: Sheet, page: PosterPage): void {
  const { doc } = sheet;
  centred(sheet, POSTER_TITLE, 70, 60, true, ACCENT);
  centred(sheet, page.compoundName, 160, 30, true);
  centred(sheet, page.communityName, 205, 16, false, MUTED);

  const qrX = (A4.width - QR_SIZE) / 2;
  const qrY = 240;
  drawQr(doc, page.url, qrX, qrY, QR_SIZE);
  doc
    .lineWidth(1)
    .strokeColor('#999999')
    .rect(qrX - 0.5, qrY - 0.5, QR_SIZE + 1, QR_SIZE + 1)
    .stroke();
  // For a phone that cannot scan: the address to type.
  sheet.font(9, false, MUTED);
  doc.text(page.url, sheet.left, qrY + QR_SIZE + 8, { width: sheet.width, align: 'center' });

  let y = qrY + QR_SIZE + 40;
  POSTER_STEPS.forEach((step, index) => {
    sheet.font(17, true, ACCENT);
    doc.text(`${index + 1}`, sheet.left + 90, y, { width: 30, align: 'right', lineBreak: false });
    sheet.font(17, false, INK);
    doc.text(step, sheet.left + 130, y, { width: sheet.width - 130, lineBreak: false });
    y += 32;
  });

  centred(sheet, '小区里的问题，随手一拍，社区和物业及时处理', y + 14, 12, false, MUTED);
  centred(sheet, page.subdistrict, sheet.bottom - 40, 18, true);
}

function layout(pages: readonly PosterPage[]): Layout {
  return (sheet) => {
    pages.forEach((page, index) => {
      if (index > 0) sheet.newPage();
      drawPoster(sheet, page);
    });
  };
}

/** One poster per page: a single compound's, or a whole community's printed at once. */
export function renderReportPosters(fonts: LoadedFonts, pages: readonly PosterPage[]): Promise<Buffer> {
  const first = pages[0];
  return renderPdf(
    {
      fonts,
      title: `${POSTER_TITLE}${first ? ` · ${pages.length === 1 ? first.compoundName : first.communityName}` : ''}`,
      subject: POSTER_TITLE,
      // A poster has no date of its own; a fixed one keeps reprints byte for byte the same.
      createdAt: new Date(Date.UTC(2024, 0, 1)),
    },
    () => '',
    layout(pages),
  );
}
