import crypto from 'node:crypto';
import type { BreakGlassGrant, HealthNotice } from '@civitas/contracts/api/health-access.ts';
import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../../../db/index.ts';
import { AppError } from '../../../kernel/index.ts';
import type { BreakGlass, HealthAccessContext, HealthAccessRecorder, HealthActor } from '../ports.ts';
import type { EhealthTables } from '../tables.ts';
import type { AccessTables } from './tables.ts';

type Tables = EhealthTables & AccessTables;

/** How long a break-glass access lasts. */
export const BREAK_GLASS_MINUTES = 60;
export const REASON_MIN = 10;
export const REASON_MAX = 500;

/** A reason as given, trimmed; refused unless 10–500 characters without control characters. */
export function checkedReason(reason: string): string {
  const trimmed = reason.trim().replace(/\s+/g, ' ');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
  if (/[\u0000-\u001f\u007f]/.test(reason.replace(/[\n\r\t]/g, ' ')))
    throw new AppError('break-glass-reason-invalid', 'The reason holds a control character.');
  const length = [...trimmed].length;
  if (length < REASON_MIN || length > REASON_MAX)
    throw new AppError('break-glass-reason-invalid', `The reason has ${length} characters.`);
  return trimmed;
}

type Practitioner = Extract<HealthActor, { kind: 'practitioner' }>;

/**
 * How long a doctor's open break-glass accesses are remembered. A grant only ever ends by expiry,
 * checked at each use, so remembering them cannot extend one; a grant opened on this node is seen
 * at once (`forget`), one opened on another node within this time (until then it is refused, never
 * wrongly allowed).
 */
const GRANTS_TTL_MS = 5_000;
const GRANTS_CACHE_SIZE = 10_000;

/** The break-glass accesses each doctor has open: read once per doctor every few seconds, not per request. */
export class BreakGlassGrants {
  private readonly db: Kysely<Tables>;
  private readonly ttlMs: number;
  private readonly known = new Map<string, { grants: Promise<BreakGlass[]>; until: number }>();

  constructor(connection: Connection, ttlMs = GRANTS_TTL_MS) {
    this.db = tablesOf<Tables>(connection);
    this.ttlMs = ttlMs;
  }

  /** The doctor's accesses still open at `now`. */
  async of(practitionerNumber: string, now: Date): Promise<BreakGlass[]> {
    let entry = this.known.get(practitionerNumber);
    if (!entry || entry.until <= Date.now()) {
      if (this.known.size >= GRANTS_CACHE_SIZE) this.known.delete(this.known.keys().next().value!);
      const grants = this.read(practitionerNumber, now);
      grants.catch(() => this.known.delete(practitionerNumber));
      entry = { grants, until: Date.now() + this.ttlMs };
      this.known.set(practitionerNumber, entry);
    }
    return (await entry.grants).filter((grant) => grant.expiresAt.getTime() > now.getTime());
  }

  /** A grant of this doctor's was opened here: the next request reads them again. */
  forget(practitionerNumber: string): void {
    this.known.delete(practitionerNumber);
  }

  private async read(practitionerNumber: string, now: Date): Promise<BreakGlass[]> {
    const rows = await this.db
      .selectFrom('ehealth.break_glass')
      .select(['id', 'patient_id', 'reason', 'expires_at'])
      .where('practitioner_number', '=', practitionerNumber)
      .where('expires_at', '>', now)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      patientId: row.patient_id,
      reason: row.reason,
      expiresAt: row.expires_at,
    }));
  }
}

/**
 * Break-glass: any doctor may open a patient's record in an emergency, with a stated reason, for
 * an hour. It is recorded as an emergency access (purpose `emergency-access`, GDPR Art. 9(2)(c))
 * and the patient is told (a notice their app shows, and the marked record in "Who used my data").
 */
export class BreakGlassAccess {
  private readonly db: Kysely<Tables>;
  private readonly recorder: HealthAccessRecorder;
  private readonly grants: BreakGlassGrants | undefined;

  constructor(connection: Connection, recorder: HealthAccessRecorder, grants?: BreakGlassGrants) {
    this.db = tablesOf<Tables>(connection);
    this.recorder = recorder;
    this.grants = grants;
  }

  async open(
    ctx: HealthAccessContext,
    doctor: Practitioner,
    doctorName: string | null,
    personalNumber: string,
    reason: string,
    now = new Date(),
  ): Promise<BreakGlassGrant> {
    const patient = await this.db
      .selectFrom('ehealth.patients')
      .select('patient_id')
      .where('personal_number', '=', personalNumber)
      .executeTakeFirst();
    if (!patient) throw new AppError('health-record-not-found');
    const grant: BreakGlass = {
      id: crypto.randomUUID(),
      patientId: patient.patient_id,
      reason,
      expiresAt: new Date(now.getTime() + BREAK_GLASS_MINUTES * 60_000),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('ehealth.break_glass')
        .values({
          id: grant.id,
          practitioner_id: doctor.practitionerId,
          practitioner_number: doctor.personalNumber,
          organisation: doctor.organisation,
          patient_id: grant.patientId,
          reason,
          opened_at: now,
          expires_at: grant.expiresAt,
        })
        .execute();
      await trx
        .insertInto('ehealth.notices')
        .values({
          id: crypto.randomUUID(),
          patient_id: grant.patientId,
          kind: 'break-glass',
          practitioner_name: doctorName,
          organisation: doctor.organisation,
          reason,
          created_at: now,
          expires_at: grant.expiresAt,
        })
        .execute();
      await this.recorder.record(
        {
          ctx: { ...ctx, breakGlass: [...ctx.breakGlass, grant] },
          interaction: 'operation',
          what: 'break-glass',
          patientIds: [grant.patientId],
          references: [`Patient/${grant.patientId}`],
          status: 201,
        },
        trx as unknown as Parameters<HealthAccessRecorder['record']>[1],
      );
    });
    this.grants?.forget(doctor.personalNumber);
    return { id: grant.id, patientId: grant.patientId, expiresAt: grant.expiresAt.toISOString() };
  }

  /** What these patients were told, newest first. */
  async notices(patientIds: readonly string[]): Promise<HealthNotice[]> {
    if (patientIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('ehealth.notices')
      .selectAll()
      .where('patient_id', 'in', [...patientIds])
      .orderBy('created_at', 'desc')
      .limit(200)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      kind: 'break-glass' as const,
      patientId: row.patient_id,
      practitionerName: row.practitioner_name,
      organisation: row.organisation,
      reason: row.reason,
      createdAt: row.created_at.toISOString(),
      expiresAt: row.expires_at ? row.expires_at.toISOString() : null,
    }));
  }
}
