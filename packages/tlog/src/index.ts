/**
 * The browser-safe transparency-log library: RFC 9162 hashing and proofs, C2SP tlog-tiles paths
 * and entry bundles, signed notes, checkpoints and cosignatures. The web app imports it as is.
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
