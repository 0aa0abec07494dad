/** Reading QR codes in the browser (jsQR): from a camera frame or from a picture. */
import jsQR from 'jsqr';

/** The text of the first QR code in an image (a photo or a camera frame), or null. */
export function readQr(image: ImageData): string | null {
  return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** Reads a QR code from an image file the person picked. */
export async function readQrFromFile(file: File): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(bitmap, 0, 0);
  return readQr(context.getImageData(0, 0, canvas.width, canvas.height));
}
