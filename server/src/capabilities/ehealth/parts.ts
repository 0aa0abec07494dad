import type { Connection } from '../../db/index.ts';
import type { ExchangeClient } from '../../exchange/index.ts';
import type { Config } from '../../kernel/index.ts';
import type { Instance } from '../../registers/index.ts';
import type { BreakGlassGrants } from './access/break-glass.ts';
import type { HealthContextResolver } from './access/context.ts';
import type { ResourceStore } from './fhir/store.ts';
import type {
  FhirOperation,
  HealthAccessRecorder,
  HealthPolicy,
  ResourceValidator,
  SearchEngine,
  SearchIndexWriter,
} from './ports.ts';

/** The health record's parts, built once by `parts-wiring.ts` and handed to every part's routes. */
export interface EhealthParts {
  db: Connection;
  config: Config;
  instance: Instance;
  exchange: ExchangeClient;
  store: ResourceStore;
  index: SearchIndexWriter;
  search: SearchEngine;
  validator: ResourceValidator;
  policy: HealthPolicy;
  recorder: HealthAccessRecorder;
  /** Who calls, from the request (access token → actor, scopes, purpose, break-glass). */
  contextOf: HealthContextResolver;
  /** The doctors' open break-glass accesses, remembered for a few seconds (`contextOf` reads them). */
  breakGlassGrants: BreakGlassGrants;
  /** The operations the router dispatches (`$summary`, `$everything`, …). */
  operations: FhirOperation[];
}
