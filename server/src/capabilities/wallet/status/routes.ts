import {
  HolderRevocation,
  type IssuedCredentialCopy,
  IssuedCredentials,
} from '@civitas/contracts/api/wallet-status.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '../../../identity/index.ts';
import { AppError } from '../../../kernel/index.ts';
import { registerChanges } from '../../../registers/index.ts';
import type { WalletOptions } from '../options.ts';
import { matches, trustRoutes } from '../trust/routes.ts';
import { createWalletTrust, type WalletTrustService } from '../trust/service.ts';
import { negotiateTokenKind } from './accept.ts';
import { MEDIA_TYPES, StatusPublisher, TOKEN_BUILDERS } from './publish.ts';
import { RevocationWorker } from './revocation.ts';
import { createStatusLists, type IssuedCopy, type StatusListsService } from './service.ts';

/** The parts the composition may share with the issuer (made here when it does not). */
export interface StatusParts {
  trust?: WalletTrustService;
  lists?: StatusListsService;
  /** How often the registers' change outbox is read (ms; default 1000, 0: only on demand). */
  revocationIntervalMs?: number;
}

const ProblemRef = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);
const LIST_ID = /^[A-Za-z0-9_-]{1,64}$/;
const DAY_MS = 86_400_000;
const HOLDER_USE = { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' } as const;
const REVOCATION_USE = { purpose: 'credential-issuance', legalBasis: 'eidas-regulation-art-5a' } as const;

function copyView(copy: IssuedCopy): IssuedCredentialCopy {
  return {
    id: copy.credentialId,
    configuration: copy.configuration,
    format: copy.format,
    issuedAt: copy.issuedAt.toISOString(),
    expiresAt: copy.expiresAt?.toISOString() ?? null,
    status: copy.status,
    changedAt: copy.changedAt.toISOString(),
  };
}

/** The wallet's status lists, trust list, the holder's copies and the revocation worker. */
export async function statusRoutes(
  app: FastifyInstance,
  options: WalletOptions,
  parts: StatusParts = {},
): Promise<void> {
  const trust = parts.trust ?? createWalletTrust({ db: options.db, config: options.config });
  const lists = parts.lists ?? createStatusLists({ db: options.db, publicUrl: options.config.publicUrl });
  const publisher = new StatusPublisher({
    lists,
    signer: () => trust.statusListSigner(),
    builders: TOKEN_BUILDERS,
  });
  const worker = new RevocationWorker(options.db, lists, {
    changes: registerChanges,
    applied: (change, changed) =>
      app.log.info(
        {
          event: 'wallet.revocation',
          changeId: change.id,
          register: change.register,
          kind: change.kind,
          changed,
        },
        'wallet credentials follow a register change',
      ),
  });
  // The keys are made (or checked against the key store) at boot, not inside an issuer's transaction.
  app.addHook('onReady', async () => {
    await Promise.all([trust.verifierAnchors(), trust.issuerSigner(), trust.statusListSigner()]);
  });
  const interval = parts.revocationIntervalMs ?? 1000;
  if (interval > 0) {
    app.addHook('onReady', async () =>
      worker.start(interval, DAY_MS, (error) =>
        app.log.error({ err: error }, 'wallet revocation round failed'),
      ),
    );
  }
  app.addHook('onClose', () => worker.stop());
  await trustRoutes(app, { trust, statusLists: () => lists.listUris() });
  statusListRoute(app, lists, publisher);
  holderRoutes(app, lists);
}

function statusListRoute(app: FastifyInstance, lists: StatusListsService, publisher: StatusPublisher): void {
  app.get(
    '/wallet/status/:list',
    {
      config: { access: 'public' },
      schema: {
        tags: ['wallet'],
        summary:
          'A token status list (draft-ietf-oauth-status-list), as application/statuslist+jwt or +cwt by Accept',
        produces: [MEDIA_TYPES.jwt, MEDIA_TYPES.cwt],
        params: Type.Object({ list: Type.String({ maxLength: 100 }) }),
        response: { 304: Type.Null({ description: 'Not modified' }), 404: ProblemRef, 406: ProblemRef },
      },
    },
    async (request, reply) => {
      const { list: listId } = request.params as { list: string };
      const list = LIST_ID.test(listId) ? await lists.list(listId) : undefined;
      if (!list) throw new AppError('status-list-not-found', 'There is no status list under this name.');
      const kind = negotiateTokenKind(request.headers.accept, list.format === 'mso_mdoc' ? 'cwt' : 'jwt');
      reply.header('vary', 'accept');
      if (!kind) {
        throw new AppError(
          'not-acceptable',
          `A status list is served as ${MEDIA_TYPES.jwt} or ${MEDIA_TYPES.cwt}.`,
        );
      }
      const token = (await publisher.token(listId, kind))!;
      reply
        .header('cache-control', `public, max-age=${token.ttl}`)
        .header('etag', token.etag)
        .header('access-control-allow-origin', '*')
        .type(MEDIA_TYPES[kind]);
      if (matches(request.headers['if-none-match'], token.etag)) return reply.code(304).send();
      return reply.send(typeof token.body === 'string' ? token.body : Buffer.from(token.body));
    },
  );
}

function holderRoutes(app: FastifyInstance, lists: StatusListsService): void {
  app.get(
    '/api/wallet/credentials',
    {
      config: { access: 'signed-in', personalData: HOLDER_USE },
      schema: {
        tags: ['wallet'],
        summary: 'The copies of credentials issued to the signed-in person, with their status',
        security: [{ eid: [] }],
        response: { 200: IssuedCredentials, 401: ProblemRef },
      },
    },
    async (request, reply) => {
      const copies = await lists.copiesOf(principalOf(request).subject);
      reply.header('cache-control', 'no-store');
      return { credentials: copies.map(copyView) };
    },
  );
  app.post(
    '/api/wallet/credentials/revocation',
    {
      config: { access: 'signed-in', personalData: REVOCATION_USE },
      schema: {
        tags: ['wallet'],
        summary:
          'The phone is lost: revokes every valid or suspended copy issued to the signed-in person (idempotent)',
        security: [{ eid: [] }],
        response: { 200: HolderRevocation, 401: ProblemRef },
      },
    },
    async (request, reply) => {
      const subject = principalOf(request).subject;
      const revoked = await lists.revokeBySubject(subject, 'holder-report');
      request.log.info(
        { event: 'wallet.holder-revocation', revoked },
        'the holder revoked their credentials',
      );
      reply.header('cache-control', 'no-store');
      return { revoked, credentials: (await lists.copiesOf(subject)).map(copyView) };
    },
  );
}
