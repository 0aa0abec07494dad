import { ConsistencyProof, InclusionProof, LogWitnesses } from '@civitas/contracts/api/transparency-log.ts';
import { Type } from '@sinclair/typebox';

/** A tree size or index in decimal: no sign, no leading zeros, at most 2^53. */
const Count = Type.String({ pattern: '^(0|[1-9][0-9]{0,15})$', description: 'decimal, no leading zeros' });
const ProblemRef = Type.Object({}, { additionalProperties: true, description: 'RFC 9457 problem details' });
const tags = ['transparency log'];

export const checkpointSchema = {
  tags,
  summary: 'The latest checkpoint (C2SP tlog-checkpoint, a signed note with witness cosignatures)',
  produces: ['text/plain'],
};

export const keySchema = {
  tags,
  summary: "The log's verifier key (C2SP signed-note vkey)",
  produces: ['text/plain'],
};

export const witnessesSchema = {
  tags,
  summary: "The witnesses that cosign the log's checkpoints, with their verifier keys",
  response: {
    200: LogWitnesses,
  },
};

export const tileSchema = {
  tags,
  summary: 'A hash tile or entry bundle (C2SP tlog-tiles)',
  produces: ['application/octet-stream'],
  params: Type.Object({ '*': Type.String({ maxLength: 200 }) }),
  response: { 400: ProblemRef, 404: ProblemRef },
};

export const inclusionSchema = {
  tags,
  summary:
    'An RFC 9162 inclusion proof of entry `index` in the tree of `size` entries (default: the latest checkpoint)',
  querystring: Type.Object({ index: Count, size: Type.Optional(Count) }, { additionalProperties: false }),
  response: {
    200: InclusionProof,
    400: ProblemRef,
  },
};

export const consistencySchema = {
  tags,
  summary: 'An RFC 9162 consistency proof between the trees of `from` and `to` entries',
  querystring: Type.Object({ from: Count, to: Type.Optional(Count) }, { additionalProperties: false }),
  response: {
    200: ConsistencyProof,
    400: ProblemRef,
  },
};

export const checkpointNowSchema = {
  tags,
  summary: 'Make a checkpoint now (auditors); answers the latest checkpoint note',
  security: [{ eid: [] }],
  produces: ['text/plain'],
};

export const addCheckpointSchema = {
  tags,
  summary: "The in-process witness's add-checkpoint (C2SP tlog-witness)",
  consumes: ['text/plain'],
};
