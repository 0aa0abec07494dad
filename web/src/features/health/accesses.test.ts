import type { AuditEvent } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { accessesOf } from './accesses.ts';

const event = (
  id: string,
  recorded: string,
  purpose: string,
  who: string,
  organisation?: string,
): AuditEvent => ({
  resourceType: 'AuditEvent',
  id,
  type: { code: 'rest' },
  recorded,
  action: 'R',
  purposeOfEvent: [{ coding: [{ code: purpose }] }],
  agent: [
    { requestor: true, who: { reference: 'Practitioner/x', display: who } },
    ...(organisation
      ? [{ requestor: false, who: { reference: 'Organization/o', display: organisation } }]
      : []),
  ],
  source: { observer: {} },
  entity: [{ what: { reference: 'DocumentReference/d1' } }, { what: { reference: 'Patient/p' } }],
});

describe('the accesses to the record', () => {
  it('names the doctor and their organisation, newest first, the emergency one marked', () => {
    const accesses = accessesOf([
      event('a', '2026-03-10T09:00:00Z', 'TREAT', 'д-р Петрова', 'ГППМП'),
      event('b', '2026-03-12T10:00:00Z', 'BTG', 'д-р Стоянов', 'УМБАЛ'),
    ]);
    expect(
      accesses.map((access) => [access.who, access.organisation, access.emergency, access.purpose]),
    ).toEqual([
      ['д-р Стоянов', 'УМБАЛ', true, 'emergency-access'],
      ['д-р Петрова', 'ГППМП', false, 'medical-treatment'],
    ]);
    expect(accesses[0]!.resourceTypes).toEqual(['DocumentReference']);
  });

  it('names no person when the event names only the organisation (the doctor is then "a doctor")', () => {
    const [access] = accessesOf([event('d', '2026-03-12T10:00:00Z', 'TREAT', 'УМБАЛ', 'УМБАЛ')]);
    expect(access).toMatchObject({ who: null, role: 'doctor', organisation: 'УМБАЛ' });
  });

  it('says a pharmacy dispensed, from the purpose the event states (dispensing and treatment share one HL7 code)', () => {
    const dispensing: AuditEvent = {
      ...event('e', '2026-03-12T10:00:00Z', 'TREAT', 'Аптека', 'Аптека'),
      purposeOfEvent: [{ coding: [{ code: 'TREAT' }], text: 'prescription-dispensing' }],
    };
    dispensing.agent[0]!.who = { display: 'Аптека' };
    expect(accessesOf([dispensing])[0]).toMatchObject({
      who: null,
      role: 'pharmacist',
      purpose: 'prescription-dispensing',
    });
  });

  it("tells the patient's own reads apart from others'", () => {
    const [own] = accessesOf([event('c', '2026-03-12T10:00:00Z', 'data-subject-access', 'Иван')]);
    expect(own!.byPatient).toBe(true);
  });
});
