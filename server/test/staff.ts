import { AccessPolicy, type AccessRefusal, type Caller } from '../src/access/index.ts';
import type { StaffRole } from '../src/identity/staff.ts';
import { MUNICIPALITY_CLIENT, POLICE_CLIENT } from './instance.ts';

/** An official of Sofia Municipality and a police officer, as their tokens and the role register have them. */
export const official: Caller = { subject: '8001010001', roles: ['citizen', 'official'] };
export const police: Caller = { subject: '8001010002', roles: ['citizen', 'police'] };

export const staffRoles: Record<string, StaffRole[]> = {
  [official.subject]: [{ role: 'official', organisation: 'Столична община', client: MUNICIPALITY_CLIENT }],
  [police.subject]: [
    { role: 'police', organisation: 'Столична дирекция на вътрешните работи', client: POLICE_CLIENT },
  ],
};

/** The access policy over these staff roles; refusals are pushed to `refusals` when given. */
export function staffAccessPolicy(refusals?: AccessRefusal[]): AccessPolicy {
  return new AccessPolicy({
    staffRolesOf: async (subject) => staffRoles[subject] ?? [],
    ...(refusals ? { report: (refusal: AccessRefusal) => refusals.push(refusal) } : {}),
  });
}
