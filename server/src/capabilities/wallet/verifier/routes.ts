import {
  RegisteredVerifier,
  StartVerification,
  VerificationStarted,
  VerificationState,
} from '@civitas/contracts/api/wallet-verifier.ts';
import { openId4VpSessionTranscript } from '@civitas/wallet/mdoc/session-transcript.ts';
import { verifyMdocPresentation } from '@civitas/wallet/mdoc/verify.ts';
import { verifySdJwtVcPresentation } from '@civitas/wallet/sd-jwt/verify.ts';
import formbody from '@fastify/formbody';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { tablesOf } from '../../../db/index.ts';
import { principalOf } from '../../../identity/index.ts';
import { AppError } from '../../../kernel/index.ts';
import type { WalletOptions } from '../options.ts';
import { createWalletTrust, type WalletTrustService } from '../trust/service.ts';
import { offlineRoutes } from './offline-routes.ts';
import type { PresentationCheckers } from './presentations.ts';
import { VerifierRegistry } from './registry.ts';
import { receiveResponse } from './response.ts';
import { VerificationTransactions } from './service.ts';
import { statusListReader } from './status-lists.ts';
import type { VerifierTables } from './tables.ts';

const Problem = Type.Object(
  { type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String() },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);
const problems = { 400: Problem, 403: Problem, 404: Problem, 409: Problem, 410: Problem, 422: Problem };
const Id = Type.Object({ id: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });
const STAFF = { roles: ['police', 'official', 'pharmacist'] } as const;
const PRESENTATION_USE = { purpose: 'identity-verification', legalBasis: 'eidas-regulation-art-5a' } as const;

/** The checkers the verifier runs, one per credential format. */
export const PRESENTATION_CHECKERS: PresentationCheckers = {
  sdJwt: verifySdJwtVcPresentation,
  mdoc: async (deviceResponse, context, transcript) =>
    verifyMdocPresentation(deviceResponse, {
      ...context,
      sessionTranscript: await openId4VpSessionTranscript(transcript),
    }),
};

interface Context {
  transactions: VerificationTransactions;
  respond(id: string, jwe: string): Promise<unknown>;
}

/** The wallet verifier's HTTP routes (registered by ../routes.ts in their own scope). */
export async function verifierRoutes(
  app: FastifyInstance,
  options: WalletOptions,
  parts: { trust?: WalletTrustService } = {},
): Promise<void> {
  const db = tablesOf<VerifierTables>(options.db);
  // The composition's trust (the issuer's and the status lists'): its keys are loaded once.
  const trust = parts.trust ?? createWalletTrust({ db: options.db, config: options.config });
  const registry = new VerifierRegistry(db, trust);
  if (options.config.demo) await registry.seedDemo();
  const publicUrl = options.config.publicUrl;
  const transactions = new VerificationTransactions(db, registry, publicUrl);
  const statusList = statusListReader(app, publicUrl);
  const deps = {
    db,
    transactions,
    registry,
    checkers: PRESENTATION_CHECKERS,
    trustAnchors: () => trust.trustAnchors(),
    statusList,
  };
  const respond = (id: string, jwe: string) =>
    receiveResponse(deps, id, jwe, new URL(`/api/wallet/verifications/${id}/response`, publicUrl).toString());
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  staffRoutes(app, { transactions, respond });
  protocolRoutes(app, { transactions, respond });
  await offlineRoutes(app, {
    db,
    connection: options.db,
    registry,
    trust,
    statusList,
    publicUrl,
    staff: STAFF,
  });
}

/** What the verifier's staff use: their registration, starting a check, polling it. */
function staffRoutes(app: FastifyInstance, { transactions }: Context): void {
  app.get(
    '/api/wallet/verifier',
    {
      config: { access: STAFF },
      schema: {
        tags: ['wallet'],
        summary: 'The registered verifier you act for',
        response: { 200: RegisteredVerifier, ...problems },
      },
    },
    async (request) => {
      const { id, name, organisation, clientId, checks } = await transactions.verifierOf(
        principalOf(request),
      );
      return { id, name, organisation, clientId, checks };
    },
  );
  app.post(
    '/api/wallet/verifications',
    {
      config: { access: STAFF },
      schema: {
        tags: ['wallet'],
        summary: 'Start a check (OpenID4VP): the QR and the same-device link',
        body: StartVerification,
        response: { 201: VerificationStarted, ...problems },
      },
    },
    async (request, reply) => {
      const { check } = request.body as StartVerification;
      return reply.code(201).send(await transactions.start(principalOf(request), check));
    },
  );
  app.get(
    '/api/wallet/verifications/:id',
    {
      // The claims a holder chose to present, shown to the verifier that asked (eIDAS Art. 5a).
      config: { access: STAFF, personalData: PRESENTATION_USE },
      schema: {
        tags: ['wallet'],
        summary: 'A check’s state, polled by the screen',
        params: Id,
        response: { 200: VerificationState, ...problems },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return transactions.stateFor(principalOf(request), (request.params as { id: string }).id);
    },
  );
}

/** What the wallet calls: `request_uri` and `response_uri` (public; the transaction id is unguessable). */
function protocolRoutes(app: FastifyInstance, { transactions, respond }: Context): void {
  app.get(
    '/api/wallet/verifications/:id/request',
    {
      config: { access: 'public' },
      schema: {
        tags: ['wallet'],
        summary: 'request_uri: the signed request object (JAR)',
        params: Id,
        response: { 200: Type.String(), ...problems },
      },
    },
    async (request, reply) => {
      const jws = await transactions.requestObject((request.params as { id: string }).id);
      return reply.header('cache-control', 'no-store').type('application/oauth-authz-req+jwt').send(jws);
    },
  );
  app.post(
    '/api/wallet/verifications/:id/response',
    {
      config: { access: 'public' },
      schema: {
        tags: ['wallet'],
        summary: 'response_uri (direct_post.jwt): the wallet’s encrypted response',
        params: Id,
        body: Type.Object({
          response: Type.String({ minLength: 1, maxLength: 200_000, pattern: '^[A-Za-z0-9_.-]+$' }),
        }),
        response: { 200: Type.Object({}), ...problems, 503: Problem },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      try {
        await respond(id, (request.body as { response: string }).response);
      } catch (error) {
        // Every refused presentation is logged with its code (never the presented claims).
        if (error instanceof AppError) request.log.info({ code: error.code }, 'wallet presentation refused');
        throw error;
      }
      request.log.info('wallet presentation verified');
      return {};
    },
  );
}
