import { describe, expect, it } from 'vitest';
import type { HealthRecord } from './fhir-record.ts';
import { timelineOf } from './timeline.ts';

const empty: HealthRecord = {
  patient: null,
  encounters: [],
  observations: [],
  conditions: [],
  allergies: [],
  immunizations: [],
  documents: [],
  medicationRequests: [],
  medicationDispenses: [],
  procedures: [],
  unavailable: [],
};

describe('the timeline', () => {
  it('lists visits, hospital stays, vaccinations, prescriptions and documents newest first, each named in words', () => {
    const items = timelineOf(
      {
        ...empty,
        encounters: [
          {
            resourceType: 'Encounter',
            id: 'e1',
            status: 'finished',
            class: { code: 'AMB' },
            period: { start: '2026-03-10T09:00:00Z' },
          },
          {
            resourceType: 'Encounter',
            id: 'e2',
            status: 'finished',
            class: { code: 'IMP' },
            period: { start: '2025-11-02T09:00:00Z', end: '2025-11-09T12:00:00Z' },
            reasonCode: [{ text: 'Pneumonia' }],
          },
        ],
        immunizations: [
          {
            resourceType: 'Immunization',
            id: 'i1',
            status: 'completed',
            vaccineCode: { text: 'MMR' },
            patient: {},
            occurrenceDateTime: '1992-06-01',
          },
          {
            resourceType: 'Immunization',
            id: 'i2',
            status: 'entered-in-error',
            vaccineCode: {},
            patient: {},
            occurrenceDateTime: '2000-06-01',
          },
        ],
        medicationRequests: [
          {
            resourceType: 'MedicationRequest',
            id: 'm1',
            status: 'active',
            intent: 'order',
            subject: {},
            authoredOn: '2026-03-10',
          },
        ],
        documents: [
          {
            resourceType: 'DocumentReference',
            id: 'd1',
            status: 'current',
            content: [],
            date: '2025-11-09T12:00:00Z',
          },
        ],
      },
      'en',
    );
    expect(items.map((item) => [item.kind, item.date.slice(0, 10), item.title])).toEqual([
      ['visit', '2026-03-10', null],
      ['prescription', '2026-03-10', null],
      ['document', '2025-11-09', null],
      ['hospital-stay', '2025-11-02', 'Pneumonia'],
      ['vaccination', '1992-06-01', 'MMR'],
    ]);
    expect(items.find((item) => item.kind === 'hospital-stay')!.end).toBe('2025-11-09T12:00:00Z');
  });
});
