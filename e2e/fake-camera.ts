import fs from 'node:fs';
import QRCode from 'qrcode';

/**
 * A video of a QR code for Chromium's fake camera (`--use-file-for-fake-video-capture`): a few
 * frames of the code, black on white, in the Y4M format Chromium reads (YUV 4:2:0, grey: the
 * colour planes at 128). The browser loops it, so the camera shows the code for as long as asked.
 */
export function writeQrVideo(text: string, file: string): void {
  const matrix = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const MODULE = 8;
  const QUIET = 4;
  const side = (matrix.size + 2 * QUIET) * MODULE;
  const size = side % 2 === 0 ? side : side + 1;
  const luma = Buffer.alloc(size * size, 255);
  for (let row = 0; row < matrix.size; row++)
    for (let column = 0; column < matrix.size; column++) {
      if (!matrix.get(row, column)) continue;
      for (let y = 0; y < MODULE; y++) {
        const start = ((row + QUIET) * MODULE + y) * size + (column + QUIET) * MODULE;
        luma.fill(0, start, start + MODULE);
      }
    }
  const chroma = Buffer.alloc((size / 2) * (size / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${size} H${size} F10:1 Ip A1:1 C420jpeg\n`);
  fs.writeFileSync(file, Buffer.concat([header, ...Array.from({ length: 5 }, () => frame)]));
}
