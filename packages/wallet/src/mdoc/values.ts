/**
 * Element values between JSON-like input and ISO 18013-5 CBOR: `YYYY-MM-DD` strings become
 * full-date (tag 1004), images become bytes, objects become maps (driving_privileges); and back to
 * plain values for display and for the verifier's answer (images as data: URLs).
 */
import { DateOnly } from '@owf/mdoc';
import { fromBase64, toBase64, toBase64Url } from './crypto.ts';

const FULL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATA_URL = /^data:image\/(jpeg|png);base64,([A-Za-z0-9+/=]+)$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const IDENTIFIER = /^[A-Za-z0-9_.:-]{1,128}$/;
const MAX_DEPTH = 4;

/** A namespace, docType or element identifier: printable, short, no spaces or controls. */
export function assertIdentifier(kind: string, value: string): void {
  if (!IDENTIFIER.test(value))
    throw new TypeError(`${kind} "${value.slice(0, 40)}" is not a valid identifier`);
}

/** Converts an issuer's element value to what goes into the IssuerSignedItem. */
export function toElementValue(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new TypeError('element value nested too deeply');
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('element numbers must be finite');
    return value;
  }
  if (typeof value === 'string') return stringValue(value);
  if (value instanceof Uint8Array) return value;
  if (value instanceof Date) return new DateOnly(value.toISOString().slice(0, 10));
  if (Array.isArray(value)) return value.map((item) => toElementValue(item, depth + 1));
  if (typeof value === 'object') {
    const map = new Map<string, unknown>();
    for (const [key, item] of Object.entries(value)) {
      assertIdentifier('key', key);
      if (item !== undefined) map.set(key, toElementValue(item, depth + 1));
    }
    return map;
  }
  throw new TypeError(`unsupported element value of type ${typeof value}`);
}

function stringValue(value: string): unknown {
  if (CONTROL.test(value)) throw new TypeError('element strings must not contain control characters');
  if (FULL_DATE.test(value) && !Number.isNaN(Date.parse(value))) return new DateOnly(value);
  const image = DATA_URL.exec(value);
  if (image) return fromBase64(image[2]!);
  return value;
}

/** A decoded CBOR element value as plain data: full-dates as `YYYY-MM-DD`, images as data: URLs. */
export function fromElementValue(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH + 2) return null;
  if (isFullDate(value)) return value.toISOString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return imageDataUrl(value) ?? toBase64Url(value);
  if (Array.isArray(value)) return value.map((item) => fromElementValue(item, depth + 1));
  if (value instanceof Map) {
    const object: Record<string, unknown> = {};
    for (const [key, item] of value) object[String(key)] = fromElementValue(item, depth + 1);
    return object;
  }
  if (value && typeof value === 'object' && 'tag' in value && 'value' in value) {
    return fromElementValue((value as { value: unknown }).value, depth + 1);
  }
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/** JPEG or PNG bytes as a data: URL; null for other bytes. */
export function imageDataUrl(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return `data:image/jpeg;base64,${toBase64(bytes)}`;
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    return `data:image/png;base64,${toBase64(bytes)}`;
  }
  return null;
}

/** A decoded tag-1004 full-date, whichever CBOR library's DateOnly class decoded it. */
function isFullDate(value: unknown): value is { toISOString(): string } {
  return (
    value instanceof DateOnly ||
    (typeof value === 'object' &&
      value !== null &&
      value.constructor?.name === 'DateOnly' &&
      'toISOString' in value)
  );
}
