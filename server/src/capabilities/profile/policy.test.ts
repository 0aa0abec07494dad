import { describe, expect, it } from 'vitest';
import { MUNICIPALITY_CLIENT, POLICE_CLIENT } from '../../../test/instance.ts';
import { refusalCodeOf } from '../../../test/refusal.ts';
import { official, police, staffAccessPolicy } from '../../../test/staff.ts';
import type { Caller } from '../../access/index.ts';
import { ownProfileAccess, ProfilePolicy } from './policy.ts';

const citizen: Caller = { subject: '7501010010', roles: ['citizen'] };
const policy = new ProfilePolicy(staffAccessPolicy());

describe('who may see what of a person', () => {
  it('shows a person their own profile only: every lookup names them as its subject and its user', () => {
    expect(ownProfileAccess(citizen)).toEqual({
      purpose: 'data-subject-access',
      legalBasis: 'gdpr-art-15',
      dataSubject: citizen.subject,
      userId: citizen.subject,
    });
  });

  it('gives an official a person card on their pair, as their administration, without documents', async () => {
    const grant = await policy.personCard(official, {
      purpose: 'address-verification',
      legalBasis: 'civil-registration-act-art-106',
      caseRef: 'ЖР-7',
    });
    expect(grant.withDocuments).toBe(false);
    expect(grant.access).toMatchObject({
      client: MUNICIPALITY_CLIENT,
      role: 'official',
      purpose: 'address-verification',
      userId: official.subject,
      caseRef: 'ЖР-7',
    });
  });

  it('adds the identity documents only when the police check an ID shown', async () => {
    const identity = await policy.personCard(police, {
      purpose: ' identity-verification ',
      legalBasis: 'ministry-of-interior-act-art-70',
    });
    expect(identity).toMatchObject({ withDocuments: true, access: { client: POLICE_CLIENT } });
    const investigation = await policy.personCard(police, {
      purpose: 'criminal-investigation',
      legalBasis: 'ministry-of-interior-act-art-6',
    });
    expect(investigation.withDocuments).toBe(false);
  });

  it('wants a stated purpose and legal basis, and refuses a pair the role does not hold or a citizen', async () => {
    expect(await refusalCodeOf(policy.personCard(official, { purpose: 'address-verification' }))).toBe(
      'purpose-required',
    );
    expect(
      await refusalCodeOf(policy.personCard(official, { purpose: ' ', legalBasis: 'gdpr-art-15' })),
    ).toBe('purpose-required');
    expect(
      await refusalCodeOf(
        policy.personCard(official, {
          purpose: 'identity-verification',
          legalBasis: 'ministry-of-interior-act-art-70',
        }),
      ),
    ).toBe('purpose-not-allowed');
    expect(
      await refusalCodeOf(
        policy.personCard(citizen, {
          purpose: 'address-verification',
          legalBasis: 'civil-registration-act-art-106',
        }),
      ),
    ).toBe('purpose-not-allowed');
  });
});
