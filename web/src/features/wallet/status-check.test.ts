import { describe, expect, it } from 'vitest';
import { jsonToBase64Url, toBase64Url } from './base64url.ts';
import { entryAt, statusFromToken } from './status-check.ts';

async function deflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('a credential status from the issuer’s Token Status List', () => {
  it('reads entries as the IETF draft lays them out (least significant bits first)', () => {
    // The draft's 1-bit example: 0xb9 0xa3 is statuses 1,0,0,1,1,1,0,1, 1,1,0,0,0,1,0,1.
    const list = Uint8Array.from([0xb9, 0xa3]);
    const statuses = Array.from({ length: 16 }, (_, idx) => entryAt(list, 1, idx));
    expect(statuses).toEqual([1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]);
    // 2-bit: 0xc9 = 11 00 10 01 → 1, 2, 0, 3
    expect([0, 1, 2, 3].map((idx) => entryAt(Uint8Array.from([0xc9]), 2, idx))).toEqual([1, 2, 0, 3]);
    expect(() => entryAt(list, 1, 16)).toThrow();
    expect(() => entryAt(list, 3, 0)).toThrow();
  });

  it('says valid, revoked or suspended from a JWT status list', async () => {
    const lst = toBase64Url(await deflate(Uint8Array.from([0b0010_0100])));
    const jwt = `${jsonToBase64Url({ alg: 'ES256', typ: 'statuslist+jwt' })}.${jsonToBase64Url({
      sub: 'https://issuer.example/status/1',
      status_list: { bits: 2, lst },
    })}.sig`;
    expect(await statusFromToken(jwt, 0)).toBe('valid');
    expect(await statusFromToken(jwt, 1)).toBe('revoked');
    expect(await statusFromToken(jwt, 2)).toBe('suspended');
  });

  it('reads a CWT status list (COSE_Sign1, claim 65533)', async () => {
    const lst = await deflate(Uint8Array.from([0b10]));
    // payload {65533: {"bits": 1, "lst": h'…'}}
    const payload = Uint8Array.from([
      0xa1,
      0x19,
      0xff,
      0xfd,
      0xa2,
      0x64,
      ...new TextEncoder().encode('bits'),
      0x01,
      0x63,
      ...new TextEncoder().encode('lst'),
      0x40 + lst.length,
      ...lst,
    ]);
    // 18([h'', {}, payload, h''])
    const cwt = Uint8Array.from([0xd2, 0x84, 0x40, 0xa0, 0x58, payload.length, ...payload, 0x40]);
    expect(await statusFromToken(cwt, 0)).toBe('valid');
    expect(await statusFromToken(cwt, 1)).toBe('revoked');
  });
});
