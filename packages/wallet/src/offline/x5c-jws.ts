/**
 * A compact ES256 JWS whose header carries `x5c`: signed by the first certificate, the chain
 * reaching one of the trust anchors at `now`, and the first certificate naming `host` as a DNS
 * subject alternative name (the `x509_san_dns` client identifier prefix). Browser-safe (WebCrypto).
 */
import 'reflect-metadata';
import { SubjectAlternativeNameExtension, X509Certificate } from '@peculiar/x509';
import type { X509Signer } from '../formats.ts';
import { base64UrlDecode, base64UrlEncode, utf8 } from './bytes.ts';

export type X5cJwsFailure = 'malformed' | 'signature-invalid' | 'untrusted' | 'host-mismatch';

export async function signX5cJws(header: Record<string, unknown>, payload: unknown, signer: X509Signer) {
  const input = `${b64json({ alg: 'ES256', ...header, x5c: signer.x5c })}.${b64json(payload)}`;
  return `${input}.${base64UrlEncode(await signer.sign(utf8.encode(input)))}`;
}

export interface DecodedJws {
  header: Record<string, unknown>;
  payload: unknown;
}

/** The header and payload of a compact JWS, unverified; null when it is not one. */
export function decodeJws(jws: string): DecodedJws | null {
  if (typeof jws !== 'string' || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jws)) return null;
  const [header, payload] = jws.split('.').slice(0, 2).map(parseJson);
  if (!header || typeof header !== 'object' || Array.isArray(header) || payload === undefined) return null;
  return { header: header as Record<string, unknown>, payload };
}

export async function verifyX5cJws(
  jws: string,
  trust: { trustAnchors: readonly string[]; now: Date },
  host: string,
): Promise<X5cJwsFailure | null> {
  const decoded = decodeJws(jws);
  const x5c = decoded?.header.x5c;
  if (decoded?.header.alg !== 'ES256' || !isCertificateList(x5c)) return 'malformed';
  let chain: X509Certificate[];
  try {
    chain = x5c.map((certificate) => new X509Certificate(certificate));
  } catch {
    return 'malformed';
  }
  const leaf = chain[0] as X509Certificate;
  const input = jws.slice(0, jws.lastIndexOf('.'));
  const signature = base64UrlDecode(jws.slice(jws.lastIndexOf('.') + 1));
  const key = await leaf.publicKey
    .export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify'])
    .catch(() => null);
  const valid =
    key !== null &&
    signature !== null &&
    (await crypto.subtle
      .verify({ name: 'ECDSA', hash: 'SHA-256' }, key, buffer(signature), buffer(utf8.encode(input)))
      .catch(() => false));
  if (!valid) return 'signature-invalid';
  if (!(await chainReachesAnchor(chain, trust))) return 'untrusted';
  const names = leaf.getExtension(SubjectAlternativeNameExtension)?.names.items ?? [];
  return names.some((name) => name.type === 'dns' && name.value === host) ? null : 'host-mismatch';
}

async function chainReachesAnchor(
  chain: readonly X509Certificate[],
  trust: { trustAnchors: readonly string[]; now: Date },
): Promise<boolean> {
  const anchors = trust.trustAnchors.map((anchor) => new X509Certificate(anchor));
  for (let i = 0; i < chain.length; i++) {
    const certificate = chain[i] as X509Certificate;
    const next = chain[i + 1];
    const issuers = next ? [next] : anchors.filter((anchor) => anchor.subject === certificate.issuer);
    let verified = false;
    for (const issuer of issuers) {
      if (await certificate.verify({ publicKey: issuer, date: trust.now }).catch(() => false))
        verified = true;
    }
    if (!verified) return false;
  }
  return chain.length > 0;
}

function isCertificateList(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.length <= 4 &&
    value.every((item) => typeof item === 'string' && item.length < 8192 && /^[A-Za-z0-9+/]+=*$/.test(item))
  );
}

function b64json(value: unknown): string {
  return base64UrlEncode(utf8.encode(JSON.stringify(value)));
}

function parseJson(part: string | undefined): unknown {
  const bytes = base64UrlDecode(part ?? '');
  try {
    return bytes ? JSON.parse(utf8.decode(bytes)) : undefined;
  } catch {
    return undefined;
  }
}

function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}
