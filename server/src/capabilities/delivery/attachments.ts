import { AppError } from '../../kernel/index.ts';

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const MAGIC: Record<(typeof ATTACHMENT_TYPES)[number], number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** A PDF is whole when it ends with its trailer: a `startxref` offset and `%%EOF` in the last kilobyte. */
function isCompletePdf(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  return /startxref\s+\d+\s+%%EOF\s*$/.test(tail);
}

/**
 * An attachment is accepted only as one of the allowed types, its bytes what it claims to be, and
 * not larger than the limit: the mailbox carries documents, not whatever a client uploads.
 */
export function checkAttachment(
  attachment: { name: string; mediaType: string; content: Uint8Array },
  maxBytes = MAX_ATTACHMENT_BYTES,
): void {
  const type = attachment.mediaType as (typeof ATTACHMENT_TYPES)[number];
  if (!ATTACHMENT_TYPES.includes(type))
    throw new AppError(
      'attachment-type-refused',
      `${attachment.name}: ${attachment.mediaType} is not accepted.`,
    );
  if (attachment.content.byteLength > maxBytes)
    throw new AppError('attachment-too-large', `${attachment.name} is larger than ${maxBytes} bytes.`);
  if (!startsWith(attachment.content, MAGIC[type]))
    throw new AppError('attachment-type-refused', `${attachment.name} is not a ${type} file.`);
  if (type === 'application/pdf' && !isCompletePdf(attachment.content))
    throw new AppError('attachment-malformed', `${attachment.name} is not a complete PDF.`);
}
