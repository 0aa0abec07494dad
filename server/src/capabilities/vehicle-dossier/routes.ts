import { type ReportBody, SignedReport, type Viewer } from '@civitas/contracts/api/vehicle-report.ts';
import { checkPlate, normalisePlate } from '@civitas/contracts/ids/plate.ts';
import { checkVin } from '@civitas/contracts/ids/vin.ts';
import { VEHICLES } from '@civitas/contracts/registers/vehicles.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessPolicy } from '../../access/policy.ts';
import { type ExchangeClient, failureError } from '../../exchange/client.ts';
import { CaseHeader, caseReferenceOf } from '../../http/case-reference.ts';
import { principalOf } from '../../identity/auth.ts';
import { preferredLanguage } from '../../kernel/accept-language.ts';
import { AppError } from '../../kernel/errors.ts';
import { FailureLimiter } from './failure-limiter.ts';
import { DOSSIER_PURPOSE, findVehicle, type GatheredReport, gatherReport } from './gather.ts';
import { PDF_LANGUAGES } from './pdf-code-labels.ts';
import { PdfRendererPool } from './pdf-pool.ts';
import { canonicalReportJson, newReference, referenceShape, verifyReport } from './signing.ts';
import { type ReportStore, sha256Hex } from './store.ts';

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

/** The legal basis code of a report anyone may ask for (the dossier's statute, Road Traffic Act Art. 140). */
export const PUBLIC_LEGAL_BASIS = 'road-traffic-act-art-140';
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

const Verdict = Type.Object({
  valid: Type.Boolean(),
  reason: Type.Optional(
    Type.Union(
      (
        ['malformed', 'unknown-key', 'bad-signature', 'not-a-report', 'unknown-reference', 'altered'] as const
      ).map((reason) => Type.Literal(reason)),
    ),
  ),
  detail: Type.String(),
  reference: Type.Optional(Type.String()),
  vin: Type.Optional(Type.String()),
  issuedAt: Type.Optional(Type.String()),
  viewer: Type.Optional(Type.String()),
  partial: Type.Optional(Type.Boolean()),
});

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

function wantsPdf(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes(PDF) && !/application\/json/.test(accept.split(PDF)[0] ?? '');
}

/** The vehicle history report: for owners, officials and police, and for anyone with a second fact. */
async function dossierRoutes(app: FastifyInstance, options: DossierRoutesOptions): Promise<void> {
  const { store } = options;
  const timeoutMs = options.timeoutMs ?? 3_000;
  const limiter = new FailureLimiter(options.maxFailures ?? 5, 15 * 60_000);
  const reportsPerMinute = options.reportsPerMinute ?? 30;
  const renderer = new PdfRendererPool();
  app.addHook('onClose', () => renderer.close());

  /** Signs the gathered report, records it, and answers it as JSON or PDF. */
  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    gathered: GatheredReport,
    requester: string | null,
  ) {
    const { currentOwnerId: _owner, ...content } = gathered;
    const body: ReportBody = {
      reference: newReference(),
      issuedAt: new Date().toISOString(),
      issuer: options.publicUrl,
      ...content,
    };
    const signed = await store.issue(body, requester);
    reply.header('cache-control', 'no-store').header('vary', 'accept');
    if (!wantsPdf(request)) return reply.type('application/json; charset=utf-8').send(JSON.stringify(signed));
    // The reader's language (the web app sends its own as Accept-Language); Bulgarian by default.
    const language = preferredLanguage(PDF_LANGUAGES, 'bg', {
      acceptLanguage: request.headers['accept-language'],
    });
    const pdf = await renderer.render(signed, {
      verifyUrl: `${options.publicUrl}/verify/${signed.reference}`,
      language,
    });
    await store.recordPdf(signed.reference, pdf);
    return reply
      .type(PDF)
      .header('content-disposition', `attachment; filename="vehicle-report-${signed.reference}.pdf"`)
      .send(pdf);
  }

  const gather = (request: Parameters<typeof gatherReport>[1]) => gatherReport(options.exchange, request);

  app.get(
    '/api/vehicles/:vin/dossier',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['vehicles'],
        summary:
          "A vehicle's signed history report: the owner's own vehicle, or any vehicle for officials and police with X-Legal-Basis (and X-Purpose, default vehicle-history-report): a pair of GET /api/access/purposes. JSON, or PDF with Accept: application/pdf",
        security: [{ eid: [] }],
        params: Type.Object({ vin: Type.String({ maxLength: 40 }) }),
        headers: Type.Object({
          'x-purpose': Type.Optional(
            Type.String({ minLength: 3, maxLength: 200, description: 'a purpose code' }),
          ),
          'x-legal-basis': Type.Optional(
            Type.String({ minLength: 3, maxLength: 200, description: 'a legal basis code' }),
          ),
          'x-case': CaseHeader,
        }),
        response: { 200: SignedReport, ...errors },
      },
    },
    async (request, reply) => {
      const vin = checkedVin((request.params as { vin: string }).vin);
      const principal = principalOf(request);
      const legalBasis = request.headers['x-legal-basis'] as string | undefined;
      const caseRef = caseReferenceOf(request.headers['x-case']);
      const officialRole = (['police', 'official'] as const).find((role) => principal.roles.includes(role));
      const today = new Date().toISOString().slice(0, 10);
      if (officialRole && legalBasis) {
        const purpose = (request.headers['x-purpose'] as string | undefined)?.trim() || DOSSIER_PURPOSE;
        const access = await options.policy.authorise(principal, 'vehicle-dossier', {
          purpose,
          legalBasis: legalBasis.trim(),
          caseRef,
        });
        const vehicle = await findVehicle(options.exchange, { vin }, access);
        if (!vehicle) throw new AppError('vehicle-not-found', 'No vehicle with this VIN in the register.');
        const gathered = await gather({
          vehicle,
          vin,
          viewer: access.role,
          client: access.client,
          purpose: access.purpose,
          legalBasis: access.legalBasis,
          userId: principal.subject,
          caseRef,
          timeoutMs,
          today,
        });
        return answer(request, reply, gathered, principal.subject);
      }
      // A citizen: only their own vehicle. The register names its current owner.
      const owner = await options.exchange.ask(
        VEHICLES.endpoints.registrations,
        { vin },
        { purpose: DOSSIER_PURPOSE, legalBasis: PUBLIC_LEGAL_BASIS },
      );
      if (!owner.ok && owner.failure.kind !== 'not-found') throw failureError(owner.failure);
      const last = owner.body?.at(-1);
      if (last?.ownerKind !== 'person' || last.ownerId !== principal.subject) {
        // A stranger's vehicle and an unknown VIN get the same answer, so that a citizen cannot
        // learn which VINs exist: both asked the register once and stop here.
        throw new AppError(
          'vehicle-not-found',
          officialRole
            ? 'No vehicle with this VIN is registered to you. Officials and police see any vehicle with the X-Legal-Basis header.'
            : 'No vehicle with this VIN is registered to you. Anyone can ask for a report with a second fact (POST /api/vehicle-reports).',
        );
      }
      // The owner asks about themselves: the lookups name them, and they see them as their own.
      const gathered = await gather({
        vin,
        viewer: 'owner',
        owner: principal.subject,
        userId: principal.subject,
        legalBasis: PUBLIC_LEGAL_BASIS,
        timeoutMs,
        today,
      });
      return answer(request, reply, gathered, principal.subject);
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
      schema: {
        tags: ['vehicles'],
        summary:
          "Anyone's vehicle history report: a VIN or plate plus one fact only a holder of the vehicle's papers knows. JSON, or PDF with Accept: application/pdf",
        body: Type.Object(
          {
            vin: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
            plate: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
            firstRegistrationDate: Type.Optional(Type.String({ format: 'date' })),
            registrationCertificateNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: SignedReport, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        vin?: string;
        plate?: string;
        firstRegistrationDate?: string;
        registrationCertificateNumber?: string;
      };
      if ((body.vin === undefined) === (body.plate === undefined)) {
        throw new AppError('validation-failed', 'Give either a VIN or a plate.');
      }
      if ((body.firstRegistrationDate === undefined) === (body.registrationCertificateNumber === undefined)) {
        throw new AppError(
          'validation-failed',
          'Give either the first-registration date or the registration certificate number.',
        );
      }
      let key: { vin: string } | { plate: string };
      if (body.vin !== undefined) key = { vin: checkedVin(body.vin) };
      else {
        const plate = normalisePlate(body.plate!);
        if (checkPlate(plate))
          throw new AppError(
            'invalid-plate',
            'The plate is not a Bulgarian registration plate (e.g. СА 1234 ВХ).',
          );
        key = { plate };
      }
      const client = request.ip;
      if (limiter.blocked(client)) {
        throw new AppError(
          'rate-limited',
          'Too many reports asked with a wrong second fact: try again later.',
        );
      }
      const context = { purpose: DOSSIER_PURPOSE, legalBasis: PUBLIC_LEGAL_BASIS };
      const vehicle = await findVehicle(options.exchange, key, context);
      const facts = vehicle?.body;
      const matches =
        facts !== undefined &&
        (body.firstRegistrationDate !== undefined
          ? facts.firstRegistrationDate === body.firstRegistrationDate
          : String(facts.registrationCertificateNumber).toUpperCase() ===
            body.registrationCertificateNumber!.trim().toUpperCase());
      if (!matches) {
        limiter.fail(client);
        request.log.info(
          { event: 'vehicle-report.refused' },
          'a vehicle report was asked with an unknown vehicle or a wrong fact',
        );
        // The same answer for an unknown vehicle and a wrong fact: it must not tell which.
        throw new AppError(
          'vehicle-not-found',
          'No vehicle matches this VIN or plate together with the fact given.',
        );
      }
      const gathered = await gather({
        vehicle: vehicle!,
        vin: String(facts!.vin),
        viewer: 'public',
        legalBasis: PUBLIC_LEGAL_BASIS,
        timeoutMs,
        today: new Date().toISOString().slice(0, 10),
      });
      return answer(request, reply, gathered, null);
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
      {
        config: { access: 'public' },
        bodyLimit: 10 * 1024 * 1024,
        schema: {
          tags: ['vehicles'],
          summary: 'Check a vehicle report: its signed JSON (application/json) or its PDF (application/pdf)',
          response: { 200: Verdict, ...errors },
        },
      },
      async (request) => {
        if (Buffer.isBuffer(request.body)) return verifyPdf(store, request.body);
        return verifyJson(store, request.body);
      },
    );
  });

  app.get(
    '/api/vehicle-reports/keys',
    {
      config: { access: 'public' },
      schema: {
        tags: ['vehicles'],
        summary: 'The public keys that sign vehicle reports (JWKS)',
      },
    },
    async () => store.publicKeys(),
  );

  app.get(
    '/api/vehicle-reports/:reference',
    {
      config: { access: 'public' },
      schema: {
        tags: ['vehicles'],
        summary:
          'Whether a report with this reference was issued, and what for (the QR code on a PDF leads here)',
        params: Type.Object({ reference: Type.String({ maxLength: 40 }) }),
        response: {
          200: Type.Object({
            reference: Type.String(),
            vin: Type.String(),
            issuedAt: Type.String(),
            viewer: Type.String(),
            partial: Type.Boolean(),
            pdfIssued: Type.Boolean(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const typed = referenceShape((request.params as { reference: string }).reference);
      if (!typed)
        throw new AppError('validation-failed', 'This is not a report reference (VR-XXXX-XXXX-XXXX).');
      // A reference whose check symbol does not match was never issued: it is unknown, most
      // likely mistyped, but it is a reference all the same.
      const row = typed.checks ? await store.byReference(typed.reference) : undefined;
      if (!row)
        throw new AppError(
          'report-not-found',
          typed.checks
            ? `No report ${typed.reference} was issued here.`
            : `No report ${typed.reference} was issued here: its last symbol does not match the others, so it may be mistyped.`,
        );
      return {
        reference: row.reference,
        vin: row.vin,
        issuedAt: row.issued_at.toISOString(),
        viewer: row.viewer,
        partial: row.partial,
        pdfIssued: row.pdf_sha256 !== null,
      };
    },
  );
}

async function verifyJson(store: ReportStore, input: unknown) {
  const checked = await verifyReport(input, (kid) => store.verificationKey(kid));
  if (!checked.valid) {
    const reason = checked.reason === 'bad-signature' ? 'altered' : checked.reason;
    return { valid: false, reason, detail: describe(reason, checked.detail) };
  }
  const row = await store.byReference(checked.body.reference);
  if (!row) {
    return {
      valid: false,
      reason: 'unknown-reference' as const,
      detail: `No report ${checked.body.reference} was issued here.`,
    };
  }
  if (row.body_sha256 !== sha256Hex(canonicalReportJson(checked.body))) {
    return {
      valid: false,
      reason: 'altered' as const,
      detail: 'The report differs from the one issued under its reference.',
    };
  }
  return verdictOf(
    row,
    'The report is authentic and unchanged: signed by Civitas and issued under this reference.',
  );
}

async function verifyPdf(store: ReportStore, pdf: Buffer) {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
    return { valid: false, reason: 'malformed' as const, detail: 'The file is not a PDF.' };
  }
  const row = await store.byPdfHash(sha256Hex(pdf));
  if (row)
    return verdictOf(
      row,
      'The PDF is authentic and unchanged: it is byte for byte the one issued under this reference.',
    );
  const named = /VR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/.exec(
    pdf.toString('latin1'),
  )?.[0];
  const issued = named ? await store.byReference(named) : null;
  return {
    valid: false,
    reason: issued ? ('altered' as const) : ('unknown-reference' as const),
    detail: issued
      ? `The PDF names report ${issued.reference}, but it is not the PDF issued under it: it was changed.`
      : 'The PDF is not one that Civitas issued.',
    ...(issued ? { reference: issued.reference } : {}),
  };
}

function verdictOf(
  row: { reference: string; vin: string; issued_at: Date; viewer: string; partial: boolean },
  detail: string,
) {
  return {
    valid: true,
    detail,
    reference: row.reference,
    vin: row.vin,
    issuedAt: row.issued_at.toISOString(),
    viewer: row.viewer,
    partial: row.partial,
  };
}

function describe(reason: string, detail: string): string {
  if (reason === 'altered')
    return 'The signature does not match the report: it was changed after it was signed.';
  if (reason === 'unknown-key') return 'The report is signed with a key Civitas does not know.';
  return `The file is not a signed vehicle report (${detail}).`;
}

export type { Viewer };

/** The vehicle-dossier context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const vehicleDossierPlugin = fp(dossierRoutes, {
  name: 'vehicle-dossier',
  dependencies: ['route-access', 'exchange-client'],
  encapsulate: true,
});
