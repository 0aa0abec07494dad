import type { SignatureValidation } from '@civitas/contracts/api/signing.ts';
import { publicFetch } from '../../shared/api/public-client.ts';

/** The largest PDF the server validates (its own limit is the same). */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;

/** What the person gave to check: a pasted JWS, or a PDF file's bytes. */
export type SignedDocument = { kind: 'jws'; text: string } | { kind: 'pdf'; bytes: Uint8Array };

/** Asks the public validation endpoint (never with the person's token: the answer is the same for all). */
export async function validateSignature(document: SignedDocument): Promise<SignatureValidation> {
  const response =
    document.kind === 'jws'
      ? await publicFetch('/api/signatures/validate', {
          method: 'POST',
          accept: 'application/json',
          contentType: 'application/json',
          body: JSON.stringify({ jws: document.text.trim() }),
        })
      : await publicFetch('/api/signatures/validate', {
          method: 'POST',
          accept: 'application/json',
          contentType: 'application/pdf',
          body: document.bytes as BodyInit,
        });
  return (await response.json()) as SignatureValidation;
}
