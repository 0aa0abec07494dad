/**
 * OpenID4VCI 1.0 §4.1 credential offers, as they reach the wallet: a QR code or link
 * `openid-credential-offer://?credential_offer=…` (or `credential_offer_uri=…`), or the PWA's own
 * same-device route `/wallet/offer?…`. Everything is checked before anything is fetched.
 */
export const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const MAX_LINK_LENGTH = 8192;

export interface TransactionCodeSpec {
  inputMode: 'numeric' | 'text';
  length: number | null;
  description: string | null;
}

export interface CredentialOffer {
  issuer: string;
  configurationIds: string[];
  preAuthorizedCode: string | null;
  txCode: TransactionCodeSpec | null;
  issuerState: string | null;
}

export type OfferLink = { kind: 'by-value'; offer: CredentialOffer } | { kind: 'by-reference'; uri: string };

export class OfferError extends Error {
  readonly reason: 'malformed' | 'too-large' | 'insecure-issuer' | 'no-grant';
  constructor(reason: OfferError['reason']) {
    super(reason);
    this.reason = reason;
    this.name = 'OfferError';
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** An https URL, or http on this very origin (the demo platform on localhost). */
export function isAcceptableIssuerUrl(value: string, ownOrigin: string): boolean {
  try {
    const url = new URL(value);
    if (url.hash || url.username || url.password) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && url.origin === ownOrigin);
  } catch {
    return false;
  }
}

function text(value: unknown, max = 2048): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= max && !CONTROL.test(value)
    ? value
    : null;
}

function txCodeOf(value: unknown): TransactionCodeSpec | null {
  if (value === undefined) return null;
  if (typeof value !== 'object' || value === null) throw new OfferError('malformed');
  const spec = value as Record<string, unknown>;
  const length = typeof spec.length === 'number' && Number.isInteger(spec.length) ? spec.length : null;
  if (length !== null && (length < 1 || length > 32)) throw new OfferError('malformed');
  return {
    inputMode: spec.input_mode === 'text' ? 'text' : 'numeric',
    length,
    description: text(spec.description, 300),
  };
}

export function parseOfferJson(json: string, ownOrigin: string): CredentialOffer {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new OfferError('malformed');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new OfferError('malformed');
  const offer = value as Record<string, unknown>;
  const issuer = text(offer.credential_issuer);
  if (!issuer) throw new OfferError('malformed');
  if (!isAcceptableIssuerUrl(issuer, ownOrigin)) throw new OfferError('insecure-issuer');
  const ids = offer.credential_configuration_ids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 10) throw new OfferError('malformed');
  const configurationIds = ids.map((id) => text(id, 200));
  if (configurationIds.some((id) => id === null)) throw new OfferError('malformed');
  const grants = (typeof offer.grants === 'object' && offer.grants !== null ? offer.grants : {}) as Record<
    string,
    Record<string, unknown> | undefined
  >;
  const preAuthorized = grants[PRE_AUTHORIZED_GRANT];
  const preAuthorizedCode = preAuthorized ? text(preAuthorized['pre-authorized_code']) : null;
  if (preAuthorized && !preAuthorizedCode) throw new OfferError('malformed');
  const issuerState = text(grants.authorization_code?.issuer_state);
  if (!preAuthorizedCode && !grants.authorization_code) throw new OfferError('no-grant');
  return {
    issuer,
    configurationIds: configurationIds as string[],
    preAuthorizedCode,
    txCode: preAuthorized ? txCodeOf(preAuthorized.tx_code) : null,
    issuerState,
  };
}

/** A scanned or opened link: the offer itself, or where to fetch it from. */
export function parseOfferLink(link: string, ownOrigin: string): OfferLink {
  if (link.length > MAX_LINK_LENGTH) throw new OfferError('too-large');
  if (CONTROL.test(link)) throw new OfferError('malformed');
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new OfferError('malformed');
  }
  const ownRoute = url.origin === ownOrigin && url.pathname === '/wallet/offer';
  if (url.protocol !== 'openid-credential-offer:' && !ownRoute) throw new OfferError('malformed');
  const byValue = url.searchParams.get('credential_offer');
  const byReference = url.searchParams.get('credential_offer_uri');
  if (byValue !== null && byReference === null)
    return { kind: 'by-value', offer: parseOfferJson(byValue, ownOrigin) };
  if (byReference !== null && byValue === null) {
    if (!isAcceptableIssuerUrl(byReference, ownOrigin)) throw new OfferError('insecure-issuer');
    return { kind: 'by-reference', uri: byReference };
  }
  throw new OfferError('malformed');
}

/** A transaction code as the issuer described it: its length and, if numeric, digits only. */
export function isValidTxCode(code: string, spec: TransactionCodeSpec): boolean {
  if (code.length === 0 || code.length > 64 || CONTROL.test(code)) return false;
  if (spec.length !== null && code.length !== spec.length) return false;
  return spec.inputMode === 'text' || /^[0-9]+$/.test(code);
}
