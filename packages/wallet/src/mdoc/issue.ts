/**
 * Issues an ISO 18013-5 mdoc: the IssuerSigned structure (OpenID4VCI's `credential` for
 * `mso_mdoc`, base64url). Each element is an IssuerSignedItem with its own 32-byte salt and a
 * random digest ID; the MSO (digests, the holder's device key, validity, and the Token Status List
 * reference) is signed by the issuer as COSE_Sign1 with its certificate chain in x5chain.
 */
import {
  CoseKey,
  DeviceKey,
  DeviceKeyInfo,
  Header,
  IssuerAuth,
  IssuerNamespaces,
  IssuerSigned,
  IssuerSignedItem,
  MobileSecurityObject,
  ProtectedHeaders,
  SignatureAlgorithm,
  UnprotectedHeaders,
  ValidityInfo,
  ValueDigests,
} from '@owf/mdoc';
import type { IssueMdocInput, StatusReference } from '../formats.ts';
import { coseKeyMapFromJwk, fromBase64, mdocContext, randomBytes, sha256, toBase64Url } from './crypto.ts';
import { assertIdentifier, toElementValue } from './values.ts';

export async function issueMdoc(input: IssueMdocInput): Promise<string> {
  assertIdentifier('docType', input.doctype);
  assertDates(input);
  const context = mdocContext((data) => input.signer.sign(data));
  const { namespaces, digests } = await signedItems(input.namespaces);
  const mso = MobileSecurityObject.create({
    docType: input.doctype,
    digestAlgorithm: 'SHA-256',
    valueDigests: ValueDigests.create({ digests }),
    validityInfo: ValidityInfo.create({
      signed: wholeSeconds(input.signedAt),
      validFrom: wholeSeconds(input.validFrom),
      validUntil: wholeSeconds(input.validUntil),
    }),
    deviceKeyInfo: DeviceKeyInfo.create({
      deviceKey: DeviceKey.fromEncodedStructure(coseKeyMapFromJwk(input.holder)),
    }),
  });
  // Token Status List §6.3: the MSO carries `status: {status_list: {idx, uri}}`.
  (mso.decodedStructure as unknown as Map<string, unknown>).set('status', statusClaim(input.status));
  const issuerAuth = await IssuerAuth.create(
    {
      payload: mso,
      protectedHeaders: ProtectedHeaders.create({
        protectedHeaders: new Map([[Header.Algorithm, SignatureAlgorithm.ES256]]),
      }),
      unprotectedHeaders: UnprotectedHeaders.create({
        unprotectedHeaders: new Map([[Header.X5Chain, x5chain(input.signer.x5c)]]),
      }),
      signingKey: CoseKey.create({ keyType: 2, algorithm: SignatureAlgorithm.ES256 }),
      algorithm: SignatureAlgorithm.ES256,
    },
    context,
  );
  const issuerSigned = IssuerSigned.create({
    issuerNamespaces: IssuerNamespaces.create({ issuerNamespaces: namespaces }),
    issuerAuth,
  });
  return toBase64Url(issuerSigned.encode());
}

async function signedItems(input: IssueMdocInput['namespaces']) {
  const namespaces = new Map<string, IssuerSignedItem[]>();
  const digests = new Map<string, Map<number, Uint8Array>>();
  for (const [namespace, elements] of Object.entries(input)) {
    assertIdentifier('namespace', namespace);
    const entries = Object.entries(elements).filter(([, value]) => value !== undefined);
    if (entries.length === 0) continue;
    const ids = shuffledDigestIds(entries.length);
    const items = entries.map(([identifier, value], i) => {
      assertIdentifier('element identifier', identifier);
      return IssuerSignedItem.fromOptions({
        digestId: ids[i]!,
        random: randomBytes(32),
        elementIdentifier: identifier,
        elementValue: toElementValue(value),
      });
    });
    const namespaceDigests = new Map<number, Uint8Array>();
    for (const item of items) {
      namespaceDigests.set(item.digestId, sha256(item.encode({ asDataItem: true })));
    }
    namespaces.set(namespace, items);
    digests.set(namespace, namespaceDigests);
  }
  if (namespaces.size === 0) throw new TypeError('an mdoc needs at least one element');
  return { namespaces, digests };
}

/** Distinct digest IDs in random order, so an ID reveals neither the element nor its position. */
function shuffledDigestIds(count: number): number[] {
  const ids = Array.from({ length: count }, (_, i) => i);
  const random = new Uint32Array(count);
  globalThis.crypto.getRandomValues(random);
  for (let i = count - 1; i > 0; i--) {
    const j = random[i]! % (i + 1);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids;
}

function statusClaim(status: StatusReference): Map<string, unknown> {
  if (!Number.isSafeInteger(status.idx) || status.idx < 0) throw new TypeError('status idx must be an index');
  if (!/^https?:\/\/[^\s]+$/.test(status.uri)) throw new TypeError('status uri must be an http(s) URL');
  return new Map([
    [
      'status_list',
      new Map<string, unknown>([
        ['idx', status.idx],
        ['uri', status.uri],
      ]),
    ],
  ]);
}

function x5chain(x5c: readonly string[]): Uint8Array | Uint8Array[] {
  if (x5c.length === 0) throw new TypeError('the signer needs its certificate chain');
  const certificates = x5c.map(fromBase64);
  return certificates.length === 1 ? certificates[0]! : certificates;
}

function assertDates(input: IssueMdocInput): void {
  for (const date of [input.signedAt, input.validFrom, input.validUntil]) {
    if (Number.isNaN(date.getTime())) throw new TypeError('mdoc dates must be valid');
  }
  if (input.validUntil <= input.validFrom) throw new TypeError('validUntil must be after validFrom');
}

/** tdate has no fractions of a second in ISO 18013-5; keep the dates exact for every reader. */
function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
