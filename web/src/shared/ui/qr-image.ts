import QRCode from 'qrcode';

/** A QR code as a PNG data URL (the CSP allows data: images). */
export function qrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'L', margin: 2, width: 512 });
}
