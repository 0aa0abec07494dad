import { DcqlQuery } from 'dcql';
import { describe, expect, it } from 'vitest';
import { CREDENTIAL_CONFIGURATIONS } from './catalogue.ts';
import { CHECK_IDS, checkDefinition, claimKeysOf, dcqlQueryFor, verdict } from './checks.ts';
import type { VerifiedCredential } from './formats.ts';

const MDL = 'org.iso.18013.5.1';
const now = new Date('2026-12-06T10:00:00Z');

function verified(partial: Partial<VerifiedCredential>): VerifiedCredential {
  return {
    format: 'dc+sd-jwt',
    type: 'urn:eudi:pid:1',
    issuer: { name: 'Civitas', country: 'BG' },
    claims: {},
    validFrom: null,
    validUntil: null,
    status: 'valid',
    ...partial,
  };
}

function query(id: (typeof CHECK_IDS)[number]) {
  const parsed = DcqlQuery.parse(dcqlQueryFor(id) as DcqlQuery.Input);
  DcqlQuery.validate(parsed);
  return parsed;
}

describe('the checks as DCQL queries', () => {
  it('every check is a valid DCQL query over claims the catalogue issues', () => {
    for (const id of CHECK_IDS) {
      query(id);
      for (const credential of checkDefinition(id).credentials) {
        const configuration = CREDENTIAL_CONFIGURATIONS.find(
          (candidate) =>
            candidate.format === credential.format &&
            (candidate.vct ?? candidate.doctype) === credential.type,
        );
        expect(configuration, `${id}: ${credential.type}`).toBeDefined();
        const issued = new Set(configuration?.claims.map((claim) => claim.path.join('.')));
        for (const claim of credential.claims) expect(issued.has(claim.path.join('.')), claim.id).toBe(true);
      }
    }
  });

  it('"over 18" asks the age claim and nothing else, from the PID in either format', () => {
    expect([...claimKeysOf('over-18')].sort()).toEqual([
      'age_equal_or_over.18',
      'eu.europa.ec.eudi.pid.1.age_over_18',
    ]);
    const result = DcqlQuery.query(query('over-18'), [
      {
        credential_format: 'dc+sd-jwt',
        vct: 'urn:eudi:pid:1',
        claims: { age_equal_or_over: { '18': true } },
        cryptographic_holder_binding: true,
      },
    ]);
    expect(result.can_be_satisfied).toBe(true);
  });

  it('"identity" is satisfied without the optional nationality, not without the photo', () => {
    const pid = { family_name: 'Иванова', given_name: 'Мария', birthdate: '1990-01-02' };
    const run = (claims: Record<string, string>) =>
      DcqlQuery.query(query('identity'), [
        { credential_format: 'dc+sd-jwt', vct: 'urn:eudi:pid:1', claims, cryptographic_holder_binding: true },
      ]).can_be_satisfied;
    expect(run({ ...pid, picture: 'data:image/jpeg;base64,AA' })).toBe(true);
    expect(run(pid)).toBe(false);
    const identity = dcqlQueryFor('identity').credentials[0];
    expect(identity?.claim_sets).toEqual([
      ['family_name', 'given_name', 'birthdate', 'picture', 'nationalities'],
      ['family_name', 'given_name', 'birthdate', 'picture'],
    ]);
  });

  it('the driving licence check runs against an mDL', () => {
    const result = DcqlQuery.query(query('driving-licence-b'), [
      {
        credential_format: 'mso_mdoc',
        doctype: 'org.iso.18013.5.1.mDL',
        namespaces: {
          [MDL]: {
            family_name: 'Иванова',
            given_name: 'Мария',
            portrait: 'AA',
            expiry_date: '2030-01-01',
            driving_privileges: [{ vehicle_category_code: 'B' }],
          },
        },
        cryptographic_holder_binding: true,
      },
    ]);
    expect(result.can_be_satisfied).toBe(true);
  });
});

describe('verdict', () => {
  it('"over 18": true passes, false fails, a missing claim fails', () => {
    expect(verdict('over-18', verified({ claims: { 'age_equal_or_over.18': true } }))).toEqual({
      passed: true,
    });
    expect(verdict('over-18', verified({ claims: { 'age_equal_or_over.18': false } }))).toEqual({
      passed: false,
      code: 'verdict-not-over-18',
    });
    expect(verdict('over-18', verified({ claims: {} }))).toEqual({
      passed: false,
      code: 'verdict-claims-missing',
    });
    const mdoc = verified({ format: 'mso_mdoc', type: 'eu.europa.ec.eudi.pid.1' });
    expect(verdict('over-18', { ...mdoc, claims: { 'eu.europa.ec.eudi.pid.1.age_over_18': true } })).toEqual({
      passed: true,
    });
  });

  it('refuses a credential type the check does not accept', () => {
    const vehicle = verified({
      type: 'urn:civitas:vehicle-registration:1',
      claims: { 'age_equal_or_over.18': true },
    });
    expect(verdict('over-18', vehicle)).toEqual({ passed: false, code: 'verdict-credential-not-accepted' });
  });

  it('driving licence: category B present and not expired, the document not expired', () => {
    const licence = (expiry: unknown, privileges: unknown) =>
      verified({
        format: 'mso_mdoc',
        type: 'org.iso.18013.5.1.mDL',
        claims: {
          [`${MDL}.family_name`]: 'Иванова',
          [`${MDL}.given_name`]: 'Мария',
          [`${MDL}.portrait`]: new Uint8Array([1]),
          [`${MDL}.expiry_date`]: expiry,
          [`${MDL}.driving_privileges`]: privileges,
        },
      });
    const b = { vehicle_category_code: 'B', issue_date: '2010-01-01', expiry_date: '2030-01-01' };
    expect(verdict('driving-licence-b', licence('2030-01-01', [b]), now)).toEqual({ passed: true });
    expect(
      verdict('driving-licence-b', licence(new Date('2030-01-01'), [new Map(Object.entries(b))]), now),
    ).toEqual({
      passed: true,
    });
    expect(verdict('driving-licence-b', licence('2026-12-05', [b]), now)).toEqual({
      passed: false,
      code: 'verdict-document-expired',
    });
    expect(
      verdict('driving-licence-b', licence('2030-01-01', [{ ...b, vehicle_category_code: 'A' }]), now),
    ).toEqual({
      passed: false,
      code: 'verdict-category-b-missing',
    });
    expect(
      verdict('driving-licence-b', licence('2030-01-01', [{ ...b, expiry_date: '2026-01-01' }]), now),
    ).toEqual({
      passed: false,
      code: 'verdict-category-b-expired',
    });
  });
});
