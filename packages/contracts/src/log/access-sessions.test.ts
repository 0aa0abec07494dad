import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupIntoSessions, SESSION_GAP_MS, sessionKey } from './access-sessions.ts';

interface Access {
  id: number;
  who: string;
  emergency: boolean;
  time: number;
}

const MINUTE = 60_000;
const keyOf = (access: Access) => sessionKey(access.emergency, [access.who]);
const timeOf = (access: Access) => access.time;

/** Accesses by a few people over a few hours, some in emergencies, ids unique, newest first. */
const accesses = fc
  .array(
    fc.record({
      who: fc.constantFrom('Dr Petrova', 'Dr Stoyanov', 'Pharmacy'),
      emergency: fc.boolean(),
      time: fc.integer({ min: 0, max: 6 * 60 }).map((minutes) => minutes * MINUTE),
    }),
    { maxLength: 80 },
  )
  .map((list) =>
    list.map((access, id) => ({ ...access, id })).sort((a, b) => b.time - a.time || b.id - a.id),
  );

describe('accesses grouped into sessions', () => {
  it('never loses or duplicates an access, and the counts add up', () => {
    fc.assert(
      fc.property(accesses, (list) => {
        const sessions = groupIntoSessions(list, keyOf, timeOf);
        const ids = sessions.flatMap((session) => session.items.map((access) => access.id));
        expect(ids.toSorted((a, b) => a - b)).toEqual(list.map((access) => access.id).sort((a, b) => a - b));
        expect(sessions.reduce((sum, session) => sum + session.items.length, 0)).toBe(list.length);
      }),
    );
  });

  it('never merges an emergency access with an ordinary one', () => {
    fc.assert(
      fc.property(accesses, (list) => {
        for (const session of groupIntoSessions(list, keyOf, timeOf)) {
          expect(new Set(session.items.map((access) => access.emergency)).size).toBe(1);
          expect(new Set(session.items.map((access) => access.who)).size).toBe(1);
        }
      }),
    );
  });

  it('keeps a session together while each access follows the last within 30 minutes, and no longer', () => {
    fc.assert(
      fc.property(accesses, (list) => {
        const sessions = groupIntoSessions(list, keyOf, timeOf);
        for (const session of sessions) {
          const times = session.items.map(timeOf);
          for (let i = 1; i < times.length; i++) {
            expect(times[i - 1]! - times[i]!).toBeGreaterThanOrEqual(0);
            expect(times[i - 1]! - times[i]!).toBeLessThanOrEqual(SESSION_GAP_MS);
          }
          expect([session.first, session.last]).toEqual([times.at(-1), times[0]]);
        }
        // Two sessions of the same key are more than the gap apart (else they would be one).
        for (const a of sessions) {
          for (const b of sessions) {
            if (a === b || a.key !== b.key || a.last > b.last) continue;
            expect(b.first - a.last).toBeGreaterThan(SESSION_GAP_MS);
          }
        }
      }),
    );
  });

  it('lists the newest session first, the same way every time', () => {
    fc.assert(
      fc.property(accesses, (list) => {
        const sessions = groupIntoSessions(list, keyOf, timeOf);
        for (let i = 1; i < sessions.length; i++) {
          expect(sessions[i - 1]!.last).toBeGreaterThanOrEqual(sessions[i]!.last);
        }
        expect(groupIntoSessions(list, keyOf, timeOf)).toEqual(sessions);
      }),
    );
  });

  it('makes one line of a doctor opening a chart, and a second after a pause', () => {
    const chart = (start: number, count: number, id0: number): Access[] =>
      Array.from({ length: count }, (_, i) => ({
        id: id0 + i,
        who: 'Dr Petrova',
        emergency: false,
        time: start + i * 20_000,
      }));
    const list = [...chart(0, 23, 0), ...chart(2 * 60 * MINUTE, 5, 100)].reverse();
    const sessions = groupIntoSessions(list, keyOf, timeOf);
    expect(sessions.map((session) => session.items.length)).toEqual([5, 23]);
    expect(sessions[1]!.last - sessions[1]!.first).toBe(22 * 20_000);
  });
});
