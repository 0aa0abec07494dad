import type { Generated, Selectable } from 'kysely';

export type CertificateRole = 'anchor' | 'access-anchor' | 'issuer' | 'status-signer' | 'verifier';

/** One certificate of the wallet's PKI; its private key is a file in the key store (`key_file`). */
export interface TrustCertificateRow {
  serial: string;
  /** The order of making (two certificates may share a timestamp). */
  seq: Generated<number>;
  role: CertificateRole;
  /** The subject DN, as RFC 4514 text. */
  subject: string;
  /** A verifier's DNS name (its `x509_san_dns:` client id); null for the others. */
  dns_name: string | null;
  /** Base64 DER. */
  certificate: string;
  key_file: string;
  not_before: Date;
  not_after: Date;
  created_at: Date;
}

export type StoredCertificate = Selectable<TrustCertificateRow>;

export interface TrustTables {
  'wallet.trust_certificates': TrustCertificateRow;
}
