/** The digital wallet: credential issuer, status lists, verifier. */
export type { CredentialSourceOptions } from './credentials/service.ts';
export { CREDENTIAL_ISSUANCE, createCredentialSource } from './credentials/service.ts';
export { walletErrors } from './errors.ts';
export { walletMigrations } from './migrations.ts';
export type { WalletOptions } from './options.ts';
export { walletPlugin } from './routes.ts';
export type { WalletCertificate, WalletTrustService } from './trust/service.ts';
export { createWalletTrust } from './trust/service.ts';
