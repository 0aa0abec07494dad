import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessSessions } from './access-sessions.ts';
import type { RecordAccess } from './accesses.ts';

const START = Date.parse('2026-12-01T14:00:00Z');

const access = (id: number, seconds: number, fields: Partial<RecordAccess> = {}): RecordAccess => ({
  id: `e${id}`,
  when: new Date(START + seconds * 1000).toISOString(),
  who: 'Мария Петрова',
  role: 'doctor',
  organisation: 'УМБАЛ „Александровска“',
  action: 'read',
  purpose: 'medical-treatment',
  emergency: false,
  resourceTypes: ['Observation'],
  byPatient: false,
  ...fields,
});

/** Accesses by two doctors and a pharmacy over a few hours, some emergencies, some the patient's own. */
const accesses = fc
  .array(
    fc.record({
      doctor: fc.constantFrom(
        { who: 'Мария Петрова', organisation: 'УМБАЛ', role: 'doctor' as const },
        { who: null, organisation: 'УМБАЛ', role: 'doctor' as const },
        { who: null, organisation: 'Аптека', role: 'pharmacist' as const },
      ),
      emergency: fc.boolean(),
      byPatient: fc.boolean(),
      minute: fc.integer({ min: 0, max: 6 * 60 }),
      type: fc.constantFrom('Observation', 'Condition', 'DocumentReference'),
    }),
    { maxLength: 80 },
  )
  .map((list) =>
    list
      .map((item, i) =>
        access(i, item.minute * 60, {
          ...item.doctor,
          emergency: item.emergency,
          purpose: item.emergency ? 'emergency-access' : 'medical-treatment',
          byPatient: item.byPatient,
          resourceTypes: [item.type],
        }),
      )
      .sort((a, b) => b.when.localeCompare(a.when)),
  );

describe("the record's accesses in sessions", () => {
  it("never loses or duplicates another's access, leaves out the patient's own, and the counts add up", () => {
    fc.assert(
      fc.property(accesses, (list) => {
        const sessions = accessSessions(list);
        const ids = sessions.flatMap((session) => session.accesses.map((item) => item.id));
        const others = list.filter((item) => !item.byPatient).map((item) => item.id);
        expect(ids.toSorted()).toEqual(others.toSorted());
      }),
    );
  });

  it('never merges an emergency access with an ordinary one, nor two doctors', () => {
    fc.assert(
      fc.property(accesses, (list) => {
        for (const session of accessSessions(list)) {
          for (const item of session.accesses) {
            expect(item.emergency).toBe(session.emergency);
            expect([item.who, item.organisation, item.role]).toEqual([
              session.who,
              session.organisation,
              session.role,
            ]);
          }
        }
      }),
    );
  });

  it("makes one line of a doctor's 23 reads in seven minutes, with the span and what was read", () => {
    const reads = Array.from({ length: 23 }, (_, i) =>
      access(i, i * 20, {
        resourceTypes: [i % 2 ? 'Observation' : 'Condition'],
        action: i ? 'read' : 'execute',
      }),
    ).reverse();
    const [session, ...rest] = accessSessions(reads);
    expect(rest).toEqual([]);
    expect(session).toMatchObject({
      id: 'e0',
      who: 'Мария Петрова',
      first: reads.at(-1)!.when,
      last: reads[0]!.when,
      actions: ['read', 'execute'],
    });
    expect(session!.resourceTypes.toSorted()).toEqual(['Condition', 'Observation']);
    expect(session!.accesses).toHaveLength(23);
  });

  it('keeps an emergency read among ordinary ones apart, and starts anew after a pause of over 30 minutes', () => {
    const list = [
      access(1, 0),
      access(2, 60, { emergency: true, purpose: 'emergency-access' }),
      access(3, 120),
      access(4, 120 + 31 * 60),
    ].reverse();
    expect(accessSessions(list).map((session) => [session.emergency, session.accesses.length])).toEqual([
      [false, 1],
      [false, 2],
      [true, 1],
    ]);
  });
});
