import { type Answer, apiGetSaved } from '../../shared/api/api-client.ts';
import type { Person } from './person.ts';

/** The signed-in person's profile; offline, the one saved when it was last loaded. */
export function fetchMe(signal: AbortSignal): Promise<Answer<Person>> {
  return apiGetSaved<Person>('/api/me', { signal });
}
