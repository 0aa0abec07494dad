/** The public API of identity: what other contexts and the composition root use of it. */
export { principalOf, tokenAuthenticator } from './auth.ts';
export {
  assignDemoRoles,
  DEMO_ROLE_ORGANISATIONS,
  listDemoAccounts,
  nameDemoRoleHolders,
} from './demo-accounts.ts';
export { createEidProvider, SESSION_TTL_S } from './eid-provider.ts';
export { identityErrors } from './errors.ts';
export type { IdentityKeys } from './keys.ts';
export { loadOrCreateIdentityKeys } from './keys.ts';
export { identityMigrations } from './migrations.ts';
export { oidcAdapterFactory } from './oidc-adapter.ts';
export type { PersonDirectory } from './person-directory.ts';
export { exchangePersonDirectory } from './person-directory.ts';
export { identityPlugin } from './routes.ts';
export { issueDemoToken } from './service.ts';
export { SignIns } from './sign-ins.ts';
export type { StaffName, StaffRole } from './staff.ts';
export { staffNames, staffRolesOf } from './staff.ts';
export type { Role } from './tables.ts';
export { createAccessTokenVerifier, eidIssuer } from './tokens.ts';
