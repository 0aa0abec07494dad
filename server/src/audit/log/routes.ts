import { encodeEntryBundle, parseTilePath, TILE_WIDTH } from '@civitas/tlog/tiles.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { sendProblem } from '../../http/problem.ts';
import { AppError } from '../../kernel/errors.ts';
import type { AuditLog } from '../service.ts';
import { ADD_CHECKPOINT_MAX_BYTES } from '../witness/witness.ts';
import { base64Of } from './hashing.ts';

export interface LogRoutesOptions {
  log: AuditLog;
}

/** A tree size or index in decimal: no sign, no leading zeros, at most 2^53. */
const Count = Type.String({ pattern: '^(0|[1-9][0-9]{0,15})$', description: 'decimal, no leading zeros' });
const ProblemRef = Type.Object({}, { additionalProperties: true, description: 'RFC 9457 problem details' });

function count(value: string, name: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new AppError('proof-out-of-range', `${name} is too large.`);
  return number;
}

function text(reply: FastifyReply, body: string, cache: string): FastifyReply {
  return reply.type('text/plain; charset=utf-8').header('cache-control', cache).send(body);
}

/**
 * The public read API of the transparency log, per C2SP tlog-tiles under `/log/`, plus proofs
 * on demand and the in-process witness (C2SP tlog-witness). Nothing here is personal data:
 * entries name organisations and purposes, and commit to persons only by salted hashes.
 */
async function logRoutes(app: FastifyInstance, options: LogRoutesOptions): Promise<void> {
  const { log } = options;

  app.get(
    '/log/checkpoint',
    {
      schema: {
        tags: ['transparency log'],
        summary: 'The latest checkpoint (C2SP tlog-checkpoint, a signed note with witness cosignatures)',
        produces: ['text/plain'],
      },
    },
    async (_request, reply) => {
      const checkpoint = await log.checkpoints.latest();
      if (!checkpoint) throw new AppError('checkpoint-not-found', 'The log has no checkpoint yet.');
      return text(reply, checkpoint.note, 'no-cache');
    },
  );

  app.get(
    '/log/key',
    {
      schema: {
        tags: ['transparency log'],
        summary: "The log's verifier key (C2SP signed-note vkey)",
        produces: ['text/plain'],
      },
    },
    async (_request, reply) => text(reply, `${log.logKey}\n`, 'public, max-age=3600'),
  );

  app.get(
    '/log/witnesses',
    {
      schema: {
        tags: ['transparency log'],
        summary: "The witnesses that cosign the log's checkpoints, with their verifier keys",
        response: {
          200: Type.Object({
            origin: Type.String(),
            logKey: Type.String(),
            witnesses: Type.Array(Type.Object({ name: Type.String(), vkey: Type.String() })),
          }),
        },
      },
    },
    async () => ({ origin: log.origin, logKey: log.logKey, witnesses: log.witnessKeys }),
  );

  app.get(
    '/log/tile/*',
    {
      schema: {
        tags: ['transparency log'],
        summary: 'A hash tile or entry bundle (C2SP tlog-tiles)',
        produces: ['application/octet-stream'],
        params: Type.Object({ '*': Type.String({ maxLength: 200 }) }),
        response: { 400: ProblemRef, 404: ProblemRef },
      },
    },
    async (request, reply) => {
      const tilePath = `tile/${(request.params as { '*': string })['*']}`;
      const tile = parseTilePath(tilePath);
      if (!tile) throw new AppError('tile-not-found', `${tilePath} is not a tile path (C2SP tlog-tiles).`);
      const width = tile.width;
      const cache = width === TILE_WIDTH ? 'public, max-age=31536000, immutable' : 'public, max-age=60';
      let body: Uint8Array | null;
      if (tile.kind === 'entries') {
        const start = tile.index * TILE_WIDTH;
        const rows = await log.entries(start, width);
        body = rows.length === width ? encodeEntryBundle(rows) : null;
      } else {
        const stored = await log.tiles.tile(tile.level, tile.index);
        body = stored && stored.length >= width * 32 ? stored.subarray(0, width * 32) : null;
      }
      if (!body) throw new AppError('tile-not-found', `The log has no ${tilePath} (yet).`);
      return reply.type('application/octet-stream').header('cache-control', cache).send(Buffer.from(body));
    },
  );

  app.get(
    '/log/proof/inclusion',
    {
      schema: {
        tags: ['transparency log'],
        summary:
          'An RFC 9162 inclusion proof of entry `index` in the tree of `size` entries (default: the latest checkpoint)',
        querystring: Type.Object(
          { index: Count, size: Type.Optional(Count) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            index: Type.Integer(),
            size: Type.Integer(),
            leafHash: Type.String({ description: 'base64' }),
            proof: Type.Array(Type.String({ description: 'base64' })),
          }),
          400: ProblemRef,
        },
      },
    },
    async (request) => {
      const query = request.query as { index: string; size?: string };
      const size = query.size === undefined ? await latestSize(log) : count(query.size, 'size');
      const index = count(query.index, 'index');
      await assertWithinTree(log, size);
      if (index >= size) {
        throw new AppError('proof-out-of-range', `index ${index} is not below the tree size ${size}.`);
      }
      const { proof, leafHash } = await log.proofs.inclusionWithLeaf(index, size);
      return { index, size, leafHash: base64Of(leafHash), proof: proof.map(base64Of) };
    },
  );

  app.get(
    '/log/proof/consistency',
    {
      schema: {
        tags: ['transparency log'],
        summary: 'An RFC 9162 consistency proof between the trees of `from` and `to` entries',
        querystring: Type.Object({ from: Count, to: Type.Optional(Count) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            from: Type.Integer(),
            to: Type.Integer(),
            proof: Type.Array(Type.String({ description: 'base64' })),
          }),
          400: ProblemRef,
        },
      },
    },
    async (request) => {
      const query = request.query as { from: string; to?: string };
      const to = query.to === undefined ? await latestSize(log) : count(query.to, 'to');
      const from = count(query.from, 'from');
      await assertWithinTree(log, to);
      if (from > to) throw new AppError('proof-out-of-range', `from (${from}) is larger than to (${to}).`);
      const proof = from === 0 || from === to ? [] : await log.proofs.consistency(from, to);
      return { from, to, proof: proof.map(base64Of) };
    },
  );

  app.post(
    '/log/checkpoint',
    {
      config: { access: { roles: ['auditor', 'admin'] } },
      schema: {
        tags: ['transparency log'],
        summary: 'Make a checkpoint now (auditors); answers the latest checkpoint note',
        security: [{ eid: [] }],
        produces: ['text/plain'],
      },
    },
    async (_request, reply) => {
      await log.feed.run();
      const checkpoint = await log.checkpoints.make();
      if (!checkpoint) throw new AppError('checkpoint-not-found', 'The log has no checkpoint yet.');
      return text(reply, checkpoint.note, 'no-store');
    },
  );

  // The witness's add-checkpoint endpoint (C2SP tlog-witness): text in, text out.
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
        schema: {
          tags: ['transparency log'],
          summary: "The in-process witness's add-checkpoint (C2SP tlog-witness)",
          consumes: ['text/plain'],
        },
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

async function latestSize(log: AuditLog): Promise<number> {
  const checkpoint = await log.checkpoints.latest();
  if (!checkpoint) throw new AppError('checkpoint-not-found', 'The log has no checkpoint yet.');
  return checkpoint.size;
}

async function assertWithinTree(log: AuditLog, size: number): Promise<void> {
  // This thread's head, or the stored one when the feed's thread appended since.
  if (size <= log.sequencer.head().size) return;
  const stored = await log.sequencer.storedSize();
  if (size > stored) {
    throw new AppError('proof-out-of-range', `The tree has ${stored} entries; size ${size} is beyond it.`);
  }
}

/** The transparency-log context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const transparencyLogPlugin = fp(logRoutes, {
  name: 'transparency-log',
  dependencies: ['route-access'],
  encapsulate: true,
});
