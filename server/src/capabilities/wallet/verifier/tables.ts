import type { Generated } from 'kysely';

/** A registered verifier (relying party): who it is, which checks it may ask, who operates it. */
export interface VerifierRow {
  id: string;
  name: string;
  organisation: string;
  /** Its DNS name: the access certificate's SAN and the client id `x509_san_dns:<dns_name>`. */
  dns_name: string;
  /** The check ids it registered (its intended use), JSON array. */
  checks: string;
  /** The staff role whose holders act for it (police, official, pharmacist). */
  operator_role: string;
  /** 'demo' for the seeded ones (never in production). */
  source: string;
  created_at: Generated<Date>;
}

/** One OpenID4VP transaction; the ephemeral decryption key is erased once it is answered. */
export interface VerificationRow {
  id: string;
  verifier_id: string;
  /** The subject of the staff member who started it (only they may read the result). */
  started_by: string;
  check_id: string;
  nonce: string;
  state: string;
  /** The ephemeral ECDH-ES private key (JWK JSON) for `direct_post.jwt`; null once answered. */
  decryption_jwk: string | null;
  /** The public half, as sent in the request object. */
  encryption_jwk: string;
  status: 'pending' | 'verified' | 'failed';
  failure_code: string | null;
  /** The verdict, the credential and the disclosed claims (JSON); null until verified. */
  result: string | null;
  created_at: Date;
  expires_at: Date;
  answered_at: Date | null;
}

export interface VerifierTables {
  'wallet.verifiers': VerifierRow;
  'wallet.verifications': VerificationRow;
}
