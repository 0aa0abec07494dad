/** SHA-256 for SD-JWT digests (`_sd_alg: sha-256`), synchronous (@noble/hashes), and the salts. */
import { sha256 } from '@noble/hashes/sha2.js';
import { base64url, utf8 } from '../trust/encoding.ts';

/** The SD-JWT hasher the @sd-jwt libraries take (only sha-256 is used here). */
export function sdHasher(data: string | ArrayBuffer, alg: string): Uint8Array {
  if (alg.toLowerCase() !== 'sha-256') throw new Error(`unsupported _sd_alg ${alg}`);
  return sha256(typeof data === 'string' ? utf8(data) : new Uint8Array(data));
}

/** base64url(SHA-256(ASCII text)): a disclosure's digest, and a KB-JWT's sd_hash. */
export function digestOf(text: string): string {
  return base64url(sha256(utf8(text)));
}

/** A random salt of 128 bits, base64url (the library asks for `length` bytes). */
export function salt(length = 16): string {
  return base64url(crypto.getRandomValues(new Uint8Array(Math.max(16, length))));
}

/** The same as `digestOf` through WebCrypto: native speed for long inputs (a presentation's sd_hash). */
export async function digestOfAsync(text: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text))));
}
