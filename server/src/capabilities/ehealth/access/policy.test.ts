import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { HealthAccessContext, HealthActor, StoredResource } from '../ports.ts';
import type { CareFacts, Restriction } from './care.ts';
import { isMinor } from './context.ts';
import { createHealthPolicy, mayRead, mayWrite, type Standing } from './policy.ts';
import { parseScopes } from './scopes.ts';

const citizen: HealthActor = {
  kind: 'patient',
  personalNumber: '8001010000',
  patientId: 'p-self',
  patientIds: ['p-self', 'p-child'],
};
const gp: HealthActor = {
  kind: 'practitioner',
  personalNumber: '7001010000',
  practitionerId: 'dr-gp',
  organisation: 'GP practice',
  client: 'COM/1/gp',
  generalPractitioner: true,
};
const specialist: HealthActor = { ...gp, practitionerId: 'dr-cardio', generalPractitioner: false };
const pharmacist: HealthActor = {
  kind: 'pharmacist',
  personalNumber: '6001010000',
  organisation: 'Pharmacy',
  client: 'COM/2/ph',
};
const system: HealthActor = { kind: 'system', client: 'GOV/1/wallet' };

function standing(overrides: Partial<Standing> & { practitionerId: string }): Standing {
  return {
    references: [`Practitioner/${overrides.practitionerId}`],
    gp: new Set(),
    referral: new Set(),
    encounters: new Map(),
    breakGlass: new Set(),
    ...overrides,
  };
}
const gpStanding = standing({ practitionerId: 'dr-gp', gp: new Set(['p-self', 'p-child']) });
const none = standing({ practitionerId: 'dr-cardio' });
const referred = standing({ practitionerId: 'dr-cardio', referral: new Set(['p-self']) });
const inEncounter = standing({
  practitionerId: 'dr-cardio',
  encounters: new Map([['p-self', new Set(['e1'])]]),
});
const glass = standing({ practitionerId: 'dr-cardio', breakGlass: new Set(['p-self']) });

const condition = (id: string, patientId: string | null, code = 'I10', category = 'problem-list-item') => ({
  resourceType: 'Condition',
  id,
  patientId,
  content: () => ({
    resourceType: 'Condition',
    id,
    category: [{ coding: [{ code: category }] }],
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code }] },
  }),
});
const document = (id: string) => ({
  resourceType: 'DocumentReference',
  id,
  patientId: 'p-self',
  content: () => ({ resourceType: 'DocumentReference', id, type: { coding: [{ code: '18842-5' }] } }),
});

const restriction = (target: Restriction['target'], from: Restriction['from']): Restriction => ({
  id: 'r',
  patientId: 'p-self',
  consentId: 'c',
  target,
  from,
});
const hideCondition = restriction({ kind: 'resource', reference: 'Condition/c1' }, { kind: 'all-but-gp' });
const hideMentalFromCardio = restriction(
  { kind: 'category', resourceType: 'Condition', category: 'F32' },
  { kind: 'practitioner', practitionerId: 'dr-cardio', name: 'Dr Cardio' },
);
const hideDischargeFromAllButGp = restriction(
  { kind: 'category', resourceType: 'DocumentReference', category: '18842-5' },
  { kind: 'all-but-gp' },
);
const hideConditionsFromGp = restriction(
  { kind: 'category', resourceType: 'Condition', category: null },
  { kind: 'practitioner', practitionerId: 'dr-gp', name: 'Dr GP' },
);

describe('the access policy, as a table of rules', () => {
  const cases: Array<
    [string, HealthActor, Standing | null, Restriction[], ReturnType<typeof condition>, boolean]
  > = [
    ['a patient reads their own record', citizen, null, [], condition('c1', 'p-self'), true],
    ["a parent reads their minor child's record", citizen, null, [], condition('c2', 'p-child'), true],
    ["a patient never reads another patient's record", citizen, null, [], condition('c3', 'p-other'), false],
    ['a patient reads shared resources', citizen, null, [], condition('x', null), true],
    [
      'a patient reads what they hid from doctors',
      citizen,
      null,
      [hideCondition],
      condition('c1', 'p-self'),
      true,
    ],
    ['the GP reads their patient', gp, gpStanding, [], condition('c1', 'p-self'), true],
    [
      "the GP reads their patient's child on their list",
      gp,
      gpStanding,
      [],
      condition('c2', 'p-child'),
      true,
    ],
    [
      'the GP does not read a patient not on their list',
      gp,
      gpStanding,
      [],
      condition('c3', 'p-other'),
      false,
    ],
    ['a specialist without a referral reads nothing', specialist, none, [], condition('c1', 'p-self'), false],
    ['a specialist with an active referral reads', specialist, referred, [], condition('c1', 'p-self'), true],
    ['a specialist in an open encounter reads', specialist, inEncounter, [], condition('c1', 'p-self'), true],
    ['a specialist under break-glass reads', specialist, glass, [], condition('c1', 'p-self'), true],
    ['a pharmacist reads nothing through FHIR', pharmacist, null, [], condition('c1', 'p-self'), false],
    ['another system reads nothing through FHIR', system, null, [], condition('c1', 'p-self'), false],
    [
      'a resource hidden from all but the GP: the GP reads it',
      gp,
      gpStanding,
      [hideCondition],
      condition('c1', 'p-self'),
      true,
    ],
    [
      'a resource hidden from all but the GP: the specialist does not',
      specialist,
      referred,
      [hideCondition],
      condition('c1', 'p-self'),
      false,
    ],
    [
      'a hidden resource does not hide the others',
      specialist,
      referred,
      [hideCondition],
      condition('c9', 'p-self'),
      true,
    ],
    [
      'a category hidden from one doctor: that doctor does not read it',
      specialist,
      referred,
      [hideMentalFromCardio],
      condition('c4', 'p-self', 'F32'),
      false,
    ],
    [
      'a category hidden from one doctor: other categories stay',
      specialist,
      referred,
      [hideMentalFromCardio],
      condition('c5', 'p-self', 'I10'),
      true,
    ],
    [
      'a category hidden from one doctor: other doctors read it',
      gp,
      gpStanding,
      [hideMentalFromCardio],
      condition('c4', 'p-self', 'F32'),
      true,
    ],
    [
      'a whole type hidden from the GP by name',
      gp,
      gpStanding,
      [hideConditionsFromGp],
      condition('c5', 'p-self'),
      false,
    ],
    [
      'break-glass overrides restrictions',
      specialist,
      glass,
      [hideCondition, hideMentalFromCardio],
      condition('c1', 'p-self', 'F32'),
      true,
    ],
    [
      "another patient's restriction does not apply",
      specialist,
      referred,
      [{ ...hideCondition, patientId: 'p-x' }],
      condition('c1', 'p-self'),
      true,
    ],
  ];
  it.each(cases)('%s', (_name, actor, facts, restrictions, subject, expected) => {
    expect(mayRead(actor, facts, restrictions, subject)).toBe(expected);
  });

  it('hides a document type from all but the GP', () => {
    expect(mayRead(specialist, referred, [hideDischargeFromAllButGp], document('d1'))).toBe(false);
    expect(mayRead(gp, gpStanding, [hideDischargeFromAllButGp], document('d1'))).toBe(true);
  });

  it("never shows a doctor the patient's Consent resources (what is hidden stays hidden)", () => {
    const consent = { resourceType: 'Consent', id: 'k', patientId: 'p-self', content: () => ({}) };
    expect(mayRead(gp, gpStanding, [], consent)).toBe(false);
    expect(mayRead(citizen, null, [], consent)).toBe(true);
  });
});

describe('writes', () => {
  const observation = (encounter?: string): Resource =>
    ({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      subject: { reference: 'Patient/p-self' },
      ...(encounter && { encounter: { reference: encounter } }),
    }) as Resource;
  const encounterWith = (reference: string): Resource =>
    ({
      resourceType: 'Encounter',
      status: 'in-progress',
      class: { code: 'AMB' },
      participant: [{ individual: { reference } }],
    }) as Resource;

  it('the GP writes into their patient record', () => {
    expect(mayWrite(gp, gpStanding, observation(), 'p-self')).toBe(true);
  });
  it('a doctor without a relation writes nothing', () => {
    expect(mayWrite(specialist, none, observation(), 'p-self')).toBe(false);
  });
  it('a specialist with a referral opens an encounter with themselves, not other writes', () => {
    expect(mayWrite(specialist, referred, encounterWith('Practitioner/dr-cardio'), 'p-self')).toBe(true);
    expect(mayWrite(specialist, referred, encounterWith('Practitioner/dr-gp'), 'p-self')).toBe(false);
    expect(mayWrite(specialist, referred, observation(), 'p-self')).toBe(false);
  });
  it('a specialist writes within their open encounter only', () => {
    expect(mayWrite(specialist, inEncounter, observation('Encounter/e1'), 'p-self')).toBe(true);
    expect(mayWrite(specialist, inEncounter, observation('Encounter/e2'), 'p-self')).toBe(false);
  });
  it('break-glass allows writes; patients, pharmacists (but dispensing) and systems do not write', () => {
    expect(mayWrite(specialist, glass, observation(), 'p-self')).toBe(true);
    expect(mayWrite(citizen, null, observation(), 'p-self')).toBe(false);
    expect(mayWrite(system, null, observation(), 'p-self')).toBe(false);
    expect(mayWrite(pharmacist, null, observation(), 'p-self')).toBe(false);
    expect(mayWrite(pharmacist, null, { resourceType: 'MedicationDispense' } as Resource, 'p-self')).toBe(
      true,
    );
  });
});

describe('the policy over facts', () => {
  const facts: CareFacts = {
    referencesOf: async (id) => [`Practitioner/${id}`],
    relations: async (refs) => ({
      gp: refs.includes('Practitioner/dr-gp') ? ['p-self'] : [],
      referral: [],
      encounters: [],
    }),
    restrictions: async () => [hideCondition],
  };
  const ctx = (
    actor: HealthActor,
    breakGlass: HealthAccessContext['breakGlass'] = [],
  ): HealthAccessContext => ({
    actor,
    scopes: parseScopes(['user/*.cruds', 'patient/*.rs']),
    purpose: { purpose: 'medical-treatment', legalBasis: 'gdpr-art-9-2-h' },
    breakGlass,
    requestId: 'test',
  });
  const stored = (id: string, patientId: string): StoredResource => ({
    resourceType: 'Condition',
    id,
    versionId: 1,
    lastUpdated: new Date(),
    patientId,
    deleted: false,
    content: JSON.stringify({ resourceType: 'Condition', id }),
  });
  const now = new Date('2026-12-06T10:00:00Z');
  const policy = createHealthPolicy(facts, () => now);

  it('filters a list in its order', async () => {
    const list = [stored('c1', 'p-self'), stored('c2', 'p-self'), stored('c3', 'p-other')];
    expect((await policy.filterReadable(ctx(gp), list)).map((r) => r.id)).toEqual(['c1', 'c2']);
    expect((await policy.filterReadable(ctx(specialist), list)).map((r) => r.id)).toEqual([]);
  });
  it('an expired break-glass opens nothing; an active one does', async () => {
    const expired = [
      { id: 'b', patientId: 'p-self', reason: 'unconscious patient', expiresAt: new Date(now.getTime() - 1) },
    ];
    const active = [
      {
        id: 'b',
        patientId: 'p-self',
        reason: 'unconscious patient',
        expiresAt: new Date(now.getTime() + 60_000),
      },
    ];
    expect(await policy.canRead(ctx(specialist, expired), stored('c1', 'p-self'))).toBe(false);
    expect(await policy.canRead(ctx(specialist, active), stored('c1', 'p-self'))).toBe(true);
  });
  it('the SQL form is false for those who read nothing, and true for the platform', async () => {
    expect(await policy.visibleWhere(ctx(pharmacist), 'Condition', 'r')).toBe(false);
    expect(await policy.visibleWhere(ctx(system), 'Condition', 'r')).toBe(false);
    expect(await policy.visibleWhere(ctx({ kind: 'internal' }), 'Condition', 'r')).not.toBe(false);
  });
});

describe('minors', () => {
  it('are under 18 on the day, their 18th birthday included as adult', () => {
    const today = new Date('2026-12-06T10:00:00Z');
    expect(isMinor('2008-12-07', today)).toBe(true);
    expect(isMinor('2008-12-06', today)).toBe(false);
    expect(isMinor('2020-01-01', today)).toBe(true);
    expect(isMinor('1980-01-01', today)).toBe(false);
  });
});
