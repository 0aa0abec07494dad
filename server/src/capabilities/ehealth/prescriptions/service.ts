import { createHash } from 'node:crypto';
import type {
  CancelledPrescription,
  DispenseRecorded,
  DispenseSummary,
  IssuedPrescription,
  IssuePrescription,
  PatientPrescription,
  PharmacyPrescription,
  PrescriptionStatus,
} from '@civitas/contracts/api/prescriptions.ts';
import {
  isValidPrescriptionNumber,
  newPrescriptionNumber,
  normalisePrescriptionNumber,
  PRESCRIPTION_NUMBER_SYSTEM,
  prescriptionQrPayload,
} from '@civitas/contracts/health/prescription-number.ts';
import type { MedicationDispense, MedicationRequest, Patient } from '@medplum/fhirtypes';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { tablesOf } from '../../../db/index.ts';
import { staffNames } from '../../../identity/index.ts';
import { AppError } from '../../../kernel/index.ts';
import type { EhealthParts } from '../parts.ts';
import type { EhealthTransaction, HealthAccessContext, HealthPolicy } from '../ports.ts';
import type { EhealthTables } from '../tables.ts';
import { ATC_SYSTEM, medicineLabel } from './medicines.ts';
import type { PrescriptionRecords } from './records.ts';
import { PRESCRIPTION_VALIDITY_DAYS, prescriptionNumberOf, prescriptionRowOf } from './rows.ts';
import type { PrescriptionDispenseRow, PrescriptionRow, PrescriptionTables } from './tables.ts';

type Tables = EhealthTables & PrescriptionTables;
type Trx = Transaction<Tables>;
type Row = Selectable<PrescriptionRow>;

const DISPENSING = { purpose: 'prescription-dispensing', legalBasis: 'gdpr-art-9-2-h' } as const;
const OWN_DATA = { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' } as const;

/**
 * The MedicationRequest with its prescription number: a number it carries is kept when well formed
 * and not taken, otherwise a new one is drawn (a collision among 31^11 numbers is all but
 * impossible; the table's primary key would refuse one anyway).
 */
export async function numbered(
  trx: EhealthTransaction,
  draft: MedicationRequest,
): Promise<MedicationRequest> {
  const db = trx as unknown as Trx;
  const taken = async (candidate: string) =>
    (await db
      .selectFrom('ehealth.prescriptions')
      .select('number')
      .where('number', '=', candidate)
      .executeTakeFirst()) !== undefined;
  const given = prescriptionNumberOf(draft);
  // A drawn number is not looked up: a write per prescription would cost a round trip each.
  const number =
    given && isValidPrescriptionNumber(given) && !(await taken(given)) ? given : newPrescriptionNumber();
  const identifier = [
    ...(draft.identifier ?? []).filter((entry) => entry.system !== PRESCRIPTION_NUMBER_SYSTEM),
    { system: PRESCRIPTION_NUMBER_SYSTEM, value: number },
  ];
  return { ...draft, identifier };
}

/** The tag the QR carries beside the number: derived from the opaque Patient id, it names nobody. */
export function patientTag(number: string, patientId: string): string {
  return createHash('sha256').update(`civitas-rx|${number}|${patientId}`).digest('base64url').slice(0, 16);
}

export interface PrescriptionServiceDeps {
  parts: Pick<EhealthParts, 'db' | 'recorder'>;
  policy: HealthPolicy;
  records: PrescriptionRecords;
  now?: () => Date;
}

/**
 * The e-prescription: issue (a doctor), find and dispense (a pharmacist, with the number and the
 * patient's personal number), cancel (the prescriber), and the patient's own list. A dispense locks
 * the prescription's row for its transaction, so it is never dispensed beyond what was prescribed,
 * whatever the number of pharmacies trying at once.
 */
export class PrescriptionService {
  private readonly db: Kysely<Tables>;
  private readonly now: () => Date;
  private readonly deps: PrescriptionServiceDeps;

  constructor(deps: PrescriptionServiceDeps) {
    this.deps = deps;
    this.db = tablesOf<Tables>(deps.parts.db);
    this.now = deps.now ?? (() => new Date());
  }

  async issue(ctx: HealthAccessContext, input: IssuePrescription): Promise<IssuedPrescription> {
    const actor = ctx.actor;
    if (actor.kind !== 'practitioner') throw new AppError('role-forbidden');
    const label = medicineLabel(input.medication);
    if (!label)
      throw new AppError(
        'prescription-medicine-unknown',
        `No medicine with the ATC code ${input.medication}.`,
      );
    const patient = await this.db
      .selectFrom('ehealth.resources')
      .select('id')
      .where('resource_type', '=', 'Patient')
      .where('id', '=', input.patient)
      .where('deleted', '=', false)
      .executeTakeFirst();
    if (!patient) throw new AppError('prescription-patient-not-found');
    if (!this.deps.policy.checkScopes(ctx, 'MedicationRequest', 'create').allowed)
      throw new AppError('role-forbidden', 'Your access does not allow writing prescriptions.');
    const authored = this.now();
    const expires = new Date(authored.getTime() + PRESCRIPTION_VALIDITY_DAYS * 86_400_000);
    const prescriber = await this.nameOf(actor.personalNumber);
    const draft: MedicationRequest = {
      resourceType: 'MedicationRequest',
      status: 'active',
      intent: 'order',
      medicationCodeableConcept: {
        coding: [{ system: ATC_SYSTEM, code: input.medication, display: label.en }],
        text: label.en,
      },
      subject: { reference: `Patient/${input.patient}` },
      authoredOn: authored.toISOString(),
      requester: { reference: `Practitioner/${actor.practitionerId}`, display: prescriber },
      dosageInstruction: [{ text: input.dosage }],
      dispenseRequest: {
        validityPeriod: { start: authored.toISOString(), end: expires.toISOString() },
        quantity: { value: input.quantity, unit: 'package' },
        ...(input.repeats !== undefined && { numberOfRepeatsAllowed: input.repeats }),
      },
    };
    // A doctor outside the care relationship is told the patient is not on their list.
    if (!(await this.deps.policy.canWrite(ctx, draft, input.patient)))
      throw new AppError('prescription-patient-not-found');
    return this.db.transaction().execute(async (trx) => {
      const { request, number } = await this.store(trx, ctx, draft, prescriber);
      await this.deps.parts.recorder.record(
        {
          ctx,
          interaction: 'create',
          what: 'MedicationRequest',
          patientIds: [input.patient],
          references: [`MedicationRequest/${request.id}`],
          status: 201,
        },
        trx as unknown as EhealthTransaction,
      );
      return {
        number,
        qr: prescriptionQrPayload(number, patientTag(number, input.patient)),
        medicationRequest: `MedicationRequest/${request.id}`,
        status: 'active' as const,
        expiresAt: expires.toISOString(),
      };
    });
  }

  /**
   * Numbers a MedicationRequest (unless it carries a valid number already), writes it and its
   * prescription row. The FHIR `POST /MedicationRequest` path calls the same through `hooks.ts`.
   */
  async store(
    trx: Trx,
    ctx: HealthAccessContext,
    draft: MedicationRequest,
    prescriberName?: string,
  ): Promise<{ request: MedicationRequest & { id: string }; number: string }> {
    const actor = ctx.actor;
    if (actor.kind !== 'practitioner') throw new AppError('role-forbidden');
    const request = await this.deps.records.create(
      trx as unknown as EhealthTransaction,
      await numbered(trx as unknown as EhealthTransaction, draft),
    );
    const prescriber = {
      id: actor.practitionerId,
      name: prescriberName ?? request.requester?.display ?? (await this.nameOf(actor.personalNumber)),
      organisation: actor.organisation,
    };
    await trx.insertInto('ehealth.prescriptions').values(prescriptionRowOf(request, prescriber)).execute();
    const number = prescriptionNumberOf(request)!;
    return { request, number };
  }

  /** The prescription a pharmacist asked for, when the number and the patient's personal number match. */
  async find(
    ctx: HealthAccessContext,
    typedNumber: string,
    personalNumber: string,
  ): Promise<PharmacyPrescription> {
    this.pharmacistOf(ctx);
    const row = await this.matching(this.db, typedNumber, personalNumber, false);
    const dispenses = await this.dispensesOf([row.number]);
    const patient = await this.patientOf(row.patient_id);
    await this.deps.parts.recorder.record({
      ctx: { ...ctx, purpose: DISPENSING },
      interaction: 'read',
      what: 'MedicationRequest',
      patientIds: [row.patient_id],
      references: [`MedicationRequest/${row.medication_request_id}`],
      status: 200,
    });
    return {
      ...this.view(row, dispenses.get(row.number) ?? []),
      quantity: row.quantity,
      patient,
    };
  }

  /**
   * Hands over `quantity` packs: one transaction that locks the prescription's row, checks what is
   * left, writes the MedicationDispense and (when nothing is left) completes the MedicationRequest.
   * A repeated Idempotency-Key of the same pharmacy answers the first dispense again.
   */
  async dispense(
    ctx: HealthAccessContext,
    typedNumber: string,
    input: { patient: string; quantity: number; idempotencyKey?: string },
  ): Promise<{ result: DispenseRecorded; replayed: boolean }> {
    const pharmacist = this.pharmacistOf(ctx);
    const pharmacistName = await this.nameOf(pharmacist.personalNumber);
    return this.db.transaction().execute(async (trx) => {
      const row = await this.matching(trx, typedNumber, input.patient, true);
      if (input.idempotencyKey) {
        const earlier = await trx
          .selectFrom('ehealth.prescription_dispenses')
          .selectAll()
          .where('number', '=', row.number)
          .where('pharmacy_client', '=', pharmacist.client)
          .where('idempotency_key', '=', input.idempotencyKey)
          .executeTakeFirst();
        if (earlier) return { result: this.recorded(row, earlier), replayed: true };
      }
      const now = this.now();
      const status = statusOf(row, now);
      if (status === 'cancelled') throw new AppError('prescription-cancelled');
      if (status === 'completed' || row.dispensed >= row.total)
        throw new AppError('prescription-already-dispensed');
      if (status === 'expired') throw new AppError('prescription-expired');
      const remaining = row.total - row.dispensed;
      if (input.quantity > remaining)
        throw new AppError(
          'prescription-quantity-exceeded',
          `The prescription has ${remaining} left to dispense; ${input.quantity} were asked for.`,
        );
      const records = this.deps.records;
      const etrx = trx as unknown as EhealthTransaction;
      const request = await records.read<MedicationRequest>(
        etrx,
        'MedicationRequest',
        row.medication_request_id,
      );
      if (!request) throw new AppError('prescription-not-found');
      const dispense = await records.create<MedicationDispense>(etrx, {
        resourceType: 'MedicationDispense',
        status: 'completed',
        medicationCodeableConcept: request.medicationCodeableConcept ?? { text: row.medication_code },
        subject: { reference: `Patient/${row.patient_id}` },
        performer: [
          {
            function: {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/medicationdispense-performer-function',
                  code: 'finalchecker',
                },
              ],
            },
            actor: { type: 'Practitioner', display: pharmacistName },
          },
          { actor: { type: 'Organization', display: pharmacist.organisation } },
        ],
        authorizingPrescription: [{ reference: `MedicationRequest/${row.medication_request_id}` }],
        quantity: { value: input.quantity, unit: 'package' },
        whenHandedOver: now.toISOString(),
        ...(request.dosageInstruction && { dosageInstruction: request.dosageInstruction }),
      });
      const dispensed = row.dispensed + input.quantity;
      const complete = dispensed >= row.total;
      const updated = await trx
        .updateTable('ehealth.prescriptions')
        .set({ dispensed, status: complete ? 'completed' : 'active', version: row.version + 1 })
        .where('number', '=', row.number)
        .where('version', '=', row.version)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (complete)
        await records.update(etrx, { ...request, id: row.medication_request_id, status: 'completed' });
      const entry = {
        dispense_id: dispense.id,
        number: row.number,
        pharmacy_client: pharmacist.client,
        pharmacy: pharmacist.organisation,
        idempotency_key: input.idempotencyKey ?? null,
        quantity: input.quantity,
        handed_over_at: now,
      };
      await trx.insertInto('ehealth.prescription_dispenses').values(entry).execute();
      await this.deps.parts.recorder.record(
        {
          ctx: { ...ctx, purpose: DISPENSING },
          interaction: 'create',
          what: 'MedicationDispense',
          patientIds: [row.patient_id],
          references: [`MedicationDispense/${dispense.id}`, `MedicationRequest/${row.medication_request_id}`],
          status: 201,
        },
        etrx,
      );
      return { result: this.recorded(updated, entry), replayed: false };
    });
  }

  /** The prescriber withdraws a prescription nothing has been dispensed of. */
  async cancel(ctx: HealthAccessContext, typedNumber: string): Promise<CancelledPrescription> {
    const actor = ctx.actor;
    if (actor.kind !== 'practitioner') throw new AppError('role-forbidden');
    const number = normalisePrescriptionNumber(typedNumber);
    if (!number) throw new AppError('prescription-not-found');
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('ehealth.prescriptions')
        .selectAll()
        .where('number', '=', number)
        .forUpdate()
        .executeTakeFirst();
      // Another doctor's prescription is not theirs to know of.
      if (!row || row.prescriber_id !== actor.practitionerId) throw new AppError('prescription-not-found');
      if (row.status !== 'active' || row.dispensed > 0) throw new AppError('prescription-not-cancellable');
      const etrx = trx as unknown as EhealthTransaction;
      const request = await this.deps.records.read<MedicationRequest>(
        etrx,
        'MedicationRequest',
        row.medication_request_id,
      );
      if (!request) throw new AppError('prescription-not-found');
      // The counter first: the write hook lets a MedicationRequest's status change only to the counter's.
      await trx
        .updateTable('ehealth.prescriptions')
        .set({ status: 'cancelled', version: row.version + 1 })
        .where('number', '=', number)
        .execute();
      await this.deps.records.update(etrx, {
        ...request,
        id: row.medication_request_id,
        status: 'cancelled',
      });
      await this.deps.parts.recorder.record(
        {
          ctx,
          interaction: 'update',
          what: 'MedicationRequest',
          patientIds: [row.patient_id],
          references: [`MedicationRequest/${row.medication_request_id}`],
          status: 200,
        },
        etrx,
      );
      return { number, status: 'cancelled' as const };
    });
  }

  /** The signed-in patient's prescriptions (and their children's), newest first. */
  async mine(ctx: HealthAccessContext): Promise<PatientPrescription[]> {
    if (ctx.actor.kind !== 'patient') throw new AppError('role-forbidden');
    const patientIds = ctx.actor.patientIds;
    if (patientIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('ehealth.prescriptions')
      .selectAll()
      .where('patient_id', 'in', patientIds)
      .orderBy('authored_at', 'desc')
      .orderBy('number')
      .limit(200)
      .execute();
    if (rows.length > 0)
      await this.deps.parts.recorder.record({
        ctx: { ...ctx, purpose: OWN_DATA },
        interaction: 'search',
        what: 'MedicationRequest',
        patientIds: [...new Set(rows.map((row) => row.patient_id))],
        references: rows.map((row) => `MedicationRequest/${row.medication_request_id}`),
        status: 200,
      });
    const dispenses = await this.dispensesOf(rows.map((row) => row.number));
    return rows.map((row) => ({
      ...this.view(row, dispenses.get(row.number) ?? []),
      qr: prescriptionQrPayload(row.number, patientTag(row.number, row.patient_id)),
      medicationRequest: `MedicationRequest/${row.medication_request_id}`,
    }));
  }

  private pharmacistOf(ctx: HealthAccessContext) {
    if (ctx.actor.kind !== 'pharmacist') throw new AppError('role-forbidden');
    return ctx.actor;
  }

  /**
   * The prescription with this number whose patient has this personal number, or
   * `prescription-not-found` whichever half is wrong (locked for the transaction when `lock`).
   */
  private async matching(
    db: Kysely<Tables>,
    typedNumber: string,
    personalNumber: string,
    lock: boolean,
  ): Promise<Row> {
    const number = normalisePrescriptionNumber(typedNumber);
    if (!number) throw new AppError('prescription-not-found');
    const link = await db
      .selectFrom('ehealth.patients')
      .select('patient_id')
      .where('personal_number', '=', personalNumber)
      .executeTakeFirst();
    if (!link) throw new AppError('prescription-not-found');
    let query = db.selectFrom('ehealth.prescriptions').selectAll().where('number', '=', number);
    if (lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row || row.patient_id !== link.patient_id) throw new AppError('prescription-not-found');
    return row;
  }

  private view(row: Row, dispenses: DispenseSummary[]) {
    return {
      number: row.number,
      status: statusOf(row, this.now()),
      medicine: {
        code: row.medication_code,
        label: medicineLabel(row.medication_code) ?? sameIn(row.medication_code),
      },
      dosage: row.dosage,
      total: row.total,
      dispensed: row.dispensed,
      remaining: row.total - row.dispensed,
      authoredOn: row.authored_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
      prescriber: { name: row.prescriber_name, organisation: row.prescriber_organisation },
      dispenses,
    };
  }

  private recorded(
    row: Row,
    entry: Pick<
      Selectable<PrescriptionDispenseRow>,
      'dispense_id' | 'quantity' | 'handed_over_at' | 'pharmacy'
    >,
  ): DispenseRecorded {
    return {
      number: row.number,
      dispense: summaryOf(entry),
      medicationDispense: `MedicationDispense/${entry.dispense_id}`,
      dispensed: row.dispensed,
      remaining: row.total - row.dispensed,
      status: statusOf(row, this.now()),
    };
  }

  private async dispensesOf(numbers: readonly string[]): Promise<Map<string, DispenseSummary[]>> {
    const byNumber = new Map<string, DispenseSummary[]>();
    if (numbers.length === 0) return byNumber;
    const rows = await this.db
      .selectFrom('ehealth.prescription_dispenses')
      .selectAll()
      .where('number', 'in', numbers)
      .orderBy('handed_over_at')
      .execute();
    for (const row of rows) byNumber.set(row.number, [...(byNumber.get(row.number) ?? []), summaryOf(row)]);
    return byNumber;
  }

  /** The patient's name and birth year (never their personal number), from their Patient resource. */
  private async patientOf(patientId: string): Promise<{ name: string; birthYear: number | null }> {
    const row = await this.db
      .selectFrom('ehealth.resources')
      .select('content')
      .where('resource_type', '=', 'Patient')
      .where('id', '=', patientId)
      .executeTakeFirst();
    const patient: Patient | null = row ? JSON.parse(row.content) : null;
    const name = patient?.name?.[0];
    const text = name?.text ?? [...(name?.given ?? []), name?.family ?? ''].join(' ').trim();
    const year = patient?.birthDate ? Number(patient.birthDate.slice(0, 4)) : Number.NaN;
    return { name: text, birthYear: Number.isInteger(year) ? year : null };
  }

  private async nameOf(personalNumber: string): Promise<string> {
    return (await staffNames(this.deps.parts.db, [personalNumber])).get(personalNumber)?.name ?? '';
  }
}

function statusOf(row: Pick<Row, 'status' | 'expires_at'>, now: Date): PrescriptionStatus {
  if (row.status === 'active' && row.expires_at.getTime() <= now.getTime()) return 'expired';
  return row.status as PrescriptionStatus;
}

function summaryOf(
  row: Pick<Selectable<PrescriptionDispenseRow>, 'dispense_id' | 'quantity' | 'handed_over_at' | 'pharmacy'>,
): DispenseSummary {
  return {
    id: row.dispense_id,
    quantity: row.quantity,
    whenHandedOver: row.handed_over_at.toISOString(),
    pharmacy: row.pharmacy,
  };
}

function sameIn(text: string) {
  return { bg: text, en: text, pl: text };
}
