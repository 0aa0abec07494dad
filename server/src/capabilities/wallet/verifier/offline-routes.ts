import { OfflineRequestBatch, OfflineRequests } from '@civitas/contracts/api/wallet-verifier.ts';
import type { CheckId } from '@civitas/wallet/checks.ts';
import { signOfflineRequest } from '@civitas/wallet/offline/index.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Connection } from '../../../db/index.ts';
import { principalOf } from '../../../identity/index.ts';
import { AppError } from '../../../kernel/index.ts';
import { createStatusLists } from '../status/service.ts';
import type { VerifierRegistry, VerifierTrust } from './registry.ts';
import { random } from './service.ts';
import type { VerifierTables } from './tables.ts';

/** How long a signed offline request stays valid: a shift's worth. */
const OFFLINE_REQUEST_HOURS = 12;

export interface OfflineRouteOptions {
  db: Kysely<VerifierTables>;
  connection: Connection;
  registry: VerifierRegistry;
  trust: VerifierTrust;
  statusList(uri: string): Promise<string | Uint8Array>;
  publicUrl: string;
  staff: { readonly roles: readonly ['police', 'official', 'pharmacist'] };
}

const Problem = Type.Object({ code: Type.String() }, { additionalProperties: true });

/**
 * `POST /api/wallet/verifications/offline`: while online, the verifier screen takes a batch of
 * signed offline requests (each its own nonce) with the issuers' trust anchors and the current
 * status lists, and keeps them for when there is no network.
 */
export async function offlineRoutes(app: FastifyInstance, options: OfflineRouteOptions): Promise<void> {
  app.post(
    '/api/wallet/verifications/offline',
    {
      config: { access: options.staff },
      schema: {
        tags: ['wallet'],
        summary: 'Signed offline requests, trust anchors and status lists for the offline verifier',
        body: OfflineRequestBatch,
        response: { 200: OfflineRequests, 403: Problem },
      },
    },
    async (request, reply) => {
      const { check, count } = request.body as OfflineRequestBatch;
      const verifier = await options.registry.forRoles(principalOf(request).roles);
      if (!verifier) throw new AppError('verifier-not-registered');
      if (!verifier.checks.includes(check)) throw new AppError('verification-check-not-registered');
      const signer = await options.registry.signerOf(verifier);
      const iat = Math.floor(Date.now() / 1000);
      const exp = iat + OFFLINE_REQUEST_HOURS * 3600;
      const registration = {
        name: verifier.name,
        organisation: verifier.organisation,
        checks: verifier.checks,
      };
      const requests = await Promise.all(
        Array.from({ length: count }, async () => {
          const nonce = random(18);
          const claims = {
            v: 1 as const,
            nonce,
            check: check as CheckId,
            client_id: verifier.clientId,
            iat,
            exp,
            verifier: registration,
          };
          return {
            nonce,
            jws: await signOfflineRequest(claims, signer),
            expiresAt: new Date(exp * 1000).toISOString(),
          };
        }),
      );
      reply.header('cache-control', 'no-store');
      return {
        check,
        clientId: verifier.clientId,
        requests,
        trustAnchors: [...(await options.trust.trustAnchors())],
        statusLists: await currentStatusLists(options),
        fetchedAt: new Date().toISOString(),
      };
    },
  );
}

async function currentStatusLists(
  options: OfflineRouteOptions,
): Promise<Array<{ uri: string; token: string }>> {
  const uris = await createStatusLists({ db: options.connection, publicUrl: options.publicUrl }).listUris();
  const lists = await Promise.all(
    uris.map(async (uri) => {
      const token = await options.statusList(uri).catch(() => null);
      if (token === null) return null;
      // A CWT list (mdoc) travels as base64url text, as the mdoc status check reads it from a cache.
      return { uri, token: typeof token === 'string' ? token : Buffer.from(token).toString('base64url') };
    }),
  );
  return lists.filter((list) => list !== null);
}
