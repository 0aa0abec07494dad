import type { Generated } from 'kysely';

/** A pre-authorized offer an official made at a desk (OpenID4VCI §4.1.1, pre-authorized code). */
export interface IssuerOfferRow {
  id: string;
  /** SHA-256 (base64url) of the pre-authorized code: the code itself is only in the offer. */
  code_hash: string;
  /** SHA-256 (base64url) of the transaction code, salted with the offer's id. */
  tx_code_hash: string;
  /** The citizen's personal number. */
  subject: string;
  configuration_ids: string[];
  vin: string | null;
  /** The official who made it. */
  created_by: string;
  created_at: Generated<Date>;
  expires_at: Date;
  failed_attempts: Generated<number>;
  state: 'open' | 'redeemed' | 'dead';
}

/** A `c_nonce` the nonce endpoint gave out; deleted when a proof uses it. */
export interface IssuerNonceRow {
  nonce: string;
  expires_at: Date;
}

/** An access token the token endpoint issued for a pre-authorized offer (stored by its hash). */
export interface IssuerAccessTokenRow {
  token_hash: string;
  offer_id: string;
  subject: string;
  configuration_ids: string[];
  vin: string | null;
  expires_at: Date;
}

/** One issued copy of a credential (one per device key in a batch). */
export interface IssuedCredentialRow {
  id: string;
  subject: string;
  configuration_id: string;
  format: 'dc+sd-jwt' | 'mso_mdoc';
  status_uri: string;
  status_idx: number;
  holder_key_thumbprint: string;
  /** The request that issued it (its copies share it): the exchange case reference. */
  case_ref: string;
  issued_at: Date;
  expires_at: Date;
}

export interface IssuerTables {
  'wallet.issuer_offers': IssuerOfferRow;
  'wallet.issuer_nonces': IssuerNonceRow;
  'wallet.issuer_access_tokens': IssuerAccessTokenRow;
  'wallet.issued_credentials': IssuedCredentialRow;
}
