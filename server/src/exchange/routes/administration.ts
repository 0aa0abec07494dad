import {
  AccessRightBody,
  AccessRights,
  AccessRightView,
  RegistryView,
} from '@civitas/contracts/api/exchange-admin.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, unknownCodeIn } from '../../kernel/index.ts';
import type { GlobalConfiguration } from '../global-conf/types.ts';
import { parseSubsystemId } from '../ids.ts';
import type { LocalExchange } from '../local-node.ts';
import { accessRightView, type NewAccessRight } from '../node/access-rights.ts';
import { registryView } from '../registry/registry-view.ts';

/** Who made an audited change, as the composition identifies the signed-in caller. */
export type ChangedBy = (request: FastifyRequest) => string;

/** A right names a subsystem (or a global group) and a service this node provides, with known codes. */
function checkNewRight(exchange: LocalExchange, right: NewAccessRight): void {
  const knownClient = right.client.startsWith('group:') || parseSubsystemId(right.client) !== null;
  if (!knownClient || !exchange.context.services.has(right.serviceId)) {
    throw new AppError(
      'validation-failed',
      'The client must be a subsystem id or group:CODE, and the service one this node provides.',
    );
  }
  const unknown = right.pairs.map(unknownCodeIn).find((problem) => problem !== null);
  if (unknown) throw new AppError('validation-failed', `${unknown} of the catalogue (docs/exchange.md).`);
}

function registryRoute(app: FastifyInstance, exchange: LocalExchange): void {
  app.get(
    '/api/exchange/registry',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['exchange'],
        summary:
          'The exchange as the admin console shows it: members, their subsystems and services, nodes, and the purpose and legal basis codes a right can grant (admin)',
        response: { 200: RegistryView },
      },
    },
    async (_request, reply) => {
      let conf: GlobalConfiguration;
      try {
        conf = exchange.context.trust.conf('consumer');
      } catch {
        throw new AppError('register-unavailable', "The node's global configuration is not valid now.");
      }
      return reply.send(registryView(conf, exchange.context.services));
    },
  );
}

/** The operator's API: the registry as the admin console shows it, and the node's access rights. */
export function administrationRoutes(
  app: FastifyInstance,
  exchange: LocalExchange,
  changedBy: ChangedBy,
): void {
  const { rights } = exchange.context;
  registryRoute(app, exchange);
  app.get(
    '/api/exchange/access-rights',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['exchange'],
        summary: 'Access rights on this node: purpose–basis pairs per client and service (admin)',
        response: { 200: AccessRights },
      },
    },
    async () => ({ items: (await rights.list()).map(accessRightView) }),
  );
  app.post(
    '/api/exchange/access-rights',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['exchange'],
        summary: 'Grant an access right: purpose–basis pairs for a client on a service (admin, audited)',
        body: AccessRightBody,
        response: { 201: AccessRightView },
      },
    },
    async (request, reply) => {
      const body = request.body as NewAccessRight;
      checkNewRight(exchange, body);
      const right = await rights.grant(body, changedBy(request));
      return reply.code(201).send(accessRightView(right));
    },
  );
  app.delete(
    '/api/exchange/access-rights/:id',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['exchange'],
        summary: 'Revoke an access right (admin, audited)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request, reply) => {
      const removed = await rights.revoke((request.params as { id: string }).id, changedBy(request));
      if (!removed) throw new AppError('route-not-found', 'No access right with this id.');
      return reply.code(204).send();
    },
  );
}
