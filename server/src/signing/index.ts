/**
 * The signing context: the platform's signing CA (citizens' signing certificates, administrations'
 * e-seals), JAdES baseline B and PAdES baseline B-B signatures, and their public validation.
 */
export { type CertifiedPerson, type SealHolder, SigningAuthority } from './authority.ts';
export { signingErrors } from './errors.ts';
export { signingMigrations } from './migrations.ts';
export { createPlatformSigning, type PlatformSigningOptions } from './platform.ts';
export { type SigningRoutesOptions, signingPlugin } from './routes.ts';
export {
  createSigningService,
  type PdfSignatureCheck,
  type SignatureCheck,
  type Signing,
  type SigningService,
} from './service.ts';
