// A QR code drawn as vector squares: it stays sharp at any print size and a printer cannot blur it.
import QRCode from 'qrcode';

/** The light margin a scanner needs around the code, in modules (the standard asks for 4). */
const QUIET_MODULES = 4;

/** The code's dark modules as one filled path, rows merged into runs so no hairline gaps show. */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  // M (15 % recoverable): posters and labels get scuffed and rained on, and the URLs are short.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = size / (modules.size + 2 * QUIET_MODULES);
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < modules.size; row += 1) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col += 1;
      doc.rect(
        x + (QUIET_MODULES + start) * cell,
        y + (QUIET_MODULES + row) * cell,
        (col - start) * cell,
        cell,
      );
    }
  }
  doc.fill('#000000');
  doc.restore();
}
