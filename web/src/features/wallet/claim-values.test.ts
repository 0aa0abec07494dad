import { credentialConfiguration } from '@civitas/wallet/catalogue.ts';
import { describe, expect, it } from 'vitest';
import { claimFields, classify, holderNameOf, portraitOf } from './claim-values.ts';

const mdl = credentialConfiguration('mdl');
const pid = credentialConfiguration('pid-sd-jwt');
const PHOTO = 'data:image/jpeg;base64,/9j/4AAQ';

describe('a credential shown as fields', () => {
  it('lists the catalogue claims the credential holds, in catalogue order, typed for formatting', () => {
    if (!pid) throw new Error('no pid');
    const fields = claimFields(pid, {
      given_name: 'Ivan',
      family_name: 'Petrov',
      birthdate: '1990-04-12',
      nationalities: ['BG'],
      sex: 1,
      personal_administrative_number: '9004120000',
      age_equal_or_over: { '18': true, '21': true },
      picture: PHOTO,
      unknown_claim: 'x',
    });
    expect(fields.map((field) => [field.label.en, field.value])).toEqual([
      ['Family name', { kind: 'text', text: 'Petrov' }],
      ['Given name', { kind: 'text', text: 'Ivan' }],
      ['Date of birth', { kind: 'date', iso: '1990-04-12' }],
      ['Nationality', { kind: 'countries', codes: ['BG'] }],
      ['Sex', { kind: 'sex', code: 1 }],
      ['Personal number', { kind: 'personal-number', value: '9004120000' }],
      ['Aged 18 or over', { kind: 'boolean', value: true }],
      ['Aged 21 or over', { kind: 'boolean', value: true }],
      ['Photo', { kind: 'image', src: PHOTO }],
    ]);
  });

  it('reads mdoc elements under their namespace, driving categories with their dates', () => {
    if (!mdl) throw new Error('no mdl');
    const claims = {
      'org.iso.18013.5.1': {
        given_name: 'Maria',
        family_name: 'Ivanova',
        expiry_date: '2031-01-01',
        portrait: PHOTO,
        driving_privileges: [
          { vehicle_category_code: 'B', issue_date: '2010-05-01', expiry_date: '2031-01-01' },
          { vehicle_category_code: 'AM' },
        ],
      },
    };
    const categories = claimFields(mdl, claims).find(
      (field) => field.path.join('.') === 'org.iso.18013.5.1.driving_privileges',
    );
    expect(categories?.value).toEqual({
      kind: 'categories',
      categories: [
        { code: 'B', from: '2010-05-01', until: '2031-01-01' },
        { code: 'AM', from: null, until: null },
      ],
    });
    expect(holderNameOf(mdl, claims)).toBe('Maria Ivanova');
    expect(portraitOf(mdl, claims)).toBe(PHOTO);
  });

  it('leaves out what cannot be shown safely', () => {
    expect(classify(['picture'], 'javascript:alert(1)', true)).toBeNull();
    expect(classify(['picture'], 'data:text/html;base64,PHNjcmlwdD4=', true)).toBeNull();
    expect(classify(['x'], { nested: true })).toBeNull();
    expect(classify(['x'], null)).toBeNull();
    expect(classify(['nationalities'], ['bulgaria'])).toEqual({ kind: 'text', text: 'bulgaria' });
    expect(classify(['x'], Number.NaN)).toBeNull();
  });

  it('shows a timestamp as its date', () => {
    expect(classify(['date_of_expiry'], '2030-02-03T00:00:00Z')).toEqual({ kind: 'date', iso: '2030-02-03' });
  });
});
