import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { SearchResult, StoredResource } from '../ports.ts';

/** The FHIR R4 ETag of a version: `W/"3"`. */
export function etagOf(stored: StoredResource): string {
  return `W/"${stored.versionId}"`;
}

/** `Type/id/_history/n`, relative to the base (a Location header, a Bundle response's location). */
export function versionPath(stored: StoredResource): string {
  return `${stored.resourceType}/${stored.id}/_history/${stored.versionId}`;
}

export function fullUrlOf(baseUrl: string, stored: StoredResource): string {
  return `${baseUrl}/${stored.resourceType}/${stored.id}`;
}

export function resourceOf(stored: StoredResource): Resource {
  return JSON.parse(stored.content) as Resource;
}

/**
 * A searchset Bundle as JSON text: the stored contents are spliced in as they are (parsing and
 * serialising every match again would double a search's cost for nothing).
 */
export function searchsetText(result: SearchResult, baseUrl: string, now = new Date()): string {
  const entries = [
    ...result.matches.map((stored) => entryText(baseUrl, stored, 'match')),
    ...result.included.map((stored) => entryText(baseUrl, stored, 'include')),
  ];
  const head = {
    resourceType: 'Bundle',
    id: crypto.randomUUID(),
    meta: { lastUpdated: now.toISOString() },
    type: 'searchset',
    ...(result.total !== undefined ? { total: result.total } : {}),
    link: result.links,
  };
  const text = JSON.stringify(head);
  return `${text.slice(0, -1)},"entry":[${entries.join(',')}]}`;
}

function entryText(baseUrl: string, stored: StoredResource, mode: 'match' | 'include'): string {
  return `{"fullUrl":${JSON.stringify(fullUrlOf(baseUrl, stored))},"resource":${stored.content},"search":{"mode":"${mode}"}}`;
}

/** The searchset as an object (for callers inside the server: ips, prescriptions). */
export function searchsetBundle(result: SearchResult, baseUrl: string): Bundle {
  return JSON.parse(searchsetText(result, baseUrl)) as Bundle;
}

/** A history Bundle: every version, newest first; a deletion is an entry without a resource. */
export function historyBundle(versions: readonly StoredResource[], baseUrl: string, selfUrl: string): Bundle {
  return {
    resourceType: 'Bundle',
    id: crypto.randomUUID(),
    meta: { lastUpdated: new Date().toISOString() },
    type: 'history',
    total: versions.length,
    link: [{ relation: 'self', url: selfUrl }],
    entry: versions.map((stored): BundleEntry => {
      const created = stored.versionId === 1;
      const method = stored.deleted ? 'DELETE' : created ? 'POST' : 'PUT';
      return {
        fullUrl: fullUrlOf(baseUrl, stored),
        ...(stored.deleted ? {} : { resource: resourceOf(stored) }),
        request: {
          method,
          url: method === 'POST' ? stored.resourceType : `${stored.resourceType}/${stored.id}`,
        },
        response: {
          status: stored.deleted ? '204' : created ? '201' : '200',
          etag: etagOf(stored),
          lastModified: stored.lastUpdated.toISOString(),
        },
      };
    }),
  };
}
