/** The citizen's signing key in this browser, and JAdES signatures with it (ports.md §2). */
export { signJades } from './sign-jades.ts';
export { renewSigningKey, type SigningKey, signingKey, storedSigningKey } from './signing-key.ts';
