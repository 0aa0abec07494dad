import {
  Application,
  Applications,
  Catalogue,
  CatalogueQuery,
  CheckAnswer,
  CheckBody,
  Draft,
  DraftBody,
  Drafts,
  ServiceStart,
  SubmitBody,
} from '@civitas/contracts/api/eservices.ts';
import { ParkingPermitPrefill } from '@civitas/contracts/api/parking-permit.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Connection } from '../../db/index.ts';
import type { ExchangeClient } from '../../exchange/index.ts';
import { personalDataUseOf } from '../../http/index.ts';
import { principalOf } from '../../identity/index.ts';
import { preferredLanguage } from '../../kernel/index.ts';
import { ApplicationsService } from './applications.ts';
import { BackOffice } from './backoffice.ts';
import { backOfficeRoutes, type StaffOf } from './backoffice-routes.ts';
import { checkForm } from './declarations/form-validator.ts';
import type { ServiceCatalogue } from './declarations/load.ts';
import { type Language, searchCatalogue } from './declarations/search.ts';
import { PARKING_PERMIT_ACCESS } from './policy.ts';
import type { Notifier, Signing } from './ports.ts';
import { ParkingPermitService } from './service.ts';
import { ServiceStarter } from './start.ts';
import { ApplicationStore } from './store.ts';

export interface EservicesOptions {
  db: Connection;
  exchange: ExchangeClient;
  /** The signing context's port (ports.md §2): submissions are refused (503) until it is wired. */
  signing?: Signing;
  /** The delivery context's notifier (ports.md §3): status changes are sent through it. */
  notifier?: Notifier;
  /** An official's staff roles with their administration's exchange client (the back office's queue key). */
  staffOf?: StaffOf;
  /** The declared services (`loadCatalogue`), checked at boot. */
  catalogue: ServiceCatalogue;
}
/** @deprecated the options' old name. */
export type ParkingPermitOptions = EservicesOptions;

const Id = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) });
const ServiceCode = Type.Object({
  code: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 }),
});

/** The e-services: the catalogue, each declared service's start, and the parking permit's prefill. */
async function eservicesRoutes(app: FastifyInstance, options: EservicesOptions): Promise<void> {
  const permits = new ParkingPermitService(options.exchange);
  const starter = new ServiceStarter(options.catalogue, options.exchange);
  const applications = new ApplicationsService({
    store: new ApplicationStore(options.db),
    starter,
    signing: options.signing,
    notifier: options.notifier,
  });
  catalogueRoutes(app, options.catalogue, starter);
  draftRoutes(app, applications);
  applicationRoutes(app, applications);
  if (options.staffOf) {
    const backOffice = new BackOffice(options.db, {
      applications,
      starter,
      exchange: options.exchange,
      notifier: options.notifier,
    });
    backOfficeRoutes(app, backOffice, options.staffOf);
  }

  app.get(
    '/api/eservices/parking-permit/prefill',
    {
      config: { access: 'signed-in', personalData: PARKING_PERMIT_ACCESS },
      schema: {
        tags: ['e-services'],
        summary: 'The parking-permit application, prefilled from the registers (once-only)',
        security: [{ eid: [] }],
        response: { 200: ParkingPermitPrefill },
      },
    },
    // The pair the route declares is the one the register lookups carry.
    async (request) => permits.prefill(principalOf(request), request.log, personalDataUseOf(request)),
  );
}

const mine = { access: 'signed-in' } as const;
const tags = ['e-services'];
const security = [{ eid: [] }];

/** The catalogue (public) and a service's start (prefill and eligibility, the applicant's own). */
function catalogueRoutes(app: FastifyInstance, catalogue: ServiceCatalogue, starter: ServiceStarter): void {
  app.get(
    '/api/eservices/catalogue',
    {
      config: { access: 'public' },
      schema: {
        tags: ['e-services'],
        summary: 'The e-services catalogue: search in the reader’s language, by category and life event',
        querystring: CatalogueQuery,
        response: { 200: Catalogue },
      },
    },
    async (request) => {
      const query = request.query as CatalogueQuery;
      const lang =
        query.lang ??
        preferredLanguage(['bg', 'en', 'pl'] as const, 'bg', {
          acceptLanguage: request.headers['accept-language'] ?? null,
        });
      return searchCatalogue(catalogue, { ...query, lang: lang as Language });
    },
  );

  app.get(
    '/api/eservices/services/:code/start',
    {
      // Each service reads on its own declared pair; the route's own is checked by the exchange per call.
      config: { access: 'signed-in' },
      schema: {
        tags: ['e-services'],
        summary: 'A service’s form prefilled from the registers, and whether the applicant is eligible',
        security: [{ eid: [] }],
        params: ServiceCode,
        response: { 200: ServiceStart },
      },
    },
    async (request) => starter.start((request.params as { code: string }).code, principalOf(request)),
  );

  app.post(
    '/api/eservices/services/:code/check',
    {
      config: mine,
      schema: {
        tags,
        security,
        summary:
          'Check form data against the service’s schema (Ajv 8, the schema submission is checked with)',
        params: ServiceCode,
        body: CheckBody,
        response: { 200: CheckAnswer },
      },
    },
    async (request) =>
      checkForm(starter.service((request.params as { code: string }).code), (request.body as CheckBody).data),
  );
}

/** The applicant's drafts: saved as they are, listed, resumed. */
function draftRoutes(app: FastifyInstance, applications: ApplicationsService): void {
  app.put(
    '/api/eservices/drafts/:id',
    {
      config: mine,
      schema: {
        tags,
        security,
        summary: 'Save a draft (the id is chosen by the browser)',
        params: Id,
        body: DraftBody,
        response: { 200: Draft },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const body = request.body as DraftBody;
      return applications.saveDraft(principalOf(request).subject, id, body.serviceCode, body.data);
    },
  );

  app.get(
    '/api/eservices/drafts',
    {
      config: mine,
      schema: { tags, security, summary: 'My drafts not yet submitted', response: { 200: Drafts } },
    },
    async (request) => ({ drafts: await applications.drafts(principalOf(request).subject) }),
  );

  app.get(
    '/api/eservices/drafts/:id',
    {
      config: mine,
      schema: { tags, security, summary: 'One of my drafts', params: Id, response: { 200: Draft } },
    },
    async (request) =>
      applications.draft(principalOf(request).subject, (request.params as { id: string }).id),
  );
}

/** Submission (signed, idempotent per draft), the applicant's applications, withdrawal. */
function applicationRoutes(app: FastifyInstance, applications: ApplicationsService): void {
  app.post(
    '/api/eservices/applications',
    {
      config: mine,
      schema: {
        tags,
        security,
        summary: 'Submit a draft, signed by the applicant (idempotent per draft)',
        body: SubmitBody,
        response: { 200: Application },
      },
    },
    async (request) => {
      const body = request.body as SubmitBody;
      return applications.submit(principalOf(request).subject, body.draftId, body.signature);
    },
  );

  app.get(
    '/api/eservices/applications',
    {
      config: mine,
      schema: {
        tags,
        security,
        summary: 'My applications and their status',
        response: { 200: Applications },
      },
    },
    async (request) => ({ applications: await applications.applications(principalOf(request).subject) }),
  );

  app.get(
    '/api/eservices/applications/:id',
    {
      config: mine,
      schema: {
        tags,
        security,
        summary: 'One of my applications with its history',
        params: Id,
        response: { 200: Application },
      },
    },
    async (request) =>
      applications.application(principalOf(request).subject, (request.params as { id: string }).id),
  );

  app.post(
    '/api/eservices/applications/:id/withdraw',
    {
      config: mine,
      schema: {
        tags,
        security,
        summary: 'Withdraw my application while it is undecided',
        params: Id,
        response: { 200: Application },
      },
    },
    async (request) =>
      applications.withdraw(principalOf(request).subject, (request.params as { id: string }).id),
  );

  app.post(
    '/api/eservices/applications/:id/answer',
    {
      config: mine,
      schema: {
        tags,
        security,
        summary: 'Answer the administration’s request for more information',
        params: Id,
        body: Type.Object(
          {
            note: Type.String({
              minLength: 1,
              maxLength: 2000,
              pattern: '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]+$',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Application },
      },
    },
    async (request) =>
      applications.answer(
        principalOf(request).subject,
        (request.params as { id: string }).id,
        (request.body as { note: string }).note,
      ),
  );
}

/** The eservices context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const eservicesPlugin = fp(eservicesRoutes, {
  name: 'eservices',
  dependencies: ['route-access', 'exchange-client'],
  encapsulate: true,
});
