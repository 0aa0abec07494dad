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
 * Break-glass: any doctor may open a patient's record in an emergency, with a stated reason, for
 * an hour. It is recorded as an emergency access (purpose `emergency-access`, GDPR Art. 9(2)(c))
 * and the patient is told (a notice their app shows, and the marked record in "Who used my data").
 */
export class BreakGlassAccess {
  private readonly db: Kysely<Tables>;
  private readonly recorder: HealthAccessRecorder;

  constructor(connection: Connection, recorder: HealthAccessRecorder) {
    this.db = tablesOf<Tables>(connection);
    this.recorder = recorder;
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
