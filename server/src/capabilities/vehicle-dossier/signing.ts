/**
 * References and signatures of vehicle reports.
 *
 * A reference is `VR-` and twelve Crockford base32 symbols in groups of four: eleven random symbols
 * (55 bits) and a check symbol, Crockford's mod-37 check over the eleven read as one number. The
 * mod-37 check catches every single wrong symbol and every swap of neighbours, but five of its 37
 * values (`*~$=U`) are outside the 32-symbol alphabet the schema allows; references with those check
 * values are simply never issued (drawn again), so about 54.8 bits stay random.
 *
 * A signature is a compact JWS (ES256) with detached payload, `header..signature`, over the canonical
 * JSON (keys sorted, no whitespace) of the report without its `signature` field.
 */
import nodeCrypto from 'node:crypto';
import { ReportBody, SignedReport } from '@civitas/contracts/api/vehicle-report.ts';
import { canonicalJson } from '@civitas/contracts/canonical-json.ts';
import type { TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import {
  base64url,
  type CryptoKey,
  calculateJwkThumbprint,
  compactVerify,
  decodeProtectedHeader,
  errors,
  exportJWK,
  generateKeyPair,
  type JWK,
  type KeyObject,
} from 'jose';
import { signCompactEs256 } from '../../exchange/index.ts';
import { registerReportFormats } from './report-formats.ts';

registerReportFormats();

export const REPORT_JWS_TYPE = 'civitas-vehicle-report+jws';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const REFERENCE = /^VR-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})$/;
const KID = /^[A-Za-z0-9_-]{1,128}$/;

export type ReportKey = CryptoKey | KeyObject | JWK;
export interface ReportSigningKey {
  privateKey: CryptoKey | KeyObject;
  kid: string;
}
export type ReportRejection = 'malformed' | 'unknown-key' | 'bad-signature' | 'not-a-report';
export type ReportVerification =
  | { valid: true; body: ReportBody }
  | { valid: false; reason: ReportRejection; detail: string };

/** A fresh random report reference, `VR-XXXX-XXXX-XXXX`, whose last symbol is its check symbol. */
export function newReference(): string {
  for (;;) {
    const symbols = Array.from(
      crypto.getRandomValues(new Uint8Array(11)),
      (byte) => CROCKFORD[byte & 31]!,
    ).join('');
    const check = checkValue(symbols);
    if (check < CROCKFORD.length) {
      const all = symbols + CROCKFORD[check];
      return `VR-${all.slice(0, 4)}-${all.slice(4, 8)}-${all.slice(8)}`;
    }
  }
}

/** True for a well-formed reference whose check symbol matches. */
export function isReference(value: unknown): value is string {
  const match = typeof value === 'string' ? REFERENCE.exec(value) : null;
  if (!match) return false;
  const symbols = match.slice(1).join('');
  return checkValue(symbols.slice(0, 11)) === CROCKFORD.indexOf(symbols[11]!);
}

/** A reference as a person may type it (any case, spaces, O for 0, I or L for 1), or null if it is not one. */
export function normaliseReference(input: string): string | null {
  const typed = referenceShape(input);
  return typed?.checks ? typed.reference : null;
}

/**
 * What a person typed, read as a reference: its canonical form and whether its check symbol
 * matches, or null when it does not even look like one (wrong length or symbols).
 */
export function referenceShape(input: string): { reference: string; checks: boolean } | null {
  const symbols = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/^VR/, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (symbols.length !== 12) return null;
  const reference = `VR-${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
  if (!REFERENCE.test(reference)) return null;
  return { reference, checks: isReference(reference) };
}

/** Crockford's check value: the symbols read as a base-32 number, modulo 37. */
function checkValue(symbols: string): number {
  let remainder = 0;
  for (const symbol of symbols) remainder = (remainder * 32 + CROCKFORD.indexOf(symbol)) % 37;
  return remainder;
}

/** The bytes that are signed: canonical JSON of the report without its `signature`. */
export function canonicalReportJson(body: ReportBody): string {
  return canonicalJson(withoutSignature(body));
}

/** Signs a report body; throws if the body is not a report or carries fields the schema does not know. */
export async function signReport(body: ReportBody, key: ReportSigningKey): Promise<SignedReport> {
  return (await signReportCanonical(body, key)).report;
}

/** Signs a report body, and answers the canonical JSON it signed too (its hash is recorded). */
export async function signReportCanonical(
  body: ReportBody,
  { privateKey, kid }: ReportSigningKey,
): Promise<{ report: SignedReport; canonical: string }> {
  const unsigned = withoutSignature(body);
  assertExactReportBody(unsigned);
  const canonical = canonicalJson(unsigned);
  // node:crypto's synchronous ECDSA: cheaper than jose's WebCrypto path, and the same JWS.
  const jws = signCompactEs256(
    { kid, typ: REPORT_JWS_TYPE },
    Buffer.from(canonical),
    keyObjectOf(privateKey),
  );
  const header = jws.slice(0, jws.indexOf('.'));
  const signature = jws.slice(jws.lastIndexOf('.') + 1);
  return { report: { ...unsigned, signature: `${header}..${signature}` }, canonical };
}

const keyObjects = new WeakMap<CryptoKey, nodeCrypto.KeyObject>();

/** node:crypto's form of a signing key (jose imports keys as WebCrypto keys), converted once. */
function keyObjectOf(key: ReportSigningKey['privateKey']): nodeCrypto.KeyObject {
  if (key instanceof nodeCrypto.KeyObject) return key;
  const webKey = key as CryptoKey;
  let converted = keyObjects.get(webKey);
  if (!converted) {
    converted = nodeCrypto.KeyObject.from(webKey);
    keyObjects.set(webKey, converted);
  }
  return converted;
}

/**
 * Fields outside the schema would be signed but dropped by the response serializer (breaking the
 * signature), and could carry data the schema keeps from the viewer: refuse them loudly.
 */
function assertExactReportBody(body: ReportBody): void {
  if (strictReportBody().Check(body)) return;
  const error = Value.Errors(ReportBody, body).First();
  if (error) throw new TypeError(`not a vehicle report: ${error.path || '/'} ${error.message}`);
  throw new TypeError('the vehicle report has fields outside the report schema');
}

let strictChecker: TypeCheck<TSchema> | undefined;

/** The report schema with no room for unknown fields anywhere, compiled once (a report is checked per request). */
function strictReportBody(): TypeCheck<TSchema> {
  strictChecker ??= TypeCompiler.Compile(closed(ReportBody));
  return strictChecker;
}

/** A copy of a schema in which every object refuses properties it does not declare. */
function closed(schema: TSchema): TSchema {
  const copy: Record<string | symbol, unknown> = { ...schema };
  if (schema.type === 'object') copy.additionalProperties = false;
  if (schema.properties) {
    copy.properties = Object.fromEntries(
      Object.entries(schema.properties as Record<string, TSchema>).map(([key, value]) => [
        key,
        closed(value),
      ]),
    );
  }
  if (schema.items) copy.items = closed(schema.items as TSchema);
  for (const key of ['anyOf', 'allOf'] as const) {
    if (Array.isArray(schema[key])) copy[key] = (schema[key] as TSchema[]).map(closed);
  }
  return copy as unknown as TSchema;
}

/** Checks a signed report's shape and signature; never throws on bad input (only if `keys` does or gives an unusable key). */
export async function verifyReport(
  input: unknown,
  keys: (kid: string) => Promise<ReportKey | null>,
): Promise<ReportVerification> {
  const parsed = parseSignedReport(input);
  if ('valid' in parsed) return parsed;
  const key = await keys(parsed.kid);
  if (!key) return rejected('unknown-key', `no report signing key has the id ${parsed.kid}`);
  try {
    await compactVerify(parsed.jws, key, { algorithms: ['ES256'] });
    return { valid: true, body: parsed.body };
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return rejected('bad-signature', 'the signature does not match the report');
    }
    if (error instanceof errors.JOSEError) return rejected('malformed', error.message);
    throw error;
  }
}

interface ParsedReport {
  body: ReportBody;
  kid: string;
  /** The JWS with the canonical JSON put back as its payload. */
  jws: string;
}

/** The report, its key id and its re-attached JWS, or why it cannot be checked. */
function parseSignedReport(input: unknown): ParsedReport | (ReportVerification & { valid: false }) {
  try {
    if (!Value.Check(SignedReport, input)) {
      const error = Value.Errors(SignedReport, input).First();
      return rejected(
        'malformed',
        `not a signed vehicle report: ${error?.path || '/'} ${error?.message ?? ''}`,
      );
    }
    const segments = input.signature.split('.');
    if (segments.length !== 3 || segments[1] !== '') {
      return rejected('malformed', 'the signature is not a compact JWS with detached payload');
    }
    const header = decodeProtectedHeader(input.signature);
    if (header.typ !== REPORT_JWS_TYPE)
      return rejected('not-a-report', 'the signature is not of a vehicle report');
    if (header.alg !== 'ES256' || 'b64' in header || 'crit' in header) {
      return rejected('malformed', 'the signature header is not ES256 with a plain payload');
    }
    if (typeof header.kid !== 'string' || !KID.test(header.kid)) {
      return rejected('malformed', 'the signature header has no usable key id');
    }
    const body = withoutSignature(input);
    const payload = base64url.encode(canonicalJson(body));
    return { body, kid: header.kid, jws: `${segments[0]}.${payload}.${segments[2]}` };
  } catch (error) {
    // decodeProtectedHeader on junk, or canonical JSON of absurdly deep extra fields.
    return rejected('malformed', error instanceof Error ? error.message.slice(0, 200) : 'unreadable report');
  }
}

function withoutSignature(report: ReportBody | SignedReport): ReportBody {
  const { signature: _signature, ...body } = report as ReportBody & { signature?: unknown };
  return body;
}

function rejected(reason: ReportRejection, detail: string): ReportVerification & { valid: false } {
  return { valid: false, reason, detail };
}

/** A new ES256 report signing key; its id is the public key's RFC 7638 thumbprint. */
export async function generateReportKey(): Promise<{
  privateKey: CryptoKey;
  publicJwk: JWK & { kid: string };
  kid: string;
}> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return { privateKey, kid, publicJwk: { ...jwk, kid, alg: 'ES256', use: 'sig' } };
}
