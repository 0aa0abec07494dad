import {
  CertificateRequest,
  JwsValidationRequest,
  SignatureValidation,
  SigningCertificate,
  SigningCertificateList,
} from '@civitas/contracts/api/signing.ts';
import { PERSONS } from '@civitas/contracts/registers/population.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { decodeJwt } from 'jose';
import type { ExchangeClient } from '../exchange/index.ts';
import { principalOf } from '../identity/index.ts';
import { AppError } from '../kernel/index.ts';
import { keyThumbprint } from './authority.ts';
import { checkedCertificateRequest } from './csr.ts';
import { signingErrors } from './errors.ts';
import { MAX_PDF_BYTES } from './pades.ts';
import { CERTIFICATE_ISSUANCE, checkIssuanceAssurance, issuanceAccess } from './policy.ts';
import type { PdfSignatureCheck, SigningService } from './service.ts';
import type { StoredSigningCertificate } from './tables.ts';

export interface SigningRoutesOptions {
  signing: SigningService;
  /** The portal's exchange client: the person's name comes from the population register. */
  exchange: ExchangeClient;
}

const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);
const errors = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  413: Problem,
  415: Problem,
};
/** The codes a validation answers as "not valid" (the rest are problems with the request). */
const NOT_VALID = new Set([
  'signature-invalid',
  'signature-certificate-untrusted',
  'signature-certificate-revoked',
]);

function certificateOf(row: StoredSigningCertificate, caChain: readonly string[]): SigningCertificate {
  return {
    serial: row.serial,
    name: row.name,
    notBefore: row.not_before.toISOString(),
    notAfter: row.not_after.toISOString(),
    revoked: row.revoked_at !== null,
    chain: [row.certificate, ...caChain],
  };
}

/** The signed-in session's level of assurance, as its (verified) access token says. */
function acrOf(request: FastifyRequest): unknown {
  const header = request.headers.authorization ?? '';
  const token = header.replace(/^\S+\s+/, '');
  try {
    return decodeJwt(token).acr;
  } catch {
    throw new AppError('token-invalid');
  }
}

/** A check as a third party sees it: the signer's name, never their personal number. */
function publicValidation(format: 'jades' | 'pades', check: PdfSignatureCheck): SignatureValidation {
  const signer =
    check.signer.kind === 'person'
      ? { kind: 'person' as const, name: check.signer.name }
      : { kind: 'seal' as const, administration: check.signer.administration, name: check.signer.name };
  return { valid: true, format, signer, signedAt: check.signedAt, certificate: check.certificate };
}

async function signingRoutes(app: FastifyInstance, options: SigningRoutesOptions): Promise<void> {
  const { signing, exchange } = options;
  const authority = signing.authority;

  app.addContentTypeParser(
    'application/pdf',
    { parseAs: 'buffer', bodyLimit: MAX_PDF_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/api/signing/certificates',
    {
      config: { access: 'signed-in', personalData: CERTIFICATE_ISSUANCE },
      schema: {
        tags: ['citizen'],
        summary: 'A signing certificate for a P-256 key the browser holds (PKCS#10 request; eID sign-in)',
        security: [{ eid: [] }],
        body: CertificateRequest,
        response: { 201: SigningCertificate, ...errors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      checkIssuanceAssurance(acrOf(request));
      const publicKey = await checkedCertificateRequest((request.body as CertificateRequest).csr);
      const holder = await authority.holderOfKey(await keyThumbprint(publicKey));
      if (holder !== undefined && holder !== principal.subject)
        throw new AppError('signing-key-certified-for-another');
      const person = await exchange.call(
        PERSONS.endpoints.person,
        { egn: principal.subject },
        issuanceAccess(principal.subject),
        'person-not-found',
      );
      if (person.deceased) throw new AppError('person-not-found');
      const row = await authority.certifyPerson(
        { personalNumber: person.egn, givenName: person.givenName, familyName: person.familyName },
        publicKey,
      );
      reply.code(201);
      return certificateOf(row, (await authority.authority()).chain);
    },
  );

  app.get(
    '/api/signing/certificates',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['citizen'],
        summary: "The signed-in person's signing certificates, newest first",
        security: [{ eid: [] }],
        response: { 200: SigningCertificateList, ...errors },
      },
    },
    async (request) => {
      const rows = await authority.personCertificates(principalOf(request).subject);
      const caChain = (await authority.authority()).chain;
      return { items: rows.map((row) => certificateOf(row, caChain)) };
    },
  );

  app.post(
    '/api/signatures/validate',
    {
      config: { access: 'public' },
      bodyLimit: MAX_PDF_BYTES,
      schema: {
        tags: ['public'],
        summary:
          'Whether a document Civitas signed is valid, by whom and when: a JAdES JWS as JSON {"jws"}, or a PDF as application/pdf',
        body: Type.Union([JwsValidationRequest, Type.Any({ description: 'a PDF (application/pdf)' })]),
        response: { 200: SignatureValidation, ...errors },
      },
    },
    async (request) => {
      const body = request.body;
      try {
        if (Buffer.isBuffer(body)) return publicValidation('pades', await signing.verifyPdf(body));
        if (!body || typeof body !== 'object' || typeof (body as { jws?: unknown }).jws !== 'string') {
          throw new AppError(
            'signing-document-malformed',
            'Send {"jws": "…"} as JSON, or a PDF as application/pdf.',
          );
        }
        return publicValidation(
          'jades',
          await signing.verifyJades((body as JwsValidationRequest).jws.trim()),
        );
      } catch (error) {
        if (error instanceof AppError && NOT_VALID.has(error.code)) {
          return {
            valid: false,
            code: error.code,
            detail: error.detail ?? signingErrors[error.code as keyof typeof signingErrors].title,
          };
        }
        throw error;
      }
    },
  );
}

/** The signing context's routes, as one encapsulated plugin (its PDF parser stays inside). */
export const signingPlugin = fp(signingRoutes, {
  name: 'signing',
  dependencies: ['route-access'],
  encapsulate: true,
});
