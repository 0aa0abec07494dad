import type { Generated, Selectable } from 'kysely';

/**
 * 'ca': the signing CA; 'person': a citizen's signing certificate (its key is in the citizen's
 * browser, never here); 'seal': an administration's e-seal.
 */
export type SigningCertificateKind = 'ca' | 'person' | 'seal';

export interface SigningCertificateRow {
  serial: string;
  seq: Generated<number>;
  kind: SigningCertificateKind;
  /** A person's personal number, an administration's subsystem code; the CA's: 'ca'. */
  holder: string;
  /** The name the certificate carries (a person's, an administration's). */
  name: string;
  /** SHA-256 of the certified SubjectPublicKeyInfo, base64url: a key is certified for one holder. */
  key_thumbprint: string;
  /** Base64 DER. */
  certificate: string;
  /** The private key's file in the key store (the CA and the seals); null for a person's. */
  key_file: string | null;
  not_before: Date;
  not_after: Date;
  revoked_at: Date | null;
  created_at: Date;
}

export type StoredSigningCertificate = Selectable<SigningCertificateRow>;

export interface SigningTables {
  'signing.certificates': SigningCertificateRow;
}
