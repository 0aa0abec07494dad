import { addYears, dayFromIso, isoFromDay } from '@civitas/contracts/days.ts';
import type { DrivingLicence } from '@civitas/contracts/registers/driving-licences.ts';
import type { Person } from '@civitas/contracts/registers/population.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGE_THRESHOLDS,
  ageOn,
  ageOver,
  alpha2,
  currentOwner,
  drivingPrivileges,
  earlier,
  pidMdocClaims,
  pidSdJwtClaims,
} from './claims.ts';

const FROM = dayFromIso('1900-01-01');
const TO = dayFromIso('2100-12-31');
const day = fc.integer({ min: FROM, max: TO });

const person: Person = {
  egn: '8507146243',
  givenName: 'Иван',
  fatherName: 'Петров',
  familyName: 'Георгиев',
  givenNameLatin: 'Ivan',
  fatherNameLatin: 'Petrov',
  familyNameLatin: 'Georgiev',
  sex: 'M',
  birthDate: '1985-07-14',
  birthPlaceEkatte: '68134',
  birthPlaceName: 'София',
  motherEgn: null,
  fatherEgn: null,
  deceased: false,
  deathDate: null,
  citizenship: 'BG ',
};
const issuer = { country: 'BG', authority: 'Министерство на електронното управление' };

describe('ages', () => {
  it('are whole years: one less the day before the birthday, the same on it', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 110 }), (birth, years) => {
        const birthday = addYears(birth, years);
        fc.pre(birthday <= TO);
        const born = isoFromDay(birth);
        const leapDayInCommonYear = born.endsWith('-02-29') && !isoFromDay(birthday).endsWith('-02-29');
        // On the day itself (28 February for a leap-day birthday in a common year: one day early).
        expect(ageOn(born, isoFromDay(birthday))).toBe(leapDayInCommonYear ? years - 1 : years);
        expect(ageOn(born, isoFromDay(birthday + (leapDayInCommonYear ? 1 : 0)))).toBe(years);
        expect(ageOn(born, isoFromDay(birthday - 1))).toBe(years - 1);
      }),
    );
  });

  it('never fall with time, and every threshold agrees with the age', () => {
    fc.assert(
      fc.property(day, day, day, (birth, a, b) => {
        fc.pre(birth <= a && a <= b);
        const born = isoFromDay(birth);
        expect(ageOn(born, isoFromDay(a))).toBeLessThanOrEqual(ageOn(born, isoFromDay(b)));
        const over = ageOver(born, isoFromDay(b));
        for (const threshold of AGE_THRESHOLDS) {
          expect(over[String(threshold)]).toBe(ageOn(born, isoFromDay(b)) >= threshold);
        }
      }),
    );
  });

  it('come of age for a leap-day birthday on 1 March in common years, on 29 February in leap years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
    expect(ageOver('2008-02-29', '2026-02-28')['18']).toBe(false);
    expect(ageOver('2008-02-29', '2026-03-01')['18']).toBe(true);
  });
});

describe('the PID claims', () => {
  const sources = { person, address: null, portrait: null, expiry: '2026-12-01', today: '2026-06-01' };

  it('carry the rulebook names, ISO 5218 sex, alpha-2 nationality and the ages on the day of issuance', () => {
    const claims = pidSdJwtClaims(sources, issuer);
    expect(claims).toMatchObject({
      family_name: 'Георгиев',
      given_name: 'Иван Петров',
      birthdate: '1985-07-14',
      sex: 1,
      nationalities: ['BG'],
      personal_administrative_number: '8507146243',
      age_in_years: 40,
      age_birth_year: 1985,
      age_equal_or_over: { '14': true, '16': true, '18': true, '21': true, '65': false },
      issuing_country: 'BG',
      date_of_expiry: '2026-12-01',
    });
    // No address or photo in the register: the claims are left out, not sent empty.
    expect(claims).not.toHaveProperty('address');
    expect(claims).not.toHaveProperty('picture');
  });

  it('say the same in the mdoc namespace, ages as age_over_NN', () => {
    const sd = pidSdJwtClaims(sources, issuer);
    const mdoc = pidMdocClaims(sources, issuer)['eu.europa.ec.eudi.pid.1'] as Record<string, unknown>;
    expect(mdoc.birth_date).toBe(sd.birthdate);
    for (const threshold of AGE_THRESHOLDS) {
      expect(mdoc[`age_over_${threshold}`]).toBe(
        (sd.age_equal_or_over as Record<string, boolean>)[threshold],
      );
    }
  });
});

describe('helpers', () => {
  it('give alpha-2 nationalities from alpha-3 and padded alpha-2 codes', () => {
    expect(alpha2('BGR')).toBe('BG');
    expect(alpha2('BG ')).toBe('BG');
    expect(alpha2('POL')).toBe('PL');
  });

  it('cap a copy at the earlier expiry', () => {
    expect(earlier('2027-01-01', null)).toBe('2027-01-01');
    expect(earlier('2027-01-01', '2026-09-30')).toBe('2026-09-30');
    expect(earlier('2027-01-01', '2028-01-01')).toBe('2027-01-01');
  });

  it('put each restriction on the categories it applies to (ISO 18013-5 codes)', () => {
    const licence: DrivingLicence = {
      number: '200000001',
      egn: person.egn,
      issuedOn: '2020-01-01',
      validUntil: '2030-01-01',
      issuer: 'МВР – София',
      pointsRemaining: 39,
      status: 'valid',
      categories: [
        { licenceNumber: '200000001', category: 'B', obtainedOn: '2004-01-01' },
        { licenceNumber: '200000001', category: 'C', obtainedOn: '2010-01-01' },
      ],
      restrictions: [
        { code: '01.06', category: null },
        { code: '95', category: 'C' },
      ],
    };
    expect(drivingPrivileges(licence)).toEqual([
      {
        vehicle_category_code: 'B',
        issue_date: '2004-01-01',
        expiry_date: '2030-01-01',
        codes: [{ code: '01.06' }],
      },
      {
        vehicle_category_code: 'C',
        issue_date: '2010-01-01',
        expiry_date: '2030-01-01',
        codes: [{ code: '01.06' }, { code: '95' }],
      },
    ]);
  });

  it('name the current owner from the last registration, none after deregistration', () => {
    const entry = (
      seq: number,
      event: 'first_registration' | 'change_of_owner' | 'deregistration',
      ownerId: string,
    ) => ({
      vin: 'V',
      seq,
      event,
      eventDate: '2020-01-01',
      plate: null,
      ownerKind: 'person' as const,
      ownerId,
      ownerName: null,
      certificateNumber: null,
    });
    expect(
      currentOwner([entry(2, 'change_of_owner', 'B'), entry(1, 'first_registration', 'A')])?.ownerId,
    ).toBe('B');
    expect(currentOwner([entry(1, 'first_registration', 'A'), entry(2, 'deregistration', 'A')])).toBeNull();
    expect(currentOwner([])).toBeNull();
  });
});
