import { type Kysely, sql } from 'kysely';
import { type Connection, tablesOf } from '../db/index.ts';
import type { IdentityTables } from './tables.ts';

/**
 * How wrong PINs are answered, per personal number (whether or not it belongs to anyone, so the
 * answers cannot tell the two apart): two free retries, then a pause that grows, then a lockout.
 * A correct PIN resets the count; a day without a wrong PIN forgets it.
 */
export const PIN_POLICY = {
  /** Wrong PINs answered without a pause. */
  freeFailures: 2,
  /** The pause after the first failure beyond the free ones; each further failure quadruples it. */
  firstPauseSeconds: 30,
  /** From this many consecutive failures on, each failure locks the personal number for `lockoutSeconds`. */
  lockoutFailures: 5,
  lockoutSeconds: 60 * 60,
  /** A count this old starts again from nothing. */
  forgetAfterSeconds: 24 * 60 * 60,
} as const;

/** Seconds the personal number is locked after its `failures`-th consecutive failure. */
export function pauseAfter(failures: number): number {
  if (failures <= PIN_POLICY.freeFailures) return 0;
  if (failures >= PIN_POLICY.lockoutFailures) return PIN_POLICY.lockoutSeconds;
  return PIN_POLICY.firstPauseSeconds * 4 ** (failures - PIN_POLICY.freeFailures - 1);
}

export type AttemptGate = { allowed: true } | { allowed: false; lockedUntil: Date };

/** The per-account PIN attempt counter, in the database: a restart or another node sees it too. */
export class PinAttempts {
  private readonly db: Kysely<IdentityTables>;

  constructor(db: Connection) {
    this.db = tablesOf<IdentityTables>(db);
  }

  /** Whether a PIN may be tried for this personal number now. */
  async gate(egn: string, now = new Date()): Promise<AttemptGate> {
    const row = await this.db
      .selectFrom('identity.pin_attempts')
      .select('locked_until')
      .where('egn', '=', egn)
      .executeTakeFirst();
    const lockedUntil = row?.locked_until ? new Date(row.locked_until) : null;
    if (lockedUntil && lockedUntil > now) return { allowed: false, lockedUntil };
    return { allowed: true };
  }

  /** Counts a wrong PIN; answers until when the personal number is now locked (null: not locked). */
  async fail(egn: string, now = new Date()): Promise<Date | null> {
    const forgetBefore = new Date(now.getTime() - PIN_POLICY.forgetAfterSeconds * 1000);
    // Counts nobody needs any more (forgotten, and not locked) go, so the table stays small.
    await this.db
      .deleteFrom('identity.pin_attempts')
      .where('last_failure_at', '<', forgetBefore)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .execute();
    const { failures } = await this.db
      .insertInto('identity.pin_attempts')
      .values({ egn, failures: 1, last_failure_at: now, locked_until: null })
      .onConflict((conflict) =>
        conflict.column('egn').doUpdateSet({
          failures: sql<number>`CASE WHEN identity.pin_attempts.last_failure_at < ${forgetBefore}
            THEN 1 ELSE identity.pin_attempts.failures + 1 END`,
          last_failure_at: now,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    const pause = pauseAfter(failures);
    if (pause === 0) return null;
    const lockedUntil = new Date(now.getTime() + pause * 1000);
    await this.db
      .updateTable('identity.pin_attempts')
      .set({ locked_until: lockedUntil })
      .where('egn', '=', egn)
      .execute();
    return lockedUntil;
  }

  async succeed(egn: string): Promise<void> {
    await this.db.deleteFrom('identity.pin_attempts').where('egn', '=', egn).execute();
  }
}
