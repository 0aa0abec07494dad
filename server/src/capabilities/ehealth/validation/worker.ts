/**
 * A validation worker thread: runs the checks of a resource by itself (`checks.ts`) for the pool
 * (`pool.ts`), so the main thread serves requests while resources are validated on another core.
 */
import { parentPort } from 'node:worker_threads';
import type { Resource } from '@medplum/fhirtypes';
import type { ValidationIssue } from '../ports.ts';
import { indexR4Definitions, issue, resourceChecks } from './checks.ts';
import { ValueSets } from './value-sets.ts';

indexR4Definitions();
const valueSets = new ValueSets();

parentPort?.on('message', (message: { id: number; resource: Resource }) => {
  let issues: ValidationIssue[];
  try {
    issues = resourceChecks(message.resource, valueSets);
  } catch {
    issues = [
      issue('structure', message.resource?.resourceType ?? 'Resource', 'The resource could not be read.'),
    ];
  }
  parentPort?.postMessage({ id: message.id, issues });
});
