/** A person's profile, and the person card officials and police look up. */
export { ownProfileAccess, ProfilePolicy, SUBJECT_ACCESS } from './policy.ts';
export { type ProfileRoutesOptions, profilePlugin } from './routes.ts';
export { ProfileService } from './service.ts';
