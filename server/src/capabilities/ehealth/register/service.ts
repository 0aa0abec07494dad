import { termLabel } from '@civitas/contracts/health/terminology.ts';
import { HEALTH_RECORD, type ImmunizationRecord } from '@civitas/contracts/registers/health-record.ts';
import type { Immunization } from '@medplum/fhirtypes';
import { type Connection, tablesOf } from '../../../db/index.ts';
import type { ExchangeServiceDefinition, ServiceRequest } from '../../../exchange/index.ts';
import { Missing, provide, type Reporter } from '../../../registers/index.ts';
import { storeCareFacts } from '../access/care.ts';
import { categoryCodes, covers } from '../access/policy.ts';
import { summaryOfPatient } from '../ips/patient-summary.ts';
import { patientIdOf, readCompartment } from '../ips/record.ts';
import type { StoredResource } from '../ports.ts';
import type { EhealthTables } from '../tables.ts';

const NO_RECORD = new Missing('The person has no health record.');

/** The purpose of a person's access to their own data (GDPR Art. 15, EHDS Art. 3). */
const SUBJECT_ACCESS_PURPOSE = 'data-subject-access';

/**
 * Whether the patient asks for their own record: the request is under the data subject's access
 * purpose (which the exchange grants the citizens' portal only), on behalf of the person
 * (`userId`) who is both its data subject and the person whose record is asked for. Anything else
 * (another system, a parent asking for a child, a request naming no user) is a third party.
 */
export function isOwnRecordRequest(request: ServiceRequest, personalNumber: string): boolean {
  const caller = request.caller;
  return (
    caller !== null &&
    caller.purpose === SUBJECT_ACCESS_PURPOSE &&
    caller.userId === personalNumber &&
    request.dataSubject === personalNumber
  );
}

/**
 * The health record's register service on the exchange (`health-record/records`): what other
 * capabilities read of it (the wallet's credentials, the portal's copy of a citizen's own
 * summary), under the access right the exchange checked, logged by the exchange and shown to the
 * person like any register access. The caller is a system, not a doctor: the FHIR policy does not
 * apply, and the store is read as the platform. What the patient hid from "all but the GP" (EHDS
 * Art. 8) is left out for a third party (a system is not their GP), never for the patient: their
 * own request through the portal (`isOwnRecordRequest`) gets all of it. A restriction from a
 * named doctor does not concern a system.
 */
export function healthRecordServices(db: Connection, report: Reporter): ExchangeServiceDefinition[] {
  const tables = tablesOf<EhealthTables>(db);
  const facts = storeCareFacts(db);

  /** The Consents that record the restrictions are bookkeeping, not the record: never answered. */
  const visibleToPatient = async (rows: readonly StoredResource[]): Promise<StoredResource[]> =>
    rows.filter((row) => row.resourceType !== 'Consent');

  const visibleToSystem = async (rows: readonly StoredResource[]): Promise<StoredResource[]> => {
    const patientIds = [...new Set(rows.flatMap((row) => (row.patientId ? [row.patientId] : [])))];
    const restrictions = (await facts.restrictions(patientIds)).filter((r) => r.from.kind === 'all-but-gp');
    return rows.filter((row) => {
      if (row.resourceType === 'Consent') return false;
      let codes: Set<string> | undefined;
      const codesOf = () => {
        codes ??= categoryCodes(JSON.parse(row.content) as Record<string, unknown>);
        return codes;
      };
      return !restrictions.some((r) => r.patientId === row.patientId && covers(r, row, codesOf));
    });
  };

  return [
    provide(
      HEALTH_RECORD,
      {
        summary: async ({ egn }, request) => {
          const patientId = await patientIdOf(tables, egn);
          if (!patientId) return NO_RECORD;
          const summary = await summaryOfPatient(tables, patientId, {
            visible: isOwnRecordRequest(request, egn) ? visibleToPatient : visibleToSystem,
            // Read across borders and by other systems: the summary's lingua franca.
            language: 'en',
            addressing: { kind: 'uuid' },
          });
          if (!summary) return NO_RECORD;
          return summary.bundle as typeof summary.bundle & { resourceType: 'Bundle'; type: 'document' };
        },
        immunizations: async ({ egn }, request) => {
          const patientId = await patientIdOf(tables, egn);
          if (!patientId) return NO_RECORD;
          const visible = isOwnRecordRequest(request, egn) ? visibleToPatient : visibleToSystem;
          const rows = await visible(await readCompartment(tables, patientId, { types: ['Immunization'] }));
          return rows
            .map((row) => immunizationOf(JSON.parse(row.content) as Immunization))
            .filter((record): record is ImmunizationRecord => record !== null)
            .sort((a, b) => a.date.localeCompare(b.date) || a.vaccine.code.localeCompare(b.vaccine.code));
        },
      },
      { report },
    ),
  ];
}

/** A given vaccination as the contract lists it; null for one not given or without a coded vaccine and a day. */
export function immunizationOf(immunization: Immunization): ImmunizationRecord | null {
  if (immunization.status !== 'completed') return null;
  const coding = immunization.vaccineCode.coding?.find((c) => c.system && c.code);
  const date = /^\d{4}-\d{2}-\d{2}/.exec(immunization.occurrenceDateTime ?? '')?.[0];
  if (!coding?.system || !coding.code || !date) return null;
  const dose = immunization.protocolApplied?.[0];
  const number =
    dose?.doseNumberPositiveInt ?? (dose?.doseNumberString ? Number(dose.doseNumberString) : null);
  const fallback = coding.display ?? immunization.vaccineCode.text;
  return {
    vaccine: {
      system: coding.system,
      code: coding.code,
      label: {
        bg: termLabel(coding.system, coding.code, 'bg', fallback),
        en: termLabel(coding.system, coding.code, 'en', fallback),
        pl: termLabel(coding.system, coding.code, 'pl', fallback),
      },
    },
    date,
    doseNumber: number !== null && Number.isInteger(number) && number >= 1 ? number : null,
  };
}
