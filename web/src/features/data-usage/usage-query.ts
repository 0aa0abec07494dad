/** The screen's filters as the person set them: dates are 'YYYY-MM-DD' (input type=date), '' = any. */
export interface UsageFilters {
  organisation: string;
  purpose: string;
  from: string;
  to: string;
}

export const NO_FILTERS: UsageFilters = { organisation: '', purpose: '', from: '', to: '' };

/** Sessions per page of the list (each holds one access or dozens). */
export const SESSIONS_PAGE_SIZE = 20;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a calendar day starts (or, with `end`, its last millisecond) in the reader's time zone. */
export function dayBoundary(isoDate: string, end = false): string | null {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return null;
  const [, year, month, day] = match.map(Number);
  const date = end
    ? new Date(year!, month! - 1, day!, 23, 59, 59, 999)
    : new Date(year!, month! - 1, day!, 0, 0, 0, 0);
  // new Date rolls 2026-02-30 over into March: such a day does not exist.
  if (date.getFullYear() !== year || date.getMonth() !== month! - 1 || date.getDate() !== day) return null;
  return date.toISOString();
}

/** Whether the period is backwards (both dates given, the start after the end). */
export function isPeriodReversed({ from, to }: UsageFilters): boolean {
  return from !== '' && to !== '' && from > to;
}

/**
 * The API path of one page of sessions (accesses grouped): the period is whole days, from the
 * first to the last.
 */
export function sessionsPath(filters: UsageFilters, offset: number, limit = SESSIONS_PAGE_SIZE): string {
  const query = new URLSearchParams();
  if (filters.organisation) query.set('organisation', filters.organisation);
  if (filters.purpose) query.set('purpose', filters.purpose);
  const from = dayBoundary(filters.from);
  const to = dayBoundary(filters.to, true);
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  query.set('limit', String(limit));
  query.set('offset', String(offset));
  return `/api/me/data-usage/sessions?${query}`;
}

export function hasFilters(filters: UsageFilters): boolean {
  return Object.values(filters).some((value) => value !== '');
}
