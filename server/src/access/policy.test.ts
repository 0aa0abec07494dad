import { describe, expect, it } from 'vitest';
import { MUNICIPALITY_CLIENT, POLICE_CLIENT, serviceId, TEST_INSTANCE } from '../../test/instance.ts';
import { refusalCodeOf } from '../../test/refusal.ts';
import { official, police, staffAccessPolicy, staffRoles } from '../../test/staff.ts';
import { defaultRights } from '../exchange/registry/default-rights.ts';
import { isHideable, isLegalBasis, isPurpose } from '../kernel/purposes.ts';
import { ACCESS_SERVICES, type AccessRefusal, type Caller } from './policy.ts';

/** Issue 14, item 2: each role uses only its own purpose–basis pairs, decided below HTTP. */
describe('the access policy', () => {
  it('lets a role use only its own pairs, as its administration, and reports every refusal', async () => {
    const refusals: AccessRefusal[] = [];
    const access = await staffAccessPolicy(refusals).authorise(official, 'person-card', {
      purpose: 'address-verification',
      legalBasis: 'civil-registration-act-art-106',
      caseRef: 'ЖР-1',
    });
    expect(access).toMatchObject({ client: MUNICIPALITY_CLIENT, role: 'official', userId: official.subject });
    expect(
      await refusalCodeOf(
        staffAccessPolicy(refusals).authorise(official, 'person-card', {
          purpose: 'vehicle-history-report',
          legalBasis: 'gdpr-art-15',
        }),
      ),
    ).toBe('purpose-not-allowed');
    expect(refusals).toEqual([
      {
        actor: official.subject,
        service: 'person-card',
        purpose: 'vehicle-history-report',
        legalBasis: 'gdpr-art-15',
        reason: 'pair-not-allowed',
      },
    ]);
  });

  it('needs the role both in the token and in the role register', async () => {
    const tokenOnly: Caller = { subject: '8001010009', roles: ['citizen', 'police'] };
    expect(await staffAccessPolicy().allowed(tokenOnly)).toEqual([]);
    const registerOnly: Caller = { subject: police.subject, roles: ['citizen'] };
    expect(await staffAccessPolicy().allowed(registerOnly)).toEqual([]);
  });

  it('lets an administration hide only on a basis that allows hiding and that its role uses', async () => {
    expect(await staffAccessPolicy().hidingClient(police, 'ministry-of-interior-act-art-6')).toBe(
      POLICE_CLIENT,
    );
    expect(
      await refusalCodeOf(staffAccessPolicy().hidingClient(police, 'ministry-of-interior-act-art-70')),
    ).toBe('basis-not-hideable');
    expect(
      await refusalCodeOf(staffAccessPolicy().hidingClient(official, 'civil-registration-act-art-106')),
    ).toBe('basis-not-hideable');
    expect(
      await refusalCodeOf(staffAccessPolicy().hidingClient(official, 'ministry-of-interior-act-art-6')),
    ).toBe('purpose-not-allowed');
  });

  it("uses only catalogue codes, each granted by default to the role's administration on the registers it reads", async () => {
    const rights = defaultRights(
      [
        serviceId('population-register', 'persons'),
        serviceId('vehicle-register', 'vehicles'),
        serviceId('inspections', 'inspections'),
        serviceId('mtpl-insurance', 'policies'),
      ],
      TEST_INSTANCE.clients,
    );
    const reads = {
      'person-card': [serviceId('population-register', 'persons')],
      'vehicle-dossier': [
        serviceId('vehicle-register', 'vehicles'),
        serviceId('inspections', 'inspections'),
        serviceId('mtpl-insurance', 'policies'),
      ],
    } as const;
    for (const caller of [official, police]) {
      const client = staffRoles[caller.subject]![0]!.client;
      const allowed = await staffAccessPolicy().allowed(caller);
      expect(allowed.length).toBeGreaterThan(0);
      for (const item of allowed) {
        expect(isPurpose(item.purpose) && isLegalBasis(item.legalBasis)).toBe(true);
        expect(item.hideable).toBe(isHideable(item.legalBasis));
        expect(ACCESS_SERVICES).toContain(item.service);
        for (const service of reads[item.service]) {
          const right = rights.find(
            (candidate) => candidate.client === client && candidate.serviceId === service,
          );
          expect(right?.pairs, `${client} ${service}`).toContainEqual({
            purpose: item.purpose,
            legalBasis: item.legalBasis,
          });
        }
      }
    }
  });
});
