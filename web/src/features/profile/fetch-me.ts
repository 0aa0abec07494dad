import type { Profile } from '@civitas/contracts/api/profile.ts';
import { type Answer, apiGetSaved } from '../../shared/api/api-client.ts';

/** The signed-in person's profile; offline, the one saved when it was last loaded. */
export function fetchMe(signal: AbortSignal): Promise<Answer<Profile>> {
  return apiGetSaved<Profile>('/api/me', { signal });
}
