/**
 * Issues an SD-JWT VC (draft-ietf-oauth-sd-jwt-vc, `typ: dc+sd-jwt`) signed ES256 by an X.509
 * signer whose chain goes in the header's `x5c`; the chosen claims (nested paths too) become
 * selectively disclosable, with optional decoy digests. Built on `@sd-jwt/sd-jwt-vc`.
 */
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { DisclosureFrame } from '@sd-jwt/types';
import type { IssueSdJwtVcInput } from '../formats.ts';
import { base64url, utf8 } from '../trust/encoding.ts';
import { isPublicP256Jwk } from '../trust/jws.ts';
import { salt, sdHasher } from './hash.ts';

export const SD_JWT_VC_TYP = 'dc+sd-jwt';

/** Claims the issuer sets itself; the input's `claims` may not hold them. */
const RESERVED = new Set([
  'iss',
  'sub',
  'vct',
  'cnf',
  'status',
  'iat',
  'nbf',
  'exp',
  '_sd',
  '_sd_alg',
  '...',
]);
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

export interface IssueSdJwtVcOptions {
  /** Decoy digests added to the top-level `_sd` (hides how many claims are disclosable). */
  decoys?: number;
}

function invalid(detail: string): never {
  throw new TypeError(`issueSdJwtVc: ${detail}`);
}

function checkInput(input: IssueSdJwtVcInput) {
  let url: URL | null = null;
  try {
    url = new URL(input.issuer);
  } catch {
    url = null;
  }
  if (url?.protocol !== 'https:' || CONTROL.test(input.issuer)) invalid('issuer must be an https URL');
  if (
    typeof input.vct !== 'string' ||
    input.vct.length === 0 ||
    input.vct.length > 512 ||
    CONTROL.test(input.vct)
  )
    invalid('vct must be a non-empty string without control characters');
  if (!isPublicP256Jwk(input.holder)) invalid('holder must be a public EC P-256 JWK');
  const { uri, idx } = input.status;
  if (!Number.isSafeInteger(idx) || idx < 0) invalid('status.idx must be a non-negative integer');
  if (typeof uri !== 'string' || !/^https?:\/\//.test(uri) || CONTROL.test(uri))
    invalid('status.uri must be a URL');
  if (
    !Number.isSafeInteger(input.issuedAt) ||
    !Number.isSafeInteger(input.expiresAt) ||
    input.expiresAt <= input.issuedAt
  )
    invalid('issuedAt and expiresAt must be seconds, expiresAt after issuedAt');
  for (const key of Object.keys(input.claims)) if (RESERVED.has(key)) invalid(`claim ${key} is reserved`);
  if (input.signer.alg !== 'ES256' || input.signer.x5c.length === 0)
    invalid('the signer must be ES256 with an x5c');
}

type Frame = Record<string, unknown> & { _sd?: (string | number)[] };

/** Turns `[['a'], ['b', 'c'], ['list', '0']]` into the library's disclosure frame, checking each path exists. */
export function disclosureFrame(
  claims: Readonly<Record<string, unknown>>,
  paths: readonly (readonly string[])[],
  decoys = 0,
): Frame {
  const root: Frame = {};
  for (const path of paths) {
    if (path.length === 0) invalid('an empty disclosable path');
    let frame = root;
    let value: unknown = claims;
    path.forEach((segment, depth) => {
      const isArray = Array.isArray(value);
      const key: string | number = isArray ? Number(segment) : segment;
      if (
        isArray
          ? !/^(0|[1-9]\d*)$/.test(segment) || (key as number) >= (value as unknown[]).length
          : typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)
      )
        invalid(`disclosable path ${path.join('.')} is not in the claims`);
      value = (value as Record<string | number, unknown>)[key];
      if (depth === path.length - 1) {
        frame._sd ??= [];
        if (!frame._sd.includes(key)) frame._sd.push(key);
      } else {
        frame[segment] ??= {};
        frame = frame[segment] as Frame;
      }
    });
  }
  if (decoys > 0) root._sd_decoy = decoys;
  return root;
}

/** The compact SD-JWT VC: `<issuer-signed JWT>~<disclosure>~…~` (no key binding yet). */
export async function issueSdJwtVc(
  input: IssueSdJwtVcInput,
  options: IssueSdJwtVcOptions = {},
): Promise<string> {
  checkInput(input);
  const signer = input.signer;
  const instance = new SDJwtVcInstance({
    hasher: sdHasher,
    hashAlg: 'sha-256',
    saltGenerator: salt,
    signAlg: 'ES256',
    signer: async (data: string) => base64url(await signer.sign(utf8(data))),
  });
  const { x, y } = input.holder;
  const payload = {
    ...input.claims,
    iss: input.issuer,
    vct: input.vct,
    iat: input.issuedAt,
    exp: input.expiresAt,
    cnf: { jwk: { kty: 'EC', crv: 'P-256', x, y } },
    status: { status_list: { idx: input.status.idx, uri: input.status.uri } },
  };
  const frame = disclosureFrame(input.claims, input.disclosable, options.decoys ?? 0);
  return instance.issue(payload, frame as DisclosureFrame<typeof payload>, {
    header: { typ: SD_JWT_VC_TYP, x5c: [...signer.x5c] },
  });
}
