/**
 * Reading QR codes in the browser (jsQR): from a camera frame or from a picture. jsQR (≈130 kB) is
 * fetched when a code is first read, not with the screens that can read one.
 */

type ReadQr = (image: ImageData) => string | null;

let decoder: Promise<ReadQr> | undefined;

/** The decoder: the text of the first QR code in an image (a photo or a camera frame), or null. */
export function qrReader(): Promise<ReadQr> {
  decoder ??= import('jsqr').then(
    ({ default: jsQR }) =>
      (image) =>
        jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null,
  );
  return decoder;
}

/** A phone's photo is 12 megapixels or more: scaled down to this many pixels a side, it still reads. */
const MAX_SIDE = 1600;

/** Reads a QR code from a picture the person picked (a photo, a screenshot). */
export async function readQrFromFile(file: Blob): Promise<string | null> {
  const [readQr, bitmap] = await Promise.all([qrReader(), createImageBitmap(file)]);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return readQr(context.getImageData(0, 0, width, height));
}
