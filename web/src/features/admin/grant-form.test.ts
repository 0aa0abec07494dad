import { describe, expect, it } from 'vitest';
import { addPair, checkGrant, EMPTY_GRANT, removePair } from './grant-form.ts';

const pair = { purpose: 'address-verification', legalBasis: 'civil-registration-act-art-106' };

describe('the grant form of the admin console', () => {
  it('adds a purpose with its legal basis as one pair, never half a pair or the same pair twice', () => {
    expect(addPair({ ...EMPTY_GRANT, purpose: pair.purpose })).toBe('incomplete');
    const added = addPair({ ...EMPTY_GRANT, ...pair });
    expect(added).toMatchObject({ pairs: [pair], purpose: '', legalBasis: '' });
    expect(addPair({ ...(added as typeof EMPTY_GRANT), ...pair })).toBe('duplicate');
    expect(removePair(added as typeof EMPTY_GRANT, 0).pairs).toEqual([]);
  });

  it('names every missing or malformed field', () => {
    expect(checkGrant({ ...EMPTY_GRANT, endpoint: 'vin' })).toEqual({
      problems: [
        { field: 'client', problem: 'client' },
        { field: 'serviceId', problem: 'service' },
        { field: 'endpoint', problem: 'endpoint' },
        { field: 'pairs', problem: 'pairs' },
      ],
    });
  });

  it('grants the pairs added and the pair still chosen, for the whole service or one endpoint', () => {
    const draft = {
      ...EMPTY_GRANT,
      client: 'BG/GOV/000696327/municipal-administration',
      serviceId: 'BG/GOV/831661388/population-register/persons',
      pairs: [pair],
      purpose: 'data-subject-access',
      legalBasis: 'gdpr-art-15',
    };
    expect(checkGrant(draft)).toEqual({
      right: {
        client: draft.client,
        serviceId: draft.serviceId,
        endpoint: null,
        pairs: [pair, { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' }],
      },
    });
    expect(checkGrant({ ...draft, endpoint: ' GET /{egn} ' })).toMatchObject({
      right: { endpoint: 'GET /{egn}' },
    });
  });
});
