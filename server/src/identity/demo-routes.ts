import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Connection } from '../db/index.ts';
import type { Config } from '../kernel/index.ts';
import { listDemoAccounts } from './demo-accounts.ts';
import type { IdentityKeys } from './keys.ts';
import type { PersonDirectory } from './person-directory.ts';
import { identityPolicy } from './policy.ts';
import { issueDemoToken } from './service.ts';

export interface DemoRoutesOptions {
  db: Connection;
  config: Config;
  keys: IdentityKeys;
  directory: PersonDirectory;
}

const tokenSchema = {
  hide: true,
  body: Type.Object({ personalNumber: Type.String({ maxLength: 32 }) }, { additionalProperties: false }),
  response: { 200: Type.Object({ accessToken: Type.String(), tokenType: Type.Literal('Bearer') }) },
};

const accountsSchema = {
  tags: ['demo'],
  summary: 'The demo accounts, one per role (not in production)',
  response: {
    200: Type.Array(
      Type.Object({
        role: Type.String(),
        personalNumber: Type.String(),
        name: Type.String(),
        nameLatin: Type.String(),
        organisation: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
  },
};

/** The demo helpers around the eID node (refused in production: `identityPolicy`). */
export async function demoRoutes(app: FastifyInstance, options: DemoRoutesOptions): Promise<void> {
  const { db, config } = options;
  /** For `civitas token` while the server holds the embedded database: loopback callers only. */
  app.post(
    '/api/demo/tokens',
    // Demo only and from this machine only: the policy checks both.
    { config: { access: 'public' }, schema: tokenSchema },
    async (request) => {
      identityPolicy.requireDemo(config);
      identityPolicy.requireLocalCaller(request.socket.remoteAddress, request.ip);
      const { personalNumber } = request.body as { personalNumber: string };
      const accessToken = await issueDemoToken(
        db,
        options.keys,
        config,
        options.directory,
        app.instance.personalNumbers,
        personalNumber,
      );
      return { accessToken, tokenType: 'Bearer' as const };
    },
  );

  app.get('/api/demo/accounts', { config: { access: 'public' }, schema: accountsSchema }, async () => {
    identityPolicy.requireDemo(config);
    return listDemoAccounts(db);
  });
}
