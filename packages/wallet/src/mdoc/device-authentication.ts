/**
 * DeviceAuthenticationBytes (ISO 18013-5 §9.1.3.4): `#6.24(bstr .cbor ["DeviceAuthentication",
 * SessionTranscript, DocType, DeviceNameSpacesBytes])`, the detached payload the device signs.
 * The transcript is spliced in as the exact bytes both sides computed, never decoded and re-encoded.
 */
import { cborEncode, DataItem } from '@owf/mdoc';

const ARRAY_OF_FOUR = 0x84;

export function deviceAuthenticationBytes(
  sessionTranscript: Uint8Array,
  docType: string,
  deviceNameSpacesBytes: DataItem,
): Uint8Array {
  const head = cborEncode('DeviceAuthentication');
  const tail = concat([cborEncode(docType), cborEncode(deviceNameSpacesBytes)]);
  const deviceAuthentication = concat([Uint8Array.of(ARRAY_OF_FOUR), head, sessionTranscript, tail]);
  return cborEncode(DataItem.fromBuffer(deviceAuthentication));
}

/** An empty DeviceNameSpaces map as the tag-24 item Civitas wallets send (no device-signed elements). */
export function emptyDeviceNameSpaces(): DataItem {
  return DataItem.fromBuffer(cborEncode(new Map()));
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
