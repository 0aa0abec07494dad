import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CheckpointError,
  type CheckpointErrorReason,
  formatCheckpoint,
  parseCheckpoint,
} from './checkpoint.ts';
import { fromBase64 } from './hash.ts';

/** The example checkpoint of C2SP tlog-checkpoint. */
const specBody = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

function reasonOf(action: () => unknown): CheckpointErrorReason | 'accepted' {
  try {
    action();
    return 'accepted';
  } catch (error) {
    if (error instanceof CheckpointError) return error.reason;
    throw error;
  }
}

describe('checkpoints', () => {
  it('parses and formats the spec example', () => {
    const checkpoint = parseCheckpoint(specBody);
    expect(checkpoint).toEqual({
      origin: 'example.com/behind-the-sofa',
      size: 20852163,
      root: fromBase64('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I='),
      extensions: [],
    });
    expect(formatCheckpoint(checkpoint)).toBe(specBody);
  });

  it('round-trips any checkpoint', () => {
    const line = fc.string({ minLength: 1, maxLength: 30 }).filter((text) => !text.includes('\n'));
    const checkpoint = fc.record({
      origin: line,
      size: fc.maxSafeNat(),
      root: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      extensions: fc.array(line, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(checkpoint, (value) => {
        expect(parseCheckpoint(formatCheckpoint(value))).toEqual(value);
      }),
    );
  });

  it('writes the empty tree as size 0', () => {
    const body = formatCheckpoint({ origin: 'o', size: 0, root: new Uint8Array(32) });
    expect(body).toBe(`o\n0\n${'A'.repeat(43)}=\n`);
  });

  it.each([
    ['no final newline', specBody.slice(0, -1)],
    ['two lines', 'example.com/log\n5\n'],
    ['an empty origin', `\n${specBody.slice(specBody.indexOf('\n') + 1)}`],
    ['a leading zero', specBody.replace('20852163', '020852163')],
    ['a negative size', specBody.replace('20852163', '-1')],
    ['a plus sign', specBody.replace('20852163', '+1')],
    ['a fraction', specBody.replace('20852163', '1.0')],
    ['a size beyond 2^53', specBody.replace('20852163', '9007199254740992')],
    ['a size with a space', specBody.replace('20852163', '20852163 ')],
    [
      'a short root',
      specBody.replace(
        'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=',
        'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jx',
      ),
    ],
    ['a root that is not base64', specBody.replace('Cs', '!!')],
    ['a non-canonical root', specBody.replace('q2I=', 'q2J=')],
    ['an empty extension line', `${specBody}\n`],
    ['an empty line between extensions', `${specBody}ext\n\next\n`],
  ])('rejects a body with %s', (_, body) => {
    expect(reasonOf(() => parseCheckpoint(body))).toBe('malformed-checkpoint');
  });

  it('refuses to format what no checkpoint can hold', () => {
    const root = new Uint8Array(32);
    expect(reasonOf(() => formatCheckpoint({ origin: '', size: 1, root }))).toBe('bad-argument');
    expect(reasonOf(() => formatCheckpoint({ origin: 'a\nb', size: 1, root }))).toBe('bad-argument');
    expect(reasonOf(() => formatCheckpoint({ origin: 'o', size: -1, root }))).toBe('bad-argument');
    expect(reasonOf(() => formatCheckpoint({ origin: 'o', size: 2 ** 53, root }))).toBe('bad-argument');
    expect(reasonOf(() => formatCheckpoint({ origin: 'o', size: 1, root: new Uint8Array(31) }))).toBe(
      'bad-argument',
    );
    expect(reasonOf(() => formatCheckpoint({ origin: 'o', size: 1, root, extensions: [''] }))).toBe(
      'bad-argument',
    );
  });
});
