export const SERVICES_PATH = '/services';
export const PARKING_PERMIT_PATH = '/services/parking-permit';
/** My applications (the notifications link to `/services/applications/<id>`, shown in the same list). */
export const APPLICATIONS_PATH = '/services/applications';
/** A declared service's form: `/services/apply/<code>`. */
export const APPLY_PATH_PREFIX = '/services/apply/';

export function applyPath(code: string): string {
  return `${APPLY_PATH_PREFIX}${encodeURIComponent(code)}`;
}

/** The service code of an apply path, or null when the path is not one. */
export function matchApplyPath(pathname: string): { code: string } | null {
  const match = /^\/services\/apply\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(pathname);
  return match ? { code: match[1]! } : null;
}

/** An application's own path (a notification's link) or the list: both show "My applications". */
export function isApplicationsPath(pathname: string): boolean {
  return pathname === APPLICATIONS_PATH || /^\/services\/applications\/[0-9a-f-]{36}$/.test(pathname);
}
