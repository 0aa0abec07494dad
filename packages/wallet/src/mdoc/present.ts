/**
 * The holder's side: a DeviceResponse disclosing only the chosen elements, with a device signature
 * (made by the wallet's non-extractable device key through `deviceSign`) over the session
 * transcript the verifier's request defines. The issuer's items travel byte for byte as issued.
 */
import { cborEncode, type DataItem } from '@owf/mdoc';
import { COSE_ALG_ES256, COSE_HEADER, sign1ToBeSigned } from './cose.ts';
import { fromBase64Url, toBase64Url } from './crypto.ts';
import { deviceAuthenticationBytes, emptyDeviceNameSpaces } from './device-authentication.ts';
import {
  decodeCbor,
  issuerSignedItem,
  issuerSignedParts,
  msoParts,
  retag,
  type TaggedItem,
} from './structure.ts';
import { assertIdentifier } from './values.ts';

export { type DecodedMdoc, decodeMdoc } from './decode.ts';
export { type OpenId4VpHandoverInput, openId4VpSessionTranscript } from './session-transcript.ts';

export interface MdocDisclosure {
  docType: string;
  /** Namespace → element identifiers to disclose; anything not listed stays on the phone. */
  elements: Readonly<Record<string, readonly string[]>>;
}

/** Signs with the device key: ES256, raw r‖s (what WebCrypto's ECDSA sign returns). */
export type DeviceSign = (data: Uint8Array) => Promise<Uint8Array>;

export async function presentMdoc(
  issuerSigned: string,
  disclosure: MdocDisclosure,
  sessionTranscript: Uint8Array,
  deviceSign: DeviceSign,
): Promise<string> {
  assertDisclosure(disclosure, sessionTranscript);
  const parts = issuerSignedParts(decodeCbor(fromBase64Url(issuerSigned)));
  const mso = parts && msoParts(parts.issuerAuth);
  if (!parts || !mso) throw new TypeError('not an mdoc IssuerSigned structure');
  if (mso.docType !== disclosure.docType) {
    throw new TypeError(`the credential is a ${mso.docType}, not a ${disclosure.docType}`);
  }
  const nameSpaces = disclosed(parts.nameSpaces, disclosure.elements);
  const deviceNameSpaces = emptyDeviceNameSpaces();
  const protectedBytes = cborEncode(new Map([[COSE_HEADER.alg, COSE_ALG_ES256]]));
  const payload = deviceAuthenticationBytes(sessionTranscript, mso.docType, deviceNameSpaces);
  const signature = await deviceSign(sign1ToBeSigned(protectedBytes, payload));
  if (signature.length !== 64) throw new TypeError('the device signature must be raw ES256 (64 bytes)');
  const document = new Map<string, unknown>([
    ['docType', mso.docType],
    [
      'issuerSigned',
      new Map<string, unknown>([
        ['nameSpaces', nameSpaces],
        ['issuerAuth', parts.issuerAuthRaw],
      ]),
    ],
    [
      'deviceSigned',
      new Map<string, unknown>([
        ['nameSpaces', deviceNameSpaces],
        ['deviceAuth', new Map([['deviceSignature', [protectedBytes, new Map(), null, signature]]])],
      ]),
    ],
  ]);
  const response = new Map<string, unknown>([
    ['version', '1.0'],
    ['documents', [document]],
    ['status', 0],
  ]);
  return toBase64Url(cborEncode(response));
}

function disclosed(
  nameSpaces: Map<string, TaggedItem[]>,
  wanted: MdocDisclosure['elements'],
): Map<string, DataItem[]> {
  const out = new Map<string, DataItem[]>();
  for (const [namespace, identifiers] of Object.entries(wanted)) {
    const items = (nameSpaces.get(namespace) ?? [])
      .filter((item) => {
        const parsed = issuerSignedItem(item);
        return parsed !== null && identifiers.includes(parsed.elementIdentifier);
      })
      .map(retag);
    if (items.length > 0) out.set(namespace, items);
  }
  return out;
}

function assertDisclosure(disclosure: MdocDisclosure, sessionTranscript: Uint8Array): void {
  assertIdentifier('docType', disclosure.docType);
  for (const [namespace, identifiers] of Object.entries(disclosure.elements)) {
    assertIdentifier('namespace', namespace);
    for (const identifier of identifiers) assertIdentifier('element identifier', identifier);
  }
  if (!(sessionTranscript instanceof Uint8Array) || sessionTranscript.length === 0) {
    throw new TypeError('the session transcript is the CBOR bytes of the request');
  }
}
