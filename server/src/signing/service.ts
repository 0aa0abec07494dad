import type { Catalogue } from '../exchange/index.ts';
import { AppError } from '../kernel/index.ts';
import type { SealHolder, SigningAuthority } from './authority.ts';
import { parseJades, signJades } from './jades.ts';
import { signPdf, verifyPdfSignature } from './pades.ts';
import { type Signer, trustedSigner } from './trust.ts';
import { ES256 } from './x509.ts';

/** ports.md §2: a valid signature, by whom, when. */
export interface SignatureCheck {
  valid: true;
  signer: Signer;
  signedAt: string;
  certificate: { serial: string; issuer: string; notBefore: string; notAfter: string };
  payload: unknown;
}

/** A PDF's signature: as a JWS's, without a payload (the PDF is the document). */
export type PdfSignatureCheck = Omit<SignatureCheck, 'payload'>;

/** ports.md §2: what es-core and es-delivery are given. */
export interface Signing {
  verifyJades(jws: string, options?: { expectedSigner?: string }): Promise<SignatureCheck>;
  sealJades(payload: unknown, administration: { id: string; name: string }): Promise<string>;
  sealPdf(pdf: Uint8Array, administration: { id: string; name: string }, reason: string): Promise<Uint8Array>;
}

/** `Signing`, and the PDF check the validation page needs besides. */
export interface SigningService extends Signing {
  verifyPdf(pdf: Uint8Array): Promise<PdfSignatureCheck>;
  readonly authority: SigningAuthority;
}

export interface SigningServiceOptions {
  authority: SigningAuthority;
  /** The exchange's members: an administration's registration number (EIK) is its member code. */
  catalogue: Catalogue;
  now?: () => Date;
}

export function createSigningService(options: SigningServiceOptions): SigningService {
  const { authority, catalogue } = options;
  const now = options.now ?? (() => new Date());

  function holderOf(administration: { id: string; name: string }): SealHolder {
    const member = catalogue.members.find((candidate) =>
      candidate.subsystems.some((subsystem) => subsystem.code === administration.id),
    );
    if (!member)
      throw new AppError('signing-administration-unknown', `No administration "${administration.id}".`);
    return { id: administration.id, name: administration.name, registrationNumber: member.memberCode };
  }

  return {
    authority,

    async verifyJades(jws, verifyOptions = {}) {
      const parsed = await parseJades(jws);
      const trusted = await trustedSigner(authority, parsed.chain[0]!, parsed.signedAt, now());
      const caDer = Buffer.from((await authority.authority()).chain[0]!, 'base64');
      // The chain, if it names a CA, names ours (a verifier must not be shown a stranger's CA).
      if (parsed.chain.length > 1 && !Buffer.from(parsed.chain.at(-1)!).equals(caDer)) {
        throw new AppError(
          'signature-certificate-untrusted',
          'x5c ends in a CA that is not the Civitas signing CA.',
        );
      }
      const valid = await crypto.subtle.verify(
        ES256,
        trusted.publicKey,
        parsed.signature,
        parsed.signingInput,
      );
      if (!valid) throw new AppError('signature-invalid', 'The signature does not match the document.');
      const expected = verifyOptions.expectedSigner;
      if (
        expected !== undefined &&
        (trusted.signer.kind !== 'person' || trusted.signer.subject !== expected)
      ) {
        throw new AppError('signature-signer-mismatch');
      }
      return {
        valid: true,
        signer: trusted.signer,
        signedAt: parsed.header.sigT,
        certificate: trusted.certificate,
        payload: parsed.payload,
      };
    },

    async sealJades(payload, administration) {
      const seal = await authority.seal(holderOf(administration));
      return signJades(payload, seal.privateKey, seal.chain, now());
    },

    async sealPdf(pdf, administration, reason) {
      const holder = holderOf(administration);
      const seal = await authority.seal(holder);
      return signPdf(
        pdf,
        { key: seal.privateKey, chain: seal.chain, name: holder.name, location: '' },
        reason,
        now(),
      );
    },

    async verifyPdf(pdf) {
      const parsed = await verifyPdfSignature(pdf);
      const trusted = await trustedSigner(authority, parsed.leaf, parsed.signedAt, now());
      return {
        valid: true,
        signer: trusted.signer,
        signedAt: parsed.signedAt.toISOString(),
        certificate: trusted.certificate,
      };
    },
  };
}
