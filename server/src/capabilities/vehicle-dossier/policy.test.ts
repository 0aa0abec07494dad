import { SOURCE_KEYS } from '@civitas/contracts/api/vehicle-report.ts';
import { describe, expect, it } from 'vitest';
import { MUNICIPALITY_CLIENT, POLICE_CLIENT } from '../../../test/instance.ts';
import { refusalCodeOf, refusalOf } from '../../../test/refusal.ts';
import { official, police, staffAccessPolicy } from '../../../test/staff.ts';
import type { Caller } from '../../access/index.ts';
import {
  DOSSIER_PURPOSE,
  DossierPolicy,
  namesCurrentOwner,
  PUBLIC_LEGAL_BASIS,
  secondFactMatches,
  sourcesFor,
} from './policy.ts';

const owner: Caller = { subject: '7501010010', roles: ['citizen'] };
const stranger: Caller = { subject: '7501010021', roles: ['citizen'] };
const ownersCar = { kind: 'person', id: owner.subject };
const policy = new DossierPolicy(staffAccessPolicy());

describe("who may see a vehicle's history report", () => {
  it('lets the owner see their own vehicle, with every lookup naming them as its data subject', () => {
    expect(policy.ownerGrant(owner, ownersCar)).toEqual({
      viewer: 'owner',
      owner: owner.subject,
      purpose: DOSSIER_PURPOSE,
      legalBasis: PUBLIC_LEGAL_BASIS,
      userId: owner.subject,
    });
  });

  it("answers a stranger asking for someone's vehicle as for an unknown VIN: not found", async () => {
    expect(await refusalCodeOf(() => policy.ownerGrant(stranger, ownersCar))).toBe('vehicle-not-found');
    expect(await refusalCodeOf(() => policy.ownerGrant(stranger, null))).toBe('vehicle-not-found');
    // A company's car is nobody's own: the policy compares kind as well as number.
    expect(await refusalCodeOf(() => policy.ownerGrant(owner, { kind: 'company', id: owner.subject }))).toBe(
      'vehicle-not-found',
    );
    const unknown = () => policy.ownerGrant(stranger, null);
    const someoneElses = () => policy.ownerGrant(stranger, ownersCar);
    expect((await refusalOf(unknown))?.message).toBe((await refusalOf(someoneElses))?.message);
  });

  it("lets an official see any vehicle on their role's pair, asked as their administration", async () => {
    const grant = await policy.staffGrant(official, {
      legalBasis: ' local-taxes-and-fees-act-art-54 ',
      caseRef: 'ДА-1',
    });
    expect(grant).toEqual({
      viewer: 'official',
      client: MUNICIPALITY_CLIENT,
      purpose: DOSSIER_PURPOSE,
      legalBasis: 'local-taxes-and-fees-act-art-54',
      userId: official.subject,
      caseRef: 'ДА-1',
    });
  });

  it('lets the police see any vehicle for traffic control, and refuses a pair their role does not hold', async () => {
    expect(
      await policy.staffGrant(police, { purpose: 'traffic-control', legalBasis: 'road-traffic-act-art-165' }),
    ).toMatchObject({ viewer: 'police', client: POLICE_CLIENT, purpose: 'traffic-control' });
    expect(
      await refusalCodeOf(policy.staffGrant(police, { legalBasis: 'local-taxes-and-fees-act-art-54' })),
    ).toBe('purpose-not-allowed');
    expect(await refusalCodeOf(policy.staffGrant(official, { legalBasis: 'just curious' }))).toBe(
      'purpose-not-allowed',
    );
  });

  it('treats staff without a legal basis, and citizens with one, as citizens: their own vehicle only', async () => {
    expect(await policy.staffGrant(official, {})).toBeNull();
    expect(await policy.staffGrant(police, { legalBasis: '  ' })).toBeNull();
    expect(await policy.staffGrant(stranger, { legalBasis: 'road-traffic-act-art-165' })).toBeNull();
    expect(await refusalCodeOf(() => policy.ownerGrant(official, ownersCar))).toBe('vehicle-not-found');
    expect((await refusalOf(() => policy.ownerGrant(official, ownersCar)))?.message).toMatch(/X-Legal-Basis/);
  });

  it('gives anyone with a second fact the public report, asked by no one in particular', () => {
    expect(policy.publicGrant()).toEqual({
      viewer: 'public',
      purpose: DOSSIER_PURPOSE,
      legalBasis: PUBLIC_LEGAL_BASIS,
      userId: null,
    });
    const car = { firstRegistrationDate: '2019-03-14', registrationCertificateNumber: 'AB123456' };
    expect(secondFactMatches(car, { firstRegistrationDate: '2019-03-14' })).toBe(true);
    expect(secondFactMatches(car, { firstRegistrationDate: '2019-03-15' })).toBe(false);
    expect(secondFactMatches(car, { registrationCertificateNumber: ' ab123456 ' })).toBe(true);
    expect(secondFactMatches(car, { registrationCertificateNumber: 'AB123457' })).toBe(false);
  });

  it('shows fines and tax to the owner alone, and names the current holder to everyone but the public', () => {
    expect(sourcesFor('owner', SOURCE_KEYS)).toEqual([...SOURCE_KEYS]);
    for (const viewer of ['public', 'official', 'police'] as const) {
      expect(sourcesFor(viewer, SOURCE_KEYS)).toEqual([
        'vehicle',
        'registrations',
        'inspections',
        'insurance',
      ]);
    }
    expect(namesCurrentOwner('public')).toBe(false);
    for (const viewer of ['owner', 'official', 'police'] as const)
      expect(namesCurrentOwner(viewer)).toBe(true);
  });
});
