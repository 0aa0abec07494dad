import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../kernel/index.ts';
import { checkAttachment, MAX_ATTACHMENT_BYTES } from './attachments.ts';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\nstartxref\n12\n%%EOF\n', 'latin1');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a464946', 'hex');

function codeOf(attachment: { name: string; mediaType: string; content: Uint8Array }): string | null {
  try {
    checkAttachment(attachment);
    return null;
  } catch (error) {
    return (error as AppError).code;
  }
}

describe('an attachment', () => {
  it('is accepted as a whole PDF, a PNG or a JPEG', () => {
    expect(codeOf({ name: 'a.pdf', mediaType: 'application/pdf', content: PDF })).toBeNull();
    expect(codeOf({ name: 'a.png', mediaType: 'image/png', content: PNG })).toBeNull();
    expect(codeOf({ name: 'a.jpg', mediaType: 'image/jpeg', content: JPEG })).toBeNull();
  });

  it('of any other type is refused, whatever its bytes', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 40 })
          .filter((type) => !['application/pdf', 'image/jpeg', 'image/png'].includes(type)),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        (mediaType, content) => codeOf({ name: 'x', mediaType, content }) === 'attachment-type-refused',
      ),
    );
  });

  it('whose bytes are not what its type claims is refused', () => {
    expect(codeOf({ name: 'a.pdf', mediaType: 'application/pdf', content: PNG })).toBe(
      'attachment-type-refused',
    );
    expect(codeOf({ name: 'a.png', mediaType: 'image/png', content: JPEG })).toBe('attachment-type-refused');
    expect(codeOf({ name: 'a.jpg', mediaType: 'image/jpeg', content: PDF })).toBe('attachment-type-refused');
  });

  it('as a PDF cut anywhere before its trailer is refused as malformed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: PDF.length - 8 }),
        (cut) =>
          codeOf({ name: 'cut.pdf', mediaType: 'application/pdf', content: PDF.subarray(0, cut) }) ===
          'attachment-malformed',
      ),
    );
  });

  it('over the size limit is refused before its bytes are looked at', () => {
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    expect(codeOf({ name: 'big.png', mediaType: 'image/png', content: big })).toBe('attachment-too-large');
  });
});
