import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readNotices, readPatients, readPrescriptions, readRestrictions } from './read-api.ts';

describe('reading the /api/health answers', () => {
  it('reads the records the person may open, as a list or under `patients`', () => {
    const list = [
      { patientId: 'p1', name: 'Иван', self: true },
      { patientId: 'p2', name: 'Мила' },
      { name: 'no id' },
    ];
    expect(readPatients(list)).toEqual([
      { patientId: 'p1', name: 'Иван', self: true },
      { patientId: 'p2', name: 'Мила', self: false },
    ]);
    expect(readPatients({ patients: list })).toHaveLength(2);
  });

  it('reads a prescription with its QR payload and dispenses, and falls back to the number for the QR', () => {
    const [first, second] = readPrescriptions([
      {
        number: '0000A1B2C3D4',
        qr: 'CIVRX1:0000A1B2C3D4',
        medication: { system: 'http://www.whocc.no/atc', code: 'A10BA02' },
        status: 'completed',
        quantity: 60,
        remaining: 0,
        dispenses: [
          { whenHandedOver: '2026-03-11T10:00:00Z', quantity: 60, pharmacy: 'Аптека' },
          { quantity: 1 },
        ],
      },
      { number: '0000ZZZZZZZZ', status: 'active' },
    ]);
    expect(first).toMatchObject({ qr: 'CIVRX1:0000A1B2C3D4', status: 'completed', remaining: 0 });
    expect(first!.dispenses).toEqual([
      { whenHandedOver: '2026-03-11T10:00:00Z', quantity: 60, pharmacy: 'Аптека' },
    ]);
    expect(second).toMatchObject({ qr: '0000ZZZZZZZZ', medication: null, dispenses: [] });
  });

  it('reads the prescriptions service answer: the request id, the medicine label, the prescriber and the total', () => {
    const [read] = readPrescriptions({
      prescriptions: [
        {
          number: '0000A1B2C3D4',
          qr: 'CIVRX1:0000A1B2C3D4:tag',
          medicationRequest: 'MedicationRequest/m1',
          medicine: { code: 'A10BA02', label: { bg: 'Метформин', en: 'Metformin', pl: 'Metformina' } },
          dosage: '1 × 2',
          status: 'active',
          total: 60,
          dispensed: 30,
          remaining: 30,
          authoredOn: '2026-03-10T09:00:00Z',
          expiresAt: '2026-04-10T09:00:00Z',
          prescriber: { name: 'д-р Петрова', organisation: 'ГППМП' },
          dispenses: [{ id: 'x', quantity: 30, whenHandedOver: '2026-03-11T10:00:00Z', pharmacy: 'Аптека' }],
        },
      ],
    });
    expect(read).toMatchObject({
      medicationRequestId: 'm1',
      medication: { system: 'http://www.whocc.no/atc', code: 'A10BA02' },
      medicationLabel: { pl: 'Metformina' },
      quantity: 60,
      remaining: 30,
      prescriber: 'д-р Петрова',
      prescriberOrganisation: 'ГППМП',
    });
  });

  it('reads restrictions of both kinds and leaves out those it cannot understand', () => {
    const read = readRestrictions([
      {
        id: 'r1',
        target: { kind: 'resource', reference: 'DocumentReference/d1' },
        from: { kind: 'all-but-gp' },
      },
      {
        id: 'r2',
        target: {
          kind: 'category',
          resourceType: 'DocumentReference',
          category: { system: 'http://loinc.org', code: '18842-5' },
        },
        from: { kind: 'practitioner', practitionerId: 'x', name: 'д-р X' },
      },
      { id: 'r3', target: { kind: 'resource' }, from: { kind: 'all-but-gp' } },
      { id: 'r4', target: { kind: 'resource', reference: 'Condition/c' }, from: { kind: 'everyone' } },
    ]);
    expect(read.map((restriction) => restriction.id)).toEqual(['r1', 'r2']);
    expect(read[1]!.target).toEqual({
      kind: 'category',
      resourceType: 'DocumentReference',
      category: '18842-5',
    });
  });

  it('never throws and returns only well-formed items, whatever the server answered (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (answer) => {
        for (const item of readPatients(answer)) expect(typeof item.patientId).toBe('string');
        for (const item of readPrescriptions(answer)) expect(Array.isArray(item.dispenses)).toBe(true);
        for (const item of readRestrictions(answer))
          expect(['resource', 'category']).toContain(item.target.kind);
        for (const item of readNotices(answer)) expect(typeof item.at).toBe('string');
      }),
    );
  });
});
