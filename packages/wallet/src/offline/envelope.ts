/**
 * The offline QR envelope: `<PREFIX>` + base45(deflate-raw(JSON)). Every payload fits one QR code
 * (version 40, level L, alphanumeric: 4,296 characters); inflation stops at a bound, so a small
 * "zip bomb" cannot fill the phone's memory.
 */
import { base45Decode, base45Encode } from './base45.ts';
import { utf8 } from './bytes.ts';
import { OfflinePayloadError } from './errors.ts';

/** The most alphanumeric characters one QR code holds (version 40, error correction L). */
export const MAX_QR_CHARACTERS = 4296;
/** The most bytes a payload may inflate to. */
export const MAX_INFLATED_BYTES = 32 * 1024;

export async function encodeEnvelope(prefix: string, value: unknown): Promise<string> {
  const deflated = await transform(utf8.encode(JSON.stringify(value)), new CompressionStream('deflate-raw'));
  const text = prefix + base45Encode(deflated);
  if (text.length > MAX_QR_CHARACTERS) {
    throw new OfflinePayloadError(
      'offline-payload-too-large',
      `${text.length} characters do not fit one QR code`,
    );
  }
  return text;
}

/** The envelope's JSON value, or an `OfflinePayloadError`. */
export async function decodeEnvelope(prefix: string, text: string): Promise<unknown> {
  if (typeof text !== 'string') throw new OfflinePayloadError('offline-payload-invalid', 'not text');
  if (text.length > MAX_QR_CHARACTERS) {
    throw new OfflinePayloadError('offline-payload-too-large', `${text.length} characters`);
  }
  if (!text.startsWith(prefix)) {
    const unsupported = /^CIV[A-Z]+\d+:/.test(text);
    throw new OfflinePayloadError(
      unsupported ? 'offline-payload-unsupported' : 'offline-payload-invalid',
      'not this kind of Civitas offline payload',
    );
  }
  const deflated = base45Decode(text.slice(prefix.length));
  if (!deflated || deflated.length === 0)
    throw new OfflinePayloadError('offline-payload-invalid', 'not base45');
  const inflated = await inflateBounded(deflated);
  try {
    return JSON.parse(utf8.decode(inflated));
  } catch {
    throw new OfflinePayloadError('offline-payload-invalid', 'not JSON');
  }
}

async function inflateBounded(deflated: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([deflated as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > MAX_INFLATED_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw new OfflinePayloadError(
          'offline-payload-too-large',
          `inflates beyond ${MAX_INFLATED_BYTES} bytes`,
        );
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof OfflinePayloadError) throw error;
    throw new OfflinePayloadError('offline-payload-invalid', 'not deflate data, or truncated');
  }
  return concat(chunks, total);
}

async function transform(bytes: Uint8Array, stream: CompressionStream): Promise<Uint8Array> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concat(chunks, total);
    chunks.push(value);
    total += value.length;
  }
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
