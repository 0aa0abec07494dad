import { apiGet } from '../api/api-client.ts';
import type { Person } from './person.ts';

export function fetchMe(signal: AbortSignal): Promise<Person> {
  return apiGet<Person>('/api/me', { signal });
}
