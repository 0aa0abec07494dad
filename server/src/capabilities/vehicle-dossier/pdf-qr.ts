/**
 * A QR code drawn as vector squares (crisp at any zoom, no image to embed), one filled path of
 * horizontal runs of dark modules.
 */
import QRCode from 'qrcode';
import type { Doc } from '../../documents/index.ts';

/** Draws a QR code of `text` with its top-left corner at (x, y) and `size` points wide, quiet zone included. */
export function drawQrCode(doc: Doc, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4; // the quiet zone the QR standard asks for, in modules
  const module = size / (modules.size + 2 * quiet);
  doc.save();
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      doc.rect(x + (start + quiet) * module, y + (row + quiet) * module, (col - start) * module, module);
    }
  }
  doc.fillColor('#000000').fill();
  doc.restore();
}
