/** Why an offline QR payload is refused before any cryptographic check. */
export const OFFLINE_PAYLOAD_CODES = [
  'offline-payload-invalid',
  'offline-payload-too-large',
  'offline-payload-unsupported',
  'offline-request-signature-invalid',
  'offline-request-untrusted',
  'offline-request-expired',
  'offline-response-mismatch',
] as const;

export type OfflinePayloadCode = (typeof OFFLINE_PAYLOAD_CODES)[number];

export class OfflinePayloadError extends Error {
  readonly code: OfflinePayloadCode;
  constructor(code: OfflinePayloadCode, detail: string) {
    super(detail);
    this.name = 'OfflinePayloadError';
    this.code = code;
  }
}
