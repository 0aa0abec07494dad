import { type Static, Type } from '@sinclair/typebox';

/** The public transparency log's JSON answers (its checkpoint and tiles are C2SP text and bytes). */

/** GET /log/witnesses: the log's origin and key, and the witnesses that cosign its checkpoints. */
export const LogWitnesses = Type.Object({
  origin: Type.String(),
  logKey: Type.String(),
  witnesses: Type.Array(Type.Object({ name: Type.String(), vkey: Type.String() })),
});
export type LogWitnesses = Static<typeof LogWitnesses>;

/** GET /log/proof/inclusion */
export const InclusionProof = Type.Object({
  index: Type.Integer(),
  size: Type.Integer(),
  leafHash: Type.String({ description: 'base64' }),
  proof: Type.Array(Type.String({ description: 'base64' })),
});
export type InclusionProof = Static<typeof InclusionProof>;

/** GET /log/proof/consistency */
export const ConsistencyProof = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  proof: Type.Array(Type.String({ description: 'base64' })),
});
export type ConsistencyProof = Static<typeof ConsistencyProof>;
