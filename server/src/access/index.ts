/** Who may look whom up, why, and on what basis: the staff roles' purpose–basis pairs. */
export { accessErrors } from './errors.ts';
export {
  ACCESS_SERVICES,
  AccessPolicy,
  type AccessPolicyOptions,
  type AccessRefusal,
  type AccessService,
  type AllowedPair,
  type AuthorisedAccess,
  type Caller,
} from './policy.ts';
export { type AccessRoutesOptions, accessPlugin } from './routes.ts';
