import { describe, expect, it } from 'vitest';
import { decideEligibility } from './eligibility.ts';

const text = { bg: 'б', en: 'e', pl: 'p' };
const inSofia = {
  rule: { some: [{ var: 'sources.persons.addresses' }, { '==': [{ var: 'municipalityName' }, 'Столична'] }] },
  reason: 'lives-elsewhere',
  text,
};
const adult = {
  rule: { '>=': [{ years_since: { var: 'sources.persons.person.birthDate' } }, 18] },
  reason: 'under-age',
  text,
};

describe('eligibility from register data', () => {
  it('is decided by the json-logic rules, each failure with its reason and text', () => {
    const sources = {
      persons: { addresses: [{ municipalityName: 'Пловдив' }], person: { birthDate: '2015-03-01' } },
    };
    expect(decideEligibility([inSofia, adult], sources, new Set())).toEqual({
      status: 'not-eligible',
      reasons: [
        { reason: 'lives-elsewhere', text },
        { reason: 'under-age', text },
      ],
    });
    const fine = {
      persons: { addresses: [{ municipalityName: 'Столична' }], person: { birthDate: '1980-03-01' } },
    };
    expect(decideEligibility([inSofia, adult], fine, new Set())).toEqual({ status: 'eligible', reasons: [] });
  });

  it('never refuses on a register that did not answer: the rule is skipped and the result unknown', () => {
    const sources = { persons: { person: { birthDate: '1980-03-01' } } };
    expect(decideEligibility([inSofia, adult], sources, new Set(['persons.addresses']))).toEqual({
      status: 'unknown',
      reasons: [],
    });
  });
});
