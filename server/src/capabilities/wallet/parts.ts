/**
 * What the wallet's server parts offer each other (types only). `issuer/` issues; it asks
 * `credentials/` for the claims (read from the registers through the exchange), `trust/` for the
 * signing key and a status index; `status/` publishes the lists and revokes; `verifier/` checks.
 */
import type { StatusReference, X509Signer } from '@civitas/wallet/formats.ts';
import type { FastifyBaseLogger } from 'fastify';
import type { Connection } from '../../db/index.ts';

/** The register record a credential was made from: when it changes, the credential is revoked. */
export interface CredentialSourceRecord {
  /** The register's subsystem code, e.g. `driving-licences`. */
  register: string;
  /** The record's key in it: a personal number, licence number or VIN. */
  key: string;
}

export interface IssuableCredential {
  /** SD-JWT VC: the credential's JSON claims; mdoc: namespace → element identifier → value. */
  claims: Readonly<Record<string, unknown>>;
  /** The source document's own expiry (ISO date), or null: a copy never outlives it. */
  validUntil: string | null;
  sources: readonly CredentialSourceRecord[];
}

/** credentials/: a credential's claims for a person, asked of the registers with purpose credential-issuance. */
export interface CredentialSource {
  claimsFor(
    configurationId: string,
    subject: string,
    options: { caseRef: string; log: FastifyBaseLogger; vin?: string },
  ): Promise<IssuableCredential>;
}

/** trust/: the issuer's key and chain, and the anchors a verifier trusts. */
export interface WalletTrust {
  /** The issuer's current signing key (rotated keys keep verifying: their certificates stay valid). */
  issuerSigner(): Promise<X509Signer>;
  /** The national wallet trust anchors (root certificates, base64 DER). */
  trustAnchors(): Promise<readonly string[]>;
}

/** status/: an index per issued copy, revocation by source record or by holder. */
export interface StatusLists {
  allocate(
    db: Connection,
    copy: {
      credentialId: string;
      format: 'dc+sd-jwt' | 'mso_mdoc';
      subject: string;
      sources: readonly CredentialSourceRecord[];
      /** Optional, shown to the holder in `GET /api/wallet/credentials`: the configuration id, */
      configuration?: string;
      /** when the copy was issued (default now) */
      issuedAt?: Date;
      /** and when it expires (past it, the daily sweep marks it revoked in the list too). */
      expiresAt?: Date | null;
    },
  ): Promise<StatusReference>;
}
