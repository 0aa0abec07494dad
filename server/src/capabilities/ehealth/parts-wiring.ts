import { BreakGlassGrants } from './access/break-glass.ts';
import { storeCareFacts } from './access/care.ts';
import { createContextResolver } from './access/context.ts';
import { createHealthPolicy } from './access/policy.ts';
import { createAccessRecorder } from './access/recorder.ts';
import { createSearchEngine } from './fhir/search/engine.ts';
import { TypedSearchIndex } from './fhir/search/index-writer.ts';
import { healthRecordService } from './fhir/service.ts';
import { ResourceStore } from './fhir/store.ts';
import { patientOperations } from './ips/operations.ts';
import type { EhealthOptions } from './options.ts';
import type { EhealthParts } from './parts.ts';
import { prescriptionWriteHook } from './prescriptions/hooks.ts';
import { createResourceValidator } from './validation/validator.ts';

/** Builds the health record's parts once, each given the others it uses. */
export function ehealthParts(options: EhealthOptions): EhealthParts {
  const { db, config, instance, exchange } = options;
  const index = new TypedSearchIndex();
  const store = new ResourceStore(db, index);
  const policy = createHealthPolicy(storeCareFacts(db));
  const recorder = createAccessRecorder({ db, instance, index });
  const search = createSearchEngine({ db, policy });
  const validator = createResourceValidator({ workers: config.validationWorkers });
  const breakGlassGrants = new BreakGlassGrants(db);
  const contextOf = createContextResolver({
    db,
    instance,
    exchange,
    includeDemo: config.demo,
    grants: breakGlassGrants,
  });
  const parts: EhealthParts = {
    db,
    config,
    instance,
    exchange,
    store,
    index,
    search,
    validator,
    policy,
    recorder,
    contextOf,
    breakGlassGrants,
    operations: [],
  };
  parts.operations.push(...patientOperations(parts));
  // A MedicationRequest written through FHIR (a doctor's transaction) is a numbered prescription too.
  healthRecordService(parts).addWriteHook('MedicationRequest', prescriptionWriteHook());
  return parts;
}
