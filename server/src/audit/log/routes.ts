import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendProblem } from '../../http/index.ts';
import type { AuditLog } from '../service.ts';
import { ADD_CHECKPOINT_MAX_BYTES } from '../witness/witness.ts';
import {
  addCheckpointSchema,
  checkpointNowSchema,
  checkpointSchema,
  consistencySchema,
  inclusionSchema,
  keySchema,
  tileSchema,
  witnessesSchema,
} from './schemas.ts';
import { checkpointNow, consistencyProof, inclusionProof, latestCheckpoint, tileAt } from './service.ts';

export interface LogRoutesOptions {
  log: AuditLog;
}

function text(reply: FastifyReply, body: string, cache: string): FastifyReply {
  return reply.type('text/plain; charset=utf-8').header('cache-control', cache).send(body);
}

/**
 * The public read API of the transparency log, per C2SP tlog-tiles under `/log/`, plus proofs
 * on demand and the in-process witness (C2SP tlog-witness). Nothing here is personal data:
 * entries name organisations and purposes, and commit to persons only by salted hashes.
 */
export async function logRoutes(app: FastifyInstance, { log }: LogRoutesOptions): Promise<void> {
  app.get('/log/checkpoint', { schema: checkpointSchema }, async (_request, reply) =>
    text(reply, (await latestCheckpoint(log)).note, 'no-cache'),
  );
  app.get('/log/key', { schema: keySchema }, async (_request, reply) =>
    text(reply, `${log.logKey}\n`, 'public, max-age=3600'),
  );
  app.get('/log/witnesses', { schema: witnessesSchema }, async () => ({
    origin: log.origin,
    logKey: log.logKey,
    witnesses: log.witnessKeys,
  }));
  app.get('/log/tile/*', { schema: tileSchema }, async (request, reply) => {
    const tile = await tileAt(log, `tile/${(request.params as { '*': string })['*']}`);
    return reply
      .type('application/octet-stream')
      .header('cache-control', tile.cache)
      .send(Buffer.from(tile.body));
  });
  app.get('/log/proof/inclusion', { schema: inclusionSchema }, async (request) =>
    inclusionProof(log, request.query as { index: string; size?: string }),
  );
  app.get('/log/proof/consistency', { schema: consistencySchema }, async (request) =>
    consistencyProof(log, request.query as { from: string; to?: string }),
  );
  app.post(
    '/log/checkpoint',
    { config: { access: { roles: ['auditor', 'admin'] } }, schema: checkpointNowSchema },
    async (_request, reply) => text(reply, (await checkpointNow(log)).note, 'no-store'),
  );
  await witnessRoutes(app, log);
}

/** The witness's add-checkpoint endpoint (C2SP tlog-witness): text in, text out. */
async function witnessRoutes(app: FastifyInstance, log: AuditLog): Promise<void> {
  await app.register(async (witnessScope) => {
    witnessScope.addContentTypeParser(
      ['text/plain', 'application/octet-stream'],
      { parseAs: 'string', bodyLimit: ADD_CHECKPOINT_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    witnessScope.post(
      '/witness/add-checkpoint',
      {
        bodyLimit: ADD_CHECKPOINT_MAX_BYTES,
        schema: addCheckpointSchema,
      },
      async (request, reply) => {
        const answer = await log.witness.addCheckpoint(String(request.body ?? ''));
        if ('code' in answer) {
          request.log.info({ code: answer.code }, answer.detail);
          return sendProblem(reply, answer.code, answer.detail);
        }
        return reply
          .code(answer.status)
          .type(answer.contentType)
          .header('cache-control', 'no-store')
          .send(answer.body);
      },
    );
  });
}
