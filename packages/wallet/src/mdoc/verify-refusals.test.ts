/**
 * Each refusal of `verifyMdocPresentation` that needs a hand-crafted DeviceResponse, and the
 * property that nothing — random bytes, any single changed byte — gets anything but a
 * `WalletVerificationError` out of it (never a stack trace, never a bare exception), nor a claim
 * the issuer did not sign.
 */
import { cborDecode, cborEncode } from '@owf/mdoc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WalletVerificationError } from '../errors.ts';
import { createTestPki } from '../trust/test-pki.ts';
import { fromBase64Url, toBase64Url } from './crypto.ts';
import { deviceAuthenticationBytes } from './device-authentication.ts';
import { issueMdoc } from './issue.ts';
import { openId4VpSessionTranscript, presentMdoc } from './present.ts';
import { retag, type TaggedItem } from './structure.ts';
import {
  createHolder,
  issuedMdl,
  MDL,
  MDL_NS,
  mdlInput,
  REQUEST,
  statusListCwt,
  verificationContext,
} from './test-fixtures.ts';
import { verifyMdocPresentation } from './verify.ts';

const request = { docType: MDL, elements: { [MDL_NS]: ['family_name', 'age_over_18'] } };

type Doc = Map<string, Map<string, unknown>>;

async function presented() {
  const { credential, pki, holder, now } = await issuedMdl();
  const context = await verificationContext(pki, now, await statusListCwt(pki, now));
  const response = await presentMdoc(credential, request, context.sessionTranscript, holder.sign);
  return { response, context };
}

/** Decodes the response, lets `change` edit its one document, encodes it again. */
function edit(response: string, change: (document: Doc) => void): string {
  const decoded = cborDecode(fromBase64Url(response), { unwrapTopLevelDataItem: false }) as Map<
    string,
    unknown
  >;
  const document = (decoded.get('documents') as Doc[])[0]!;
  change(document);
  return toBase64Url(cborEncode(decoded));
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WalletVerificationError);
  return (error as WalletVerificationError).code;
}

describe('verifyMdocPresentation refuses', () => {
  it('a changed issuer signature (issuer-signature-invalid)', async () => {
    const { response, context } = await presented();
    const tampered = edit(response, (document) => {
      const issuerAuth = document.get('issuerSigned')!.get('issuerAuth') as Uint8Array[];
      const signature = Uint8Array.from(issuerAuth[3]!);
      signature[10]! ^= 0x01;
      issuerAuth[3] = signature;
    });
    expect(await codeOf(verifyMdocPresentation(tampered, context))).toBe('issuer-signature-invalid');
  });

  it('an mdoc whose signing certificate has expired (issuer-certificate-expired)', async () => {
    const now = new Date();
    const pki = await createTestPki({ now, validDays: -1 });
    const holder = await createHolder();
    const credential = await issueMdoc(mdlInput(pki, holder, now));
    const context = await verificationContext(pki, now, await statusListCwt(pki, now));
    const response = await presentMdoc(credential, request, context.sessionTranscript, holder.sign);
    expect(await codeOf(verifyMdocPresentation(response, context))).toBe('issuer-certificate-expired');
  });

  it("an issuing_country other than the issuer certificate's (issuer-chain-untrusted)", async () => {
    const now = new Date();
    const pki = await createTestPki({ now, country: 'RO' });
    const holder = await createHolder();
    const credential = await issueMdoc(mdlInput(pki, holder, now));
    const context = await verificationContext(pki, now, await statusListCwt(pki, now));
    const withCountry = { docType: MDL, elements: { [MDL_NS]: ['family_name', 'issuing_country'] } };
    const response = await presentMdoc(credential, withCountry, context.sessionTranscript, holder.sign);
    expect(await codeOf(verifyMdocPresentation(response, context))).toBe('issuer-chain-untrusted');
  });

  it('the same element presented twice (disclosure-duplicate)', async () => {
    const { response, context } = await presented();
    const doubled = edit(response, (document) => {
      const nameSpaces = document.get('issuerSigned')!.get('nameSpaces') as Map<string, TaggedItem[]>;
      const items = nameSpaces.get(MDL_NS)!;
      nameSpaces.set(MDL_NS, [...items, items[0]!].map(retag));
    });
    expect(await codeOf(verifyMdocPresentation(doubled, context))).toBe('disclosure-duplicate');
  });

  it('a device MAC instead of a device signature (mdoc-device-signature-invalid)', async () => {
    const { response, context } = await presented();
    const mac = edit(response, (document) => {
      const deviceSigned = document.get('deviceSigned')!;
      deviceSigned.set(
        'deviceAuth',
        new Map([['deviceMac', [cborEncode(new Map([[1, 5]])), new Map(), null, new Uint8Array(32)]]]),
      );
    });
    expect(await codeOf(verifyMdocPresentation(mac, context))).toBe('mdoc-device-signature-invalid');
  });

  it('an attached DeviceAuthentication for another request (mdoc-session-transcript-mismatch)', async () => {
    const { response, context } = await presented();
    const other = await openId4VpSessionTranscript({
      ...REQUEST,
      responseUri: 'https://evil.example/response',
    });
    const attached = edit(response, (document) => {
      const deviceSigned = document.get('deviceSigned')!;
      const nameSpaces = deviceSigned.get('nameSpaces') as TaggedItem;
      const signature = (deviceSigned.get('deviceAuth') as Map<string, unknown[]>).get('deviceSignature')!;
      signature[2] = deviceAuthenticationBytes(other, MDL, retag(nameSpaces));
    });
    expect(await codeOf(verifyMdocPresentation(attached, context))).toBe('mdoc-session-transcript-mismatch');
  });

  it('a status list that cannot be fetched (status-list-unavailable)', async () => {
    const { response, context } = await presented();
    const offline = {
      ...context,
      statusList: () => Promise.reject(new Error('network down')),
    };
    expect(await codeOf(verifyMdocPresentation(response, offline))).toBe('status-list-unavailable');
  });
});

describe('verifyMdocPresentation on arbitrary input', () => {
  it('answers random bytes with credential-malformed', async () => {
    const { context } = await presented();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (bytes) => {
        expect(await codeOf(verifyMdocPresentation(toBase64Url(bytes), context))).toBe(
          'credential-malformed',
        );
      }),
      { numRuns: 200 },
    );
  });

  it('answers any single changed byte with a WalletVerificationError, or with no claim added or changed', async () => {
    const { response, context } = await presented();
    const bytes = fromBase64Url(response);
    const original = await verifyMdocPresentation(response, context);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, flip) => {
          const changed = Uint8Array.from(bytes);
          changed[at]! ^= flip;
          const outcome = await verifyMdocPresentation(toBase64Url(changed), context).then(
            (verified) => verified,
            (error: unknown) => error,
          );
          if (outcome instanceof WalletVerificationError) return;
          // Bytes nobody signs may change without a refusal (the DeviceResponse version, or an
          // unknown key where `nameSpaces` was: then nothing is disclosed) — but a claim can only
          // go missing, never appear or change.
          const { claims, ...rest } = outcome as typeof original;
          const { claims: originalClaims, ...originalRest } = original;
          expect(rest).toEqual(originalRest);
          for (const [key, value] of Object.entries(claims)) expect(originalClaims[key]).toEqual(value);
        },
      ),
      { numRuns: 300 },
    );
  });
});
