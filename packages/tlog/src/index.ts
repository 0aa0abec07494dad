/**
 * # @civitas/tlog: the transparency-log library
 *
 * Everything needed to read and check a Civitas transparency log, with no server: the
 * citizen's browser verifies its own usage records with it, the server builds the log with it,
 * and an outside auditor can do either. Browser-safe by rule (its `browser-safety` test): Web
 * APIs and `@noble/{hashes,curves}` only, no Node.js module, and nothing imported from
 * `server/` or `web/`.
 *
 * | module           | what                                                                                         | standard                         |
 * | ---------------- | -------------------------------------------------------------------------------------------- | -------------------------------- |
 * | `hash.ts`        | leaf and node hashes (SHA-256 with the 0x00 / 0x01 prefixes), base64 and hex                 | RFC 9162 §2.1                    |
 * | `proof.ts`       | root hashes, inclusion and consistency proofs: build from stored subtrees, verify            | RFC 9162 §2.1.3–2.1.4            |
 * | `tiles.ts`       | tile paths, hash tiles of 256, entry bundles                                                  | C2SP tlog-tiles                  |
 * | `keys.ts`        | Ed25519 note keys: vkey/skey text, key names and key ids                                      | C2SP signed-note                 |
 * | `note.ts`        | signed notes: sign, open and verify (re-exports the key functions)                            | C2SP signed-note                 |
 * | `checkpoint.ts`  | checkpoints (origin, size, root hash) as note text                                            | C2SP tlog-checkpoint             |
 * | `cosignature.ts` | witness cosignatures (timestamped Ed25519)                                                    | C2SP tlog-cosignature            |
 * | `test-trees.ts`  | in-memory trees for tests (its own export, `@civitas/tlog/test-trees.ts`; not in this index) |                                  |
 *
 * Import from the package root, `@civitas/tlog` (not its files): this file is
 * the package's API. A verifier's path, for an entry at index `i` of a log:
 *
 * 1. fetch the checkpoint and `openNote` it with the log's and the witnesses' verifier keys;
 *    `parseCheckpoint` gives the tree size `n` and root hash;
 * 2. fetch an inclusion proof of `i` in `n` and `verifyInclusion(i, n, leafHash(entry), proof, root)`;
 * 3. on a later checkpoint of size `m`, `verifyConsistency(n, m, proof, oldRoot, newRoot)`: the log
 *    only grew, nothing was rewritten. The `verify*` functions return nothing and throw a
 *    `ProofError` when a proof does not hold.
 *
 * Errors are typed with closed reasons (`ProofError`, `NoteError`, `CheckpointError`, `TileError`)
 * so callers switch on `reason`, never on message text.
 */
export {
  type Checkpoint,
  CheckpointError,
  type CheckpointErrorReason,
  formatCheckpoint,
  parseCheckpoint,
} from './checkpoint.ts';
export {
  COSIGNATURE_V1_KEY_TYPE,
  type CosignatureVerifier,
  type Cosigner,
  cosignatureVerifier,
  cosigner,
  generateCosignerKey,
} from './cosignature.ts';
export {
  concatBytes,
  EMPTY_ROOT,
  equalBytes,
  fromBase64,
  HASH_SIZE,
  leafHash,
  nodeHash,
  toBase64,
  toHex,
} from './hash.ts';
export {
  ED25519_KEY_TYPE,
  generateSigningKey,
  isValidKeyName,
  keyIdFor,
  keyIdHex,
  MAX_SIGNATURES,
  NoteError,
  type NoteErrorReason,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  noteSigner,
  noteVerifier,
  type OpenedNote,
  openNote,
  signNote,
  type VerifiedSignature,
} from './note.ts';
export {
  buildConsistencyProof,
  buildInclusionProof,
  consistencyProofRanges,
  inclusionProofRanges,
  ProofError,
  type ProofErrorReason,
  perfectCover,
  type Range,
  rangeHash,
  rootFromInclusionProof,
  rootHash,
  type Subtree,
  type SubtreeHashes,
  verifyConsistency,
  verifyInclusion,
} from './proof.ts';
export {
  decodeEntryBundle,
  encodeEntryBundle,
  entriesPath,
  MAX_ENTRY_SIZE,
  MAX_TILE_LEVEL,
  parseTilePath,
  TILE_HEIGHT,
  TILE_WIDTH,
  TileError,
  type TileErrorReason,
  type TilePath,
  tileCount,
  tilePath,
  tileSubtrees,
} from './tiles.ts';
