import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical-json.ts';
import { decodeEntry, encodeEntry, type MessageEntry, sha256Hex, subjectCommitment } from './access-entry.ts';

describe('log entry format', () => {
  it('writes canonical JSON: sorted keys, no spaces, one byte string per value', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1, y: 2 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"y":2,"z":1}}',
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('hashes as node:crypto does (the browser and the server agree)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(sha256Hex(text)).toBe(crypto.createHash('sha256').update(text).digest('hex'));
      }),
    );
  });

  it('commits to a person so that only the salt opens it', () => {
    const commitment = subjectCommitment('salt-1', '8503146922');
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(subjectCommitment('salt-2', '8503146922')).not.toBe(commitment);
    expect(subjectCommitment('salt-1', '8503146923')).not.toBe(commitment);
  });

  it('reads back what it wrote, and refuses anything else', () => {
    const entry: MessageEntry = {
      v: 1,
      kind: 'message',
      time: '2026-11-23T00:00:00.000Z',
      queryId: 'q',
      node: 'node-1',
      side: 'consumer',
      client: null,
      service: null,
      purpose: null,
      legalBasis: null,
      status: 200,
      record: 'ab',
    };
    expect(decodeEntry(encodeEntry(entry))).toEqual(entry);
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(() => decodeEntry(bytes('{"v":2}'))).toThrow(/version-1/);
    expect(() => decodeEntry(bytes('{ "v":1 }'))).toThrow(/canonical/);
    expect(() => decodeEntry(new Uint8Array([0xff, 0xfe]))).toThrow();
    expect(() => decodeEntry(bytes('null'))).toThrow();
  });
});
