import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_FOLDER } from '../index.ts';
import { DeclarationError, loadCatalogue, loadDeclaration } from './load.ts';
import { searchCatalogue } from './search.ts';

const addressChange = readFileSync(new URL('change-of-current-address.json', CATALOGUE_FOLDER), 'utf8');

/** The address change's declaration with one change made to it. */
// biome-ignore lint/suspicious/noExplicitAny: the test edits the declaration JSON freely
function broken(change: (declaration: Record<string, any>) => void): string {
  const declaration = JSON.parse(addressChange);
  change(declaration);
  return JSON.stringify(declaration);
}

function refusal(text: string, file = 'change-of-current-address.json'): string {
  try {
    loadDeclaration(file, text);
  } catch (error) {
    expect(error).toBeInstanceOf(DeclarationError);
    return (error as Error).message;
  }
  throw new Error('the declaration was accepted');
}

describe('the service declarations', () => {
  it('all load at boot: the four services of this branch, each with its form validator', () => {
    const catalogue = loadCatalogue(CATALOGUE_FOLDER);
    for (const code of [
      'resident-parking-permit',
      'change-of-current-address',
      'child-birth-benefit',
      'ehic-request',
    ])
      expect(catalogue.get(code)?.declaration.code).toBe(code);
    const service = catalogue.get('change-of-current-address')!;
    expect(service.validate({ applicant: { givenName: 'А', familyName: 'Б' } })).toBe(false);
    expect([...service.sources.keys()].sort()).toEqual(['persons.addresses', 'persons.person']);
  });

  it('refuse a file that is not JSON, or does not match the schema, naming the file and the place', () => {
    expect(refusal('{ "code": ')).toMatch(/change-of-current-address\.json is not valid:\n {2}- not JSON/);
    expect(refusal(broken((d) => (d.title = { bg: 'Адрес', en: 'Address' })))).toMatch(/\/title\/pl/);
    expect(refusal(broken((d) => (d.categories = ['housing'])))).toMatch(/\/categories\/0/);
    expect(refusal(broken((d) => (d.fee = { amountCents: 100, currency: 'BGN' })))).toMatch(/\/fee/);
    expect(refusal(broken((d) => (d.colour = 'red')))).toMatch(/colour|additional/i);
  });

  it('refuse what the schema cannot see: unknown purposes, bad form schemas, prefills and rules that read nothing', () => {
    expect(refusal(addressChange, 'address.json')).toContain('must be named change-of-current-address.json');
    expect(refusal(broken((d) => (d.purpose = 'curiosity')))).toContain('"curiosity" is not a purpose code');
    expect(refusal(broken((d) => (d.legalBasis = 'whim')))).toContain('"whim" is not a legal basis code');
    expect(refusal(broken((d) => (d.form.schema.properties.since.type = 'date')))).toContain('form.schema');
    expect(refusal(broken((d) => delete d.form.labels['newAddress.postcode']))).toContain(
      'no label for the field newAddress.postcode',
    );
    expect(refusal(broken((d) => (d.prefill[0].source.register = 'horoscopes')))).toContain(
      'no register service "horoscopes"',
    );
    expect(refusal(broken((d) => (d.prefill[0].source.endpoint = 'secrets')))).toContain(
      'has no endpoint "secrets"',
    );
    expect(refusal(broken((d) => (d.prefill[0].source.params = { egn: '$neighbour' })))).toContain(
      '"$neighbour" is not $applicant',
    );
    expect(refusal(broken((d) => (d.prefill[0].source.pick = '$..givenName')))).toContain('not understood');
    expect(refusal(broken((d) => (d.prefill[0].field = 'applicant.shoeSize')))).toContain(
      'is not a form field',
    );
    expect(
      refusal(broken((d) => (d.eligibility[0].rule = { '!!': { var: 'sources.vehicles.byOwner' } }))),
    ).toContain('reads sources.vehicles.byOwner, which no prefill reads');
    expect(refusal(broken((d) => (d.signers = ['applicant', 'counterparty'])))).toContain(
      'counterparty.field is required',
    );
  });
});

describe('the catalogue', () => {
  const catalogue = loadCatalogue(CATALOGUE_FOLDER);
  const codes = (filter: Parameters<typeof searchCatalogue>[1]) =>
    searchCatalogue(catalogue, filter).services.map((service) => service.code);

  it('finds services by words of the reader’s language, at the start of a word, whatever the case or accents', () => {
    expect(codes({ q: 'адрес', lang: 'bg' })).toEqual(['change-of-current-address']);
    expect(codes({ q: 'ADDRESS change', lang: 'en' })).toEqual(['change-of-current-address']);
    expect(codes({ q: 'zdrowotnego', lang: 'pl' })).toEqual(['ehic-request']);
    expect(codes({ q: 'dress', lang: 'en' })).toEqual([]);
    // Words of another language do not match: the reader searches in their own.
    expect(codes({ q: 'адрес', lang: 'en' })).toEqual([]);
  });

  it('filters by category and life event, and lists the chips every service has', () => {
    expect(codes({ lifeEvent: 'i-moved', lang: 'en' }).sort()).toEqual([
      'change-of-current-address',
      'resident-parking-permit',
    ]);
    expect(codes({ category: 'health', lang: 'bg' })).toEqual(['ehic-request']);
    expect(codes({ category: 'health', lifeEvent: 'i-moved', lang: 'bg' })).toEqual([]);
    const all = searchCatalogue(catalogue, { lang: 'en' });
    expect(all.lifeEvents).toEqual(expect.arrayContaining(['a-child-was-born', 'travelling-abroad']));
    expect(all.categories).toEqual(expect.arrayContaining(['family-and-children', 'parking-and-transport']));
  });
});
