import { fromBase64, HASH_SIZE, toBase64 } from './hash.ts';

/**
 * C2SP tlog-checkpoint note bodies: origin, tree size, root hash, optional extension lines,
 * each ending in a newline.
 */

/** A log's tree head as a checkpoint states it. */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
  extensions: string[];
}

/** 'bad-argument': formatCheckpoint was given a value no checkpoint can hold. */
export type CheckpointErrorReason = 'bad-argument' | 'malformed-checkpoint';

/** A checkpoint body that does not follow the format. */
export class CheckpointError extends Error {
  readonly reason: CheckpointErrorReason;

  constructor(reason: CheckpointErrorReason, message: string) {
    super(message);
    this.name = 'CheckpointError';
    this.reason = reason;
  }
}

const SIZE = /^(0|[1-9][0-9]*)$/;

function requireLine(line: string, what: string): void {
  if (line === '' || line.includes('\n'))
    throw new CheckpointError('bad-argument', `${what} must be one non-empty line`);
}

/** The checkpoint body (note text) for a tree head. */
export function formatCheckpoint(checkpoint: {
  origin: string;
  size: number;
  root: Uint8Array;
  extensions?: readonly string[];
}): string {
  const { origin, size, root, extensions = [] } = checkpoint;
  requireLine(origin, 'the origin');
  if (!Number.isSafeInteger(size) || size < 0)
    throw new CheckpointError('bad-argument', `bad tree size ${size}`);
  if (root.length !== HASH_SIZE)
    throw new CheckpointError('bad-argument', `the root has ${root.length} bytes`);
  for (const extension of extensions) requireLine(extension, 'an extension');
  return [origin, String(size), toBase64(root), ...extensions].map((line) => `${line}\n`).join('');
}

/** Parses a checkpoint body strictly; throws CheckpointError. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n'))
    throw new CheckpointError('malformed-checkpoint', 'a checkpoint ends with a newline');
  const [origin, sizeText, rootText, ...extensions] = text.slice(0, -1).split('\n');
  if (rootText === undefined)
    throw new CheckpointError('malformed-checkpoint', 'a checkpoint has at least three lines');
  if (origin === '') throw new CheckpointError('malformed-checkpoint', 'the origin line is empty');
  if (!SIZE.test(sizeText!) || !Number.isSafeInteger(Number(sizeText))) {
    throw new CheckpointError('malformed-checkpoint', 'the tree size is not a canonical decimal below 2^53');
  }
  let root: Uint8Array;
  try {
    root = fromBase64(rootText);
  } catch {
    throw new CheckpointError('malformed-checkpoint', 'the root hash is not base64');
  }
  if (root.length !== HASH_SIZE)
    throw new CheckpointError('malformed-checkpoint', `the root hash has ${root.length} bytes`);
  if (extensions.includes(''))
    throw new CheckpointError('malformed-checkpoint', 'an extension line is empty');
  return { origin: origin!, size: Number(sizeText), root, extensions };
}
