import crypto from 'node:crypto';
import type { AccessRestriction, NewRestriction } from '@civitas/contracts/api/health-access.ts';
import type { Consent, Practitioner } from '@medplum/fhirtypes';
import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../../../db/index.ts';
import { AppError } from '../../../kernel/index.ts';
import type { ResourceStore } from '../fhir/store.ts';
import type { EhealthTransaction, SearchIndexWriter } from '../ports.ts';
import type { EhealthTables } from '../tables.ts';
import { type Restriction, restrictionOf } from './care.ts';
import type { AccessTables } from './tables.ts';

type Tables = EhealthTables & AccessTables;

/** A person's name as a FHIR HumanName list gives it. */
export function nameOf(names: Practitioner['name']): string | null {
  const name = names?.[0];
  if (!name) return null;
  return name.text ?? ([...(name.given ?? []), name.family].filter(Boolean).join(' ') || null);
}

/** The Consent resource (patient-privacy, deny) that is the FHIR form of a restriction. */
export function consentOf(restriction: Restriction, now: Date): Consent {
  const { target, from } = restriction;
  const gpOnly = {
    type: 'permit' as const,
    actor: [
      {
        role: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
              code: 'PCP',
              display: 'primary care physician',
            },
          ],
        },
        reference: { display: "The patient's general practitioner" },
      },
    ],
  };
  return {
    resourceType: 'Consent',
    id: restriction.consentId,
    status: 'active',
    scope: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/consentscope',
          code: 'patient-privacy',
          display: 'Privacy Consent',
        },
      ],
    },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }],
    patient: { reference: `Patient/${restriction.patientId}` },
    dateTime: now.toISOString(),
    policyRule: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTOUT', display: 'opt-out' },
      ],
      text: 'EHDS Art. 8: the patient restricts access to their electronic health data',
    },
    provision: {
      type: 'deny',
      ...(from.kind === 'practitioner' && {
        actor: [
          {
            role: {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
                  code: 'PRCP',
                  display: 'primary information recipient',
                },
              ],
            },
            reference: {
              reference: `Practitioner/${from.practitionerId}`,
              ...(from.name && { display: from.name }),
            },
          },
        ],
      }),
      ...(target.kind === 'resource'
        ? { data: [{ meaning: 'instance' as const, reference: { reference: target.reference } }] }
        : {
            class: [{ system: 'http://hl7.org/fhir/resource-types', code: target.resourceType }],
            ...(target.category && { code: [{ coding: [{ code: target.category }] }] }),
          }),
      ...(from.kind === 'all-but-gp' && { provision: [gpOnly] }),
    },
  };
}

export function restrictionView(restriction: Restriction, createdAt: Date): AccessRestriction {
  return {
    id: restriction.id,
    patientId: restriction.patientId,
    consentId: restriction.consentId,
    target: restriction.target,
    from: restriction.from,
    createdAt: createdAt.toISOString(),
  } as AccessRestriction;
}

/** The patient's restrictions (EHDS Art. 8): the typed rows the policy's SQL reads, and their Consents. */
export class Restrictions {
  private readonly db: Kysely<Tables>;
  private readonly store: ResourceStore;
  private readonly index: SearchIndexWriter;

  constructor(connection: Connection, store: ResourceStore, index: SearchIndexWriter) {
    this.db = tablesOf<Tables>(connection);
    this.store = store;
    this.index = index;
  }

  async list(patientIds: readonly string[]): Promise<AccessRestriction[]> {
    if (patientIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('ehealth.access_restrictions')
      .selectAll()
      .where('patient_id', 'in', [...patientIds])
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => restrictionView(restrictionOf(row), row.created_at));
  }

  /** Adds a restriction to the record of `patientId` (the caller checked it is theirs to set). */
  async add(patientId: string, request: NewRestriction, now = new Date()): Promise<AccessRestriction> {
    const { target } = request;
    if (target.kind === 'resource') {
      const [type, id] = target.reference.split('/') as [string, string];
      const resource = await this.store.read(type, id);
      if (!resource || resource.deleted || resource.patientId !== patientId || type === 'Patient')
        throw new AppError('restriction-invalid', 'The resource is not in this record.');
    }
    let from: Restriction['from'] = { kind: 'all-but-gp' };
    if (request.from.kind === 'practitioner') {
      const practitioner = await this.store.read('Practitioner', request.from.practitionerId);
      if (!practitioner || practitioner.deleted)
        throw new AppError('restriction-invalid', 'No such practitioner.');
      const content = JSON.parse(practitioner.content) as Practitioner;
      from = { kind: 'practitioner', practitionerId: practitioner.id, name: nameOf(content.name) };
    }
    const restriction: Restriction = {
      id: crypto.randomUUID(),
      patientId,
      consentId: crypto.randomUUID(),
      target:
        target.kind === 'resource'
          ? target
          : { kind: 'category', resourceType: target.resourceType, category: target.category ?? null },
      from,
    };
    await this.db.transaction().execute(async (trx) => {
      await this.store.importResources([consentOf(restriction, now)], trx as unknown as EhealthTransaction);
      await trx
        .insertInto('ehealth.access_restrictions')
        .values({
          id: restriction.id,
          patient_id: patientId,
          consent_id: restriction.consentId,
          target_kind: restriction.target.kind,
          target_reference: restriction.target.kind === 'resource' ? restriction.target.reference : null,
          target_type:
            restriction.target.kind === 'resource'
              ? restriction.target.reference.split('/')[0]!
              : restriction.target.resourceType,
          target_category: restriction.target.kind === 'category' ? restriction.target.category : null,
          from_kind: from.kind,
          from_practitioner: from.kind === 'practitioner' ? from.practitionerId : null,
          from_name: from.kind === 'practitioner' ? from.name : null,
          created_at: now,
        })
        .execute();
    });
    return restrictionView(restriction, now);
  }

  /** Removes one of these patients' restrictions; its Consent becomes inactive (a new version). */
  async remove(patientIds: readonly string[], id: string, now = new Date()): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .deleteFrom('ehealth.access_restrictions')
        .where('id', '=', id)
        .where('patient_id', 'in', patientIds.length > 0 ? [...patientIds] : [''])
        .returning(['consent_id'])
        .executeTakeFirst();
      if (!row) throw new AppError('restriction-not-found');
      const current = await trx
        .selectFrom('ehealth.resources')
        .selectAll()
        .where('resource_type', '=', 'Consent')
        .where('id', '=', row.consent_id)
        .executeTakeFirst();
      if (!current) return;
      const version = current.version + 1;
      const consent = JSON.parse(current.content) as Consent;
      const content = JSON.stringify({
        ...consent,
        status: 'inactive',
        meta: { ...consent.meta, versionId: String(version), lastUpdated: now.toISOString() },
      });
      await trx
        .updateTable('ehealth.resources')
        .set({ version, last_updated: now, content })
        .where('resource_type', '=', 'Consent')
        .where('id', '=', row.consent_id)
        .execute();
      await trx
        .insertInto('ehealth.resource_history')
        .values({ resource_type: 'Consent', id: row.consent_id, version, last_updated: now, content })
        .execute();
      await this.index.write(trx as unknown as EhealthTransaction, [
        {
          resourceType: 'Consent',
          id: row.consent_id,
          versionId: version,
          lastUpdated: now,
          patientId: current.patient_id,
          deleted: false,
          content,
        },
      ]);
    });
  }
}
