import {
  IssuedReport,
  PublicReportRequest,
  ReportVerdict,
  SignedReport,
} from '@civitas/contracts/api/vehicle-report.ts';
import { checkPlate, normalisePlate } from '@civitas/contracts/ids/plate.ts';
import { checkVin } from '@civitas/contracts/ids/vin.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessPolicy } from '../../access/index.ts';
import type { ExchangeClient } from '../../exchange/index.ts';
import { CaseHeader, caseReferenceOf } from '../../http/index.ts';
import { principalOf } from '../../identity/index.ts';
import { AppError, preferredLanguage } from '../../kernel/index.ts';
import { PDF_LANGUAGES } from './pdf-code-labels.ts';
import { DossierPolicy, type SecondFact } from './policy.ts';
import { DossierService, type VehicleKey } from './service.ts';
import type { ReportStore } from './store.ts';
import { issuedReport, verifyReportJson, verifyReportPdf } from './verification.ts';

export interface DossierRoutesOptions {
  exchange: Pick<ExchangeClient, 'get' | 'ask' | 'locate'>;
  store: ReportStore;
  /** Which officials and police may ask for which vehicle's report, why and on what basis. */
  policy: AccessPolicy;
  publicUrl: string;
  /** Per-register deadline of a report (a register that misses it is listed as missing). */
  timeoutMs?: number;
  /** Wrong second facts a client may send in a quarter of an hour before it is refused. */
  maxFailures?: number;
  /** Anonymous reports per minute per client address; 0 = no limit (benchmarks only). */
  reportsPerMinute?: number;
}

const PDF = 'application/pdf';
const ProblemRef = Type.Object({}, { additionalProperties: true, description: 'RFC 9457 problem details' });
const errors = {
  400: ProblemRef,
  401: ProblemRef,
  403: ProblemRef,
  404: ProblemRef,
  429: ProblemRef,
  503: ProblemRef,
};

const PurposeCode = Type.String({ minLength: 3, maxLength: 200, description: 'a purpose code' });
const LegalBasisCode = Type.String({ minLength: 3, maxLength: 200, description: 'a legal basis code' });

const DossierSchema = {
  tags: ['vehicles'],
  summary:
    "A vehicle's signed history report: the owner's own vehicle, or any vehicle for officials and police with X-Legal-Basis (and X-Purpose, default vehicle-history-report): a pair of GET /api/access/purposes. JSON, or PDF with Accept: application/pdf",
  security: [{ eid: [] }],
  params: Type.Object({ vin: Type.String({ maxLength: 40 }) }),
  headers: Type.Object({
    'x-purpose': Type.Optional(PurposeCode),
    'x-legal-basis': Type.Optional(LegalBasisCode),
    'x-case': CaseHeader,
  }),
  response: { 200: SignedReport, ...errors },
};

const SecondFactSchema = {
  tags: ['vehicles'],
  summary:
    "Anyone's vehicle history report: a VIN or plate plus one fact only a holder of the vehicle's papers knows. JSON, or PDF with Accept: application/pdf",
  body: PublicReportRequest,
  response: { 200: SignedReport, ...errors },
};

const VerifySchema = {
  tags: ['vehicles'],
  summary: 'Check a vehicle report: its signed JSON (application/json) or its PDF (application/pdf)',
  response: { 200: ReportVerdict, ...errors },
};

const KeysSchema = { tags: ['vehicles'], summary: 'The public keys that sign vehicle reports (JWKS)' };

const ReferenceSchema = {
  tags: ['vehicles'],
  summary: 'Whether a report with this reference was issued, and what for (the QR code on a PDF leads here)',
  params: Type.Object({ reference: Type.String({ maxLength: 40 }) }),
  response: { 200: IssuedReport, ...errors },
};

function checkedVin(vin: string): string {
  const value = vin.trim().toUpperCase();
  const problem = checkVin(value);
  if (problem) {
    const why = {
      length: 'must be 17 characters',
      characters: 'may use only 0-9 and A-Z except I, O and Q',
      checksum: 'has a wrong check digit',
    }[problem];
    throw new AppError('invalid-vin', `The VIN ${why}.`);
  }
  return value;
}

/** The vehicle and the fact of a second-fact request: exactly one of each. */
function secondFactRequest(body: PublicReportRequest): { key: VehicleKey; fact: SecondFact } {
  if ((body.vin === undefined) === (body.plate === undefined)) {
    throw new AppError('validation-failed', 'Give either a VIN or a plate.');
  }
  if ((body.firstRegistrationDate === undefined) === (body.registrationCertificateNumber === undefined)) {
    throw new AppError(
      'validation-failed',
      'Give either the first-registration date or the registration certificate number.',
    );
  }
  const fact: SecondFact =
    body.firstRegistrationDate !== undefined
      ? { firstRegistrationDate: body.firstRegistrationDate }
      : { registrationCertificateNumber: body.registrationCertificateNumber! };
  if (body.vin !== undefined) return { key: { vin: checkedVin(body.vin) }, fact };
  const plate = normalisePlate(body.plate!);
  if (checkPlate(plate))
    throw new AppError('invalid-plate', 'The plate is not a Bulgarian registration plate (e.g. СА 1234 ВХ).');
  return { key: { plate }, fact };
}

function wantsPdf(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes(PDF) && !/application\/json/.test(accept.split(PDF)[0] ?? '');
}

/** Answers a signed report as JSON, or as PDF in the reader's language when the client accepts it. */
async function sendReport(
  dossiers: DossierService,
  request: FastifyRequest,
  reply: FastifyReply,
  signed: SignedReport,
) {
  reply.header('cache-control', 'no-store').header('vary', 'accept');
  if (!wantsPdf(request)) return reply.type('application/json; charset=utf-8').send(JSON.stringify(signed));
  // The reader's language (the web app sends its own as Accept-Language); the instance's by default.
  const fallback =
    PDF_LANGUAGES.find((language) => language === request.server.instance.defaultLocale) ?? 'bg';
  const language = preferredLanguage(PDF_LANGUAGES, fallback, {
    acceptLanguage: request.headers['accept-language'],
  });
  const pdf = await dossiers.pdfOf(signed, language);
  return reply
    .type(PDF)
    .header('content-disposition', `attachment; filename="vehicle-report-${signed.reference}.pdf"`)
    .send(pdf);
}

/** The vehicle history report: for owners, officials and police, and for anyone with a second fact. */
async function dossierRoutes(app: FastifyInstance, options: DossierRoutesOptions): Promise<void> {
  const { store } = options;
  const reportsPerMinute = options.reportsPerMinute ?? 30;
  const dossiers = new DossierService({ ...options, policy: new DossierPolicy(options.policy) });
  app.addHook('onClose', () => dossiers.close());

  app.get(
    '/api/vehicles/:vin/dossier',
    { config: { access: 'signed-in' }, schema: DossierSchema },
    async (request, reply) => {
      const vin = checkedVin((request.params as { vin: string }).vin);
      const signed = await dossiers.forCaller(principalOf(request), vin, {
        purpose: request.headers['x-purpose'] as string | undefined,
        legalBasis: request.headers['x-legal-basis'] as string | undefined,
        caseRef: caseReferenceOf(request.headers['x-case']),
      });
      return sendReport(dossiers, request, reply, signed);
    },
  );

  app.post(
    '/api/vehicle-reports',
    {
      // Anyone with the vehicle's papers: the fact only a holder knows is the proof, not a token.
      config: {
        access: 'public',
        ...(reportsPerMinute > 0 && { rateLimit: { max: reportsPerMinute, timeWindow: '1 minute' } }),
      },
      schema: SecondFactSchema,
    },
    async (request, reply) => {
      const { key, fact } = secondFactRequest(request.body as PublicReportRequest);
      const signed = await dossiers.withSecondFact(key, fact, request.ip, request.log);
      return sendReport(dossiers, request, reply, signed);
    },
  );

  await app.register(async (scope) => {
    scope.addContentTypeParser(
      PDF,
      { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/api/vehicle-reports/verify',
      { config: { access: 'public' }, bodyLimit: 10 * 1024 * 1024, schema: VerifySchema },
      async (request) =>
        Buffer.isBuffer(request.body)
          ? verifyReportPdf(store, request.body)
          : verifyReportJson(store, request.body),
    );
  });

  app.get('/api/vehicle-reports/keys', { config: { access: 'public' }, schema: KeysSchema }, async () =>
    store.publicKeys(),
  );

  app.get(
    '/api/vehicle-reports/:reference',
    { config: { access: 'public' }, schema: ReferenceSchema },
    async (request) => issuedReport(store, (request.params as { reference: string }).reference),
  );
}

/** The vehicle-dossier context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const vehicleDossierPlugin = fp(dossierRoutes, {
  name: 'vehicle-dossier',
  dependencies: ['route-access', 'exchange-client'],
  encapsulate: true,
});
