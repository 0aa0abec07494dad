import type { LocalText } from '@civitas/contracts/eservices/declaration.ts';

/**
 * The ports the e-services consume (issue 18, ports.md §2–3), implemented by the signing and
 * delivery contexts and injected by app.ts. Only the members this context calls are named here.
 */

/** A checked JAdES signature (ports.md §2). */
export interface SignatureCheck {
  valid: true;
  signer:
    | { kind: 'person'; subject: string; name: string }
    | { kind: 'seal'; administration: string; name: string };
  signedAt: string;
  certificate: { serial: string; issuer: string; notBefore: string; notAfter: string };
  payload: unknown;
}

export interface Signing {
  /** Throws AppError 'signature-invalid' | … | 'signature-signer-mismatch'. */
  verifyJades(jws: string, options?: { expectedSigner?: string }): Promise<SignatureCheck>;
}

export interface Notifier {
  notify(
    subject: string,
    note: {
      kind: 'application-status' | 'mail' | 'expiry' | 'payment';
      title: LocalText;
      body: LocalText;
      link: string;
    },
  ): Promise<void>;
}
