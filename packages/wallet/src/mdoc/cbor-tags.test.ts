/**
 * cbor-x keeps one global table of CBOR tags, and `@owf/cose` (loaded by `@owf/token-status-list`)
 * re-registers tags 24, 0, 1004 and 18 for its own classes. A process that loads it — a server with
 * another status-list library — must still issue, present and verify mdocs: nothing here may depend
 * on which library's class decoded a tag.
 */
import { cborDecode, cborEncode, DataItem } from '@owf/mdoc';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeMdoc, presentMdoc } from './present.ts';
import { issuedMdl, MDL, MDL_NS, statusListCwt, verificationContext } from './test-fixtures.ts';
import { verifyMdocPresentation } from './verify.ts';

describe('mdoc with another COSE library loaded in the same process', () => {
  beforeAll(async () => {
    // Loaded after @owf/mdoc, as a server would load it later: its tag registrations win.
    await import('@owf/token-status-list');
  });

  it('decodes tag 24 as the other library’s class from then on (the hazard is real)', () => {
    const decoded = cborDecode(cborEncode(DataItem.fromData(new Map([['a', 1]]))), {
      unwrapTopLevelDataItem: false,
    });
    expect(decoded).not.toBeInstanceOf(DataItem);
    expect((decoded as { buffer: unknown }).buffer).toBeInstanceOf(Uint8Array);
  });

  it('still issues, decodes, presents and verifies', async () => {
    const { credential, pki, holder, now } = await issuedMdl();
    expect(decodeMdoc(credential).claims[`${MDL_NS}.birth_date`]).toBe('1990-04-12');
    const context = await verificationContext(pki, now, await statusListCwt(pki, now));
    const request = { docType: MDL, elements: { [MDL_NS]: ['birth_date', 'driving_privileges'] } };
    const response = await presentMdoc(credential, request, context.sessionTranscript, holder.sign);
    const verified = await verifyMdocPresentation(response, context);
    expect(verified.claims[`${MDL_NS}.birth_date`]).toBe('1990-04-12');
    expect(verified.claims[`${MDL_NS}.driving_privileges`]).toHaveLength(2);
  });
});
