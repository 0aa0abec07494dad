import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { usageSessions } from './sessions.ts';
import type { SessionPart } from './store.ts';

const MINUTE = 60_000;
const START = Date.parse('2026-12-01T14:00:00Z');

/** A person's records: a few organisations, officials and purposes (emergencies among them), newest first. */
const records = fc
  .array(
    fc.record({
      initiator_org: fc.constantFrom('BG/GOV/1/hospital', 'BG/GOV/2/pharmacy'),
      initiator_person: fc.constantFrom('7501011234', '8001011234', null),
      purpose: fc.constantFrom('medical-treatment', 'emergency-access', 'prescription-dispensing'),
      data_categories: fc.constantFrom(['health'], ['health', 'address']),
      minute: fc.integer({ min: 0, max: 8 * 60 }),
    }),
    { maxLength: 100 },
  )
  .map((list) =>
    list
      .map(
        (record, i): SessionPart => ({
          id: `r${i}`,
          log_index: i,
          logged_at: new Date(START + record.minute * MINUTE),
          initiator_org: record.initiator_org,
          initiator_person: record.initiator_person,
          purpose: record.purpose,
          legal_basis: record.purpose === 'emergency-access' ? 'ehds-art-7' : 'health-act-art-27',
          receiver: 'BG/GOV/3/health-record/fhir',
          case_ref: null,
          data_categories: [...record.data_categories],
        }),
      )
      .sort((a, b) => b.logged_at.getTime() - a.logged_at.getTime() || b.log_index - a.log_index),
  );

describe('"who used my data" in sessions', () => {
  it('never loses or duplicates a record, and the counts add up to the records', () => {
    fc.assert(
      fc.property(records, (rows) => {
        const sessions = usageSessions(rows);
        const ids = sessions.flatMap((session) => session.items.map((row) => row.id));
        expect(ids).toHaveLength(rows.length);
        expect(new Set(ids)).toEqual(new Set(rows.map((row) => row.id)));
      }),
    );
  });

  it('puts in one session only one organisation, official, purpose and data, an emergency never beside another purpose', () => {
    fc.assert(
      fc.property(records, (rows) => {
        for (const session of usageSessions(rows)) {
          const [first] = session.items;
          for (const row of session.items) {
            expect(row.initiator_org).toBe(first!.initiator_org);
            expect(row.initiator_person).toBe(first!.initiator_person);
            expect(row.purpose).toBe(first!.purpose);
            expect(row.data_categories).toEqual(first!.data_categories);
          }
        }
      }),
    );
  });

  it("turns a doctor's 23 reads of a chart in seven minutes into one session, apart from an emergency read among them", () => {
    const read = (i: number, purpose = 'medical-treatment'): SessionPart => ({
      id: `r${i}`,
      log_index: i,
      logged_at: new Date(START + i * 20_000),
      initiator_org: 'BG/GOV/1/hospital',
      initiator_person: '7501011234',
      purpose,
      legal_basis: 'health-act-art-27',
      receiver: 'BG/GOV/3/health-record/fhir',
      case_ref: null,
      data_categories: ['health'],
    });
    const rows = [...Array.from({ length: 23 }, (_, i) => read(i)), read(23, 'emergency-access')].reverse();
    const sessions = usageSessions(rows);
    expect(sessions.map((session) => [session.items[0]!.purpose, session.items.length])).toEqual([
      ['emergency-access', 1],
      ['medical-treatment', 23],
    ]);
  });
});
