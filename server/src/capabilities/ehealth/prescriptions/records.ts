import { randomUUID } from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';
import { AppError } from '../../../kernel/index.ts';
import { compartmentOf } from '../fhir/compartment.ts';
import type { EhealthParts } from '../parts.ts';
import type { EhealthTransaction, StoredResource } from '../ports.ts';

/**
 * Where the prescriptions write their FHIR resources (MedicationRequest, MedicationDispense), in
 * the caller's transaction. INTERIM: until the fhir part's service (`fhir/service.ts`) exists this
 * writes through the `ResourceStore` and the search index directly; at merge it delegates to the
 * service's create and update, which validate, version and index the same way.
 */
export interface PrescriptionRecords {
  create<T extends Resource>(trx: EhealthTransaction, resource: T): Promise<T & { id: string }>;
  update<T extends Resource & { id: string }>(trx: EhealthTransaction, resource: T): Promise<T>;
  read<T extends Resource>(
    trx: EhealthTransaction,
    resourceType: T['resourceType'],
    id: string,
  ): Promise<T | null>;
}

export function storePrescriptionRecords(
  parts: Pick<EhealthParts, 'store' | 'index' | 'validator'>,
): PrescriptionRecords {
  const validate = async (trx: EhealthTransaction, resource: Resource) => {
    const issues = await parts.validator.validate(resource, async (reference) => {
      const [type, id] = reference.split('/');
      if (!type || !id) return false;
      const row = await trx
        .selectFrom('ehealth.resources')
        .select('id')
        .where('resource_type', '=', type)
        .where('id', '=', id)
        .where('deleted', '=', false)
        .executeTakeFirst();
      return row !== undefined;
    });
    // A resource this part builds itself is valid by construction: an issue is the platform's fault.
    const error = issues.find((issue) => issue.severity === 'error');
    if (error)
      throw new Error(`prescriptions wrote an invalid ${resource.resourceType}: ${error.diagnostics}`);
  };
  return {
    async create(trx, resource) {
      const withId = { ...resource, id: randomUUID() };
      await validate(trx, withId);
      const [stored] = await parts.store.importResources([withId], trx);
      return JSON.parse(stored!.content);
    },
    async update(trx, resource) {
      await validate(trx, resource);
      const current = await trx
        .selectFrom('ehealth.resources')
        .select('version')
        .where('resource_type', '=', resource.resourceType)
        .where('id', '=', resource.id)
        .executeTakeFirst();
      if (!current) throw new AppError('prescription-not-found');
      const now = new Date();
      const versionId = current.version + 1;
      const content = JSON.stringify({
        ...resource,
        meta: { ...resource.meta, versionId: String(versionId), lastUpdated: now.toISOString() },
      });
      const stored: StoredResource = {
        resourceType: resource.resourceType,
        id: resource.id,
        versionId,
        lastUpdated: now,
        patientId: compartmentOf(resource),
        deleted: false,
        content,
      };
      await trx
        .updateTable('ehealth.resources')
        .set({ version: versionId, last_updated: now, content })
        .where('resource_type', '=', resource.resourceType)
        .where('id', '=', resource.id)
        .execute();
      await trx
        .insertInto('ehealth.resource_history')
        .values({
          resource_type: resource.resourceType,
          id: resource.id,
          version: versionId,
          last_updated: now,
          content,
        })
        .execute();
      await parts.index.write(trx, [stored]);
      return JSON.parse(content);
    },
    async read(trx, resourceType, id) {
      const row = await trx
        .selectFrom('ehealth.resources')
        .select('content')
        .where('resource_type', '=', resourceType)
        .where('id', '=', id)
        .where('deleted', '=', false)
        .executeTakeFirst();
      return row ? JSON.parse(row.content) : null;
    },
  };
}
