import { createHash, randomUUID } from 'node:crypto';
import { IPS_SECTIONS } from '@civitas/contracts/health/terminology.ts';
import type {
  AllergyIntolerance,
  Bundle,
  CodeableConcept,
  Composition,
  CompositionSection,
  Condition,
  Device,
  Immunization,
  Medication,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Procedure,
  Quantity,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import type { StoredResource } from '../ports.ts';
import {
  formatDate,
  type SectionKey,
  SUMMARY_LABELS,
  type SummaryLabels,
  type SummaryLanguage,
} from './labels.ts';
import { parseReference } from './record.ts';
import { referencesIn, rewriteReferences } from './references.ts';
import { conceptLabel } from './terms.ts';

/**
 * The International Patient Summary (IPS IG 1.1) of one patient, built from the resources the
 * reader may see: a `document` Bundle whose first entry is the Composition (LOINC 60591-5) with a
 * section per kind of data, each with a narrative in the reader's language, then the Patient,
 * every resource a section lists, and every Practitioner, Organization, Medication… they name.
 * A reference to anything else is replaced by a display saying it is not included, so that every
 * reference resolves inside the Bundle and nothing hidden is named.
 */

export const LOINC = 'http://loinc.org';
export const SUMMARY_TYPE = { system: LOINC, code: '60591-5', display: 'Patient summary Document' };

export interface SectionDefinition {
  key: SectionKey;
  code: string;
  display: string;
  /** IPS requires the section: when empty it says why (`emptyReason`). */
  required: boolean;
}

export const SECTIONS: readonly SectionDefinition[] = [
  { key: 'problems', code: '11450-4', display: 'Problem list - Reported', required: true },
  { key: 'allergies', code: '48765-2', display: 'Allergies and adverse reactions Document', required: true },
  { key: 'medications', code: '10160-0', display: 'History of Medication use Narrative', required: true },
  { key: 'immunizations', code: '11369-6', display: 'History of Immunization Narrative', required: false },
  {
    key: 'results',
    code: '30954-2',
    display: 'Relevant diagnostic tests/laboratory data Narrative',
    required: false,
  },
  { key: 'vitalSigns', code: '8716-3', display: 'Vital signs', required: false },
  { key: 'procedures', code: '47519-4', display: 'History of Procedures Document', required: false },
];

/** The generating system, the author of a summary of a patient with no GP on record (not a stored resource). */
const DEVICE_KEY = 'Device/civitas-health-record';

/** Resources a summary carries beside the sections' own, when a carried resource names them. */
const SHARED_TYPES = new Set(['Practitioner', 'PractitionerRole', 'Organization', 'Medication', 'Location']);

export interface SummaryRow {
  item: string;
  details: string;
  date: string;
}

/** The summary as the reader sees it (the narratives, and the PDF, are made from this). */
export interface SummaryView {
  language: SummaryLanguage;
  labels: SummaryLabels;
  patient: { name: string; birthDate: string; gender: string; identifiers: string[] };
  author: string;
  generated: string;
  withheld: boolean;
  sections: Array<{ key: SectionKey; title: string; rows: SummaryRow[] }>;
}

export interface SummaryInput {
  patient: StoredResource;
  /** The patient's compartment as far as the reader may see it. */
  resources: readonly StoredResource[];
  /** The resources these references name, as far as the reader may see them. */
  resolve: (references: readonly string[]) => Promise<StoredResource[]>;
  /** Whether the reader's view leaves out part of the compartment (the narrative says so, not what). */
  withheld: boolean;
  language: SummaryLanguage;
  now: Date;
  /**
   * How entries are addressed: `rest` (fullUrl `{base}/Type/id`, references kept relative) for the
   * FHIR API; `uuid` (fullUrl and references `urn:uuid:`) for a self-contained copy off the API.
   */
  addressing: { kind: 'rest'; baseUrl: string } | { kind: 'uuid' };
}

export interface PatientSummary {
  bundle: Bundle;
  view: SummaryView;
}

export async function buildSummary(input: SummaryInput): Promise<PatientSummary> {
  const t = SUMMARY_LABELS[input.language];
  const patient = JSON.parse(input.patient.content) as Patient;
  const compartment = input.resources
    .filter((row) => !(row.resourceType === 'Patient' && row.id === patient.id))
    .map((row) => JSON.parse(row.content) as Resource);
  const chosen = chooseSectionEntries(compartment);
  const carried = await carriedResources(patient, chosen, input.resolve);

  // The author: the patient's GP when the summary carries them, else the record system (a Device).
  const gp = patient.generalPractitioner?.find((ref) => ref.reference && carried.has(ref.reference));
  if (!gp)
    carried.set(DEVICE_KEY, {
      resourceType: 'Device',
      id: DEVICE_KEY.slice('Device/'.length),
      deviceName: [{ name: t.generator, type: 'manufacturer-name' }],
    });
  const address = addressing(input.addressing, gp ? new Set() : new Set([DEVICE_KEY]));
  const medications = new Map(
    [...carried.values()]
      .filter((resource): resource is Medication => resource.resourceType === 'Medication')
      .map((medication) => [`Medication/${medication.id}`, medication]),
  );
  const view: SummaryView = {
    language: input.language,
    labels: t,
    patient: patientFacts(patient, input.language),
    author: gp ? (authorName(carried.get(gp.reference!)) ?? gp.display ?? t.generator) : t.generator,
    generated: input.now.toISOString(),
    withheld: input.withheld,
    sections: SECTIONS.map(({ key }) => ({
      key,
      title: IPS_SECTIONS[key].labels[input.language],
      rows: chosen[key].map((resource) => rowOf(resource, input.language, medications)),
    })),
  };
  const composition = compositionOf(
    view,
    chosen,
    address,
    `Patient/${patient.id}`,
    gp?.reference ?? DEVICE_KEY,
  );
  const rewrite = (reference: string) => {
    const parsed = parseReference(reference);
    const key = parsed && `${parsed.type}/${parsed.id}`;
    return key && carried.has(key) ? address.reference(key) : null;
  };
  const bundle: Bundle = {
    resourceType: 'Bundle',
    language: input.language,
    identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${randomUUID()}` },
    type: 'document',
    timestamp: view.generated,
    entry: [
      { fullUrl: address.composition(composition.id!), resource: composition },
      ...[...carried.entries()].map(([key, resource]) => ({
        fullUrl: address.fullUrl(key),
        resource: rewriteReferences(resource, rewrite, t.notIncluded),
      })),
    ],
  };
  return { bundle, view };
}

/**
 * The Patient, the sections' resources, and the shared resources they name, two steps deep (a
 * role names its practitioner and organisation), as far as `resolve` finds them.
 */
async function carriedResources(
  patient: Patient,
  chosen: Record<SectionKey, Resource[]>,
  resolve: SummaryInput['resolve'],
): Promise<Map<string, Resource>> {
  const carried = new Map<string, Resource>();
  const add = (resource: Resource) => carried.set(`${resource.resourceType}/${resource.id}`, resource);
  add(patient);
  for (const entries of Object.values(chosen)) for (const resource of entries) add(resource);
  let frontier: Resource[] = [...carried.values()];
  for (let depth = 0; depth < 2 && frontier.length > 0; depth++) {
    const wanted = new Set<string>();
    for (const resource of frontier)
      for (const reference of referencesIn(resource)) {
        const parsed = parseReference(reference);
        if (parsed && SHARED_TYPES.has(parsed.type) && !carried.has(`${parsed.type}/${parsed.id}`))
          wanted.add(`${parsed.type}/${parsed.id}`);
      }
    if (wanted.size === 0) break;
    frontier = (await resolve([...wanted])).map((row) => JSON.parse(row.content) as Resource);
    for (const resource of frontier) add(resource);
  }
  return carried;
}

/** The IPS Composition: type 60591-5, the subject, the author, and a section per kind of data. */
function compositionOf(
  view: SummaryView,
  chosen: Record<SectionKey, Resource[]>,
  address: Addressing,
  subject: string,
  author: string,
): Composition {
  const t = view.labels;
  const authorRef: Reference<Device | Practitioner | PractitionerRole | Organization> = {
    reference: address.fromComposition(author),
  };
  return {
    resourceType: 'Composition',
    id: randomUUID(),
    language: view.language,
    text: { status: 'generated', div: compositionNarrative(view) },
    status: 'final',
    type: { coding: [SUMMARY_TYPE] },
    subject: { reference: address.fromComposition(subject) },
    date: view.generated,
    author: [authorRef],
    title: t.title,
    confidentiality: 'N',
    section: SECTIONS.map((definition, index) =>
      sectionOf(definition, chosen[definition.key], view.sections[index]!, address, t),
    ),
  };
}

/** The Patient's summary-carried resources per section. */
export function chooseSectionEntries(resources: readonly Resource[]): Record<SectionKey, Resource[]> {
  const out: Record<SectionKey, Resource[]> = {
    problems: [],
    allergies: [],
    medications: [],
    immunizations: [],
    results: [],
    vitalSigns: [],
    procedures: [],
  };
  const latest = { results: new Map<string, Observation>(), vitalSigns: new Map<string, Observation>() };
  for (const resource of resources) {
    switch (resource.resourceType) {
      case 'Condition': {
        const clinical = resource.clinicalStatus?.coding?.[0]?.code;
        const verification = resource.verificationStatus?.coding?.[0]?.code;
        if (verification === 'entered-in-error' || verification === 'refuted') break;
        if (!clinical || ['active', 'recurrence', 'relapse'].includes(clinical)) out.problems.push(resource);
        break;
      }
      case 'AllergyIntolerance': {
        const clinical = resource.clinicalStatus?.coding?.[0]?.code;
        const verification = resource.verificationStatus?.coding?.[0]?.code;
        if (verification === 'entered-in-error' || verification === 'refuted') break;
        if (clinical !== 'inactive' && clinical !== 'resolved') out.allergies.push(resource);
        break;
      }
      case 'MedicationRequest':
        if (resource.status === 'active' || resource.status === 'on-hold') out.medications.push(resource);
        break;
      case 'MedicationStatement':
        if (['active', 'intended', 'on-hold'].includes(resource.status)) out.medications.push(resource);
        break;
      case 'Immunization':
        if (resource.status === 'completed') out.immunizations.push(resource);
        break;
      case 'Procedure':
        if (resource.status === 'completed') out.procedures.push(resource);
        break;
      case 'Observation': {
        if (!['final', 'amended', 'corrected', 'preliminary'].includes(resource.status)) break;
        const kind = categoryOf(resource);
        if (!kind) break;
        const key = conceptKey(resource.code);
        const seen = latest[kind].get(key);
        if (!seen || dateOf(resource) > dateOf(seen)) latest[kind].set(key, resource);
        break;
      }
    }
  }
  out.results = [...latest.results.values()];
  out.vitalSigns = [...latest.vitalSigns.values()];
  for (const key of Object.keys(out) as SectionKey[])
    out[key].sort((a, b) => dateOf(b).localeCompare(dateOf(a)) || (a.id ?? '').localeCompare(b.id ?? ''));
  return out;
}

function categoryOf(observation: Observation): 'results' | 'vitalSigns' | null {
  const codes = (observation.category ?? []).flatMap((category) => category.coding ?? []).map((c) => c.code);
  if (codes.includes('vital-signs')) return 'vitalSigns';
  if (codes.includes('laboratory')) return 'results';
  return null;
}

function conceptKey(concept: CodeableConcept | undefined): string {
  const coding = concept?.coding?.[0];
  return coding ? `${coding.system}|${coding.code}` : (concept?.text ?? '');
}

/** The date a resource is about, as an ISO string ('' when none). */
function dateOf(resource: Resource): string {
  const r = resource as Record<string, unknown> & Resource;
  const period = (name: string) => (r[name] as { start?: string } | undefined)?.start;
  const value =
    r.effectiveDateTime ??
    period('effectivePeriod') ??
    r.occurrenceDateTime ??
    r.performedDateTime ??
    period('performedPeriod') ??
    r.onsetDateTime ??
    period('onsetPeriod') ??
    r.authoredOn ??
    r.recordedDate ??
    r.issued ??
    '';
  return typeof value === 'string' ? value : '';
}

function rowOf(
  resource: Resource,
  language: SummaryLanguage,
  medications: Map<string, Medication>,
): SummaryRow {
  const t = SUMMARY_LABELS[language];
  const date = formatDate(dateOf(resource), language);
  switch (resource.resourceType) {
    case 'Condition':
      return {
        item: conceptLabel(resource.code, language),
        details: statusOf((resource as Condition).clinicalStatus, t),
        date,
      };
    case 'AllergyIntolerance': {
      const allergy = resource as AllergyIntolerance;
      const reactions = (allergy.reaction ?? []).flatMap((reaction) =>
        (reaction.manifestation ?? []).map((m) => conceptLabel(m, language)),
      );
      const details = [allergy.criticality ? t.criticality[allergy.criticality] : undefined, ...reactions];
      return {
        item: conceptLabel(allergy.code, language),
        details: details.filter(Boolean).join('; '),
        date,
      };
    }
    case 'MedicationRequest':
    case 'MedicationStatement': {
      const use = resource as MedicationRequest | MedicationStatement;
      const referenced = use.medicationReference?.reference
        ? medications.get(use.medicationReference.reference)
        : undefined;
      const item = use.medicationCodeableConcept
        ? conceptLabel(use.medicationCodeableConcept, language)
        : referenced
          ? conceptLabel(referenced.code, language)
          : (use.medicationReference?.display ?? '');
      const dosage =
        use.resourceType === 'MedicationRequest' ? use.dosageInstruction?.[0]?.text : use.dosage?.[0]?.text;
      return { item, details: dosage ?? '', date };
    }
    case 'Immunization': {
      const dose = (resource as Immunization).protocolApplied?.[0];
      const n =
        dose?.doseNumberPositiveInt ?? (dose?.doseNumberString ? Number(dose.doseNumberString) : undefined);
      return {
        item: conceptLabel((resource as Immunization).vaccineCode, language),
        details: n && Number.isFinite(n) ? t.dose(n) : '',
        date,
      };
    }
    case 'Observation':
      return {
        item: conceptLabel(resource.code, language),
        details: observationValue(resource, language),
        date,
      };
    case 'Procedure':
      return {
        item: conceptLabel((resource as Procedure).code, language),
        details: t.status[(resource as Procedure).status] ?? '',
        date,
      };
    default:
      return { item: resource.resourceType, details: '', date };
  }
}

function statusOf(concept: CodeableConcept | undefined, t: SummaryLabels): string {
  const code = concept?.coding?.[0]?.code;
  return code ? (t.status[code] ?? '') : '';
}

/** One number format per language: making one costs more than formatting a whole summary's values. */
const NUMBER_FORMATS = new Map<SummaryLanguage, Intl.NumberFormat>();

/** A measured value as the reader writes numbers (`6,7 %` in Bulgarian), at most three decimals. */
function quantity(q: Quantity | undefined, language: SummaryLanguage): string | undefined {
  if (!q || q.value === undefined) return undefined;
  let format = NUMBER_FORMATS.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { maximumFractionDigits: 3 });
    NUMBER_FORMATS.set(language, format);
  }
  const value = format.format(q.value);
  const unit = q.unit ?? q.code;
  return unit ? `${value} ${unit}` : value;
}

function observationValue(observation: Observation, language: SummaryLanguage): string {
  const own =
    quantity(observation.valueQuantity, language) ??
    (observation.valueCodeableConcept
      ? conceptLabel(observation.valueCodeableConcept, language)
      : undefined) ??
    observation.valueString ??
    (observation.valueBoolean === undefined ? undefined : String(observation.valueBoolean));
  const parts = own !== undefined ? [own] : [];
  for (const component of observation.component ?? []) {
    const value = quantity(component.valueQuantity, language) ?? component.valueString;
    if (value !== undefined) parts.push(`${conceptLabel(component.code, language)}: ${value}`);
  }
  const interpretation = observation.interpretation?.[0];
  if (interpretation) parts.push(conceptLabel(interpretation, language));
  return parts.join('; ');
}

function patientFacts(patient: Patient, language: SummaryLanguage): SummaryView['patient'] {
  const t = SUMMARY_LABELS[language];
  const name = patient.name?.[0];
  const written = name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
  return {
    name: written,
    birthDate: formatDate(patient.birthDate, language),
    gender: patient.gender ? (t.gender[patient.gender] ?? '') : '',
    identifiers: (patient.identifier ?? []).flatMap((identifier) =>
      identifier.value ? [identifier.value] : [],
    ),
  };
}

function authorName(resource: Resource | undefined): string | undefined {
  if (!resource) return undefined;
  if (resource.resourceType === 'Practitioner') {
    const name = resource.name?.[0];
    return name?.text ?? ([...(name?.given ?? []), name?.family].filter(Boolean).join(' ') || undefined);
  }
  if (resource.resourceType === 'Organization') return resource.name;
  if (resource.resourceType === 'PractitionerRole') return resource.practitioner?.display;
  return undefined;
}

interface Addressing {
  fullUrl(key: string): string;
  composition(id: string): string;
  /** How a resource carried in the Bundle is referenced by the others. */
  reference(key: string): string;
  /** How the Composition (addressed by UUID) references them: by their fullUrl. */
  fromComposition(key: string): string;
}

/** `local`: resources made for this Bundle, not stored, addressed by UUID whatever the kind. */
function addressing(kind: SummaryInput['addressing'], local: ReadonlySet<string>): Addressing {
  if (kind.kind === 'rest') {
    const base = kind.baseUrl.replace(/\/+$/, '');
    const uuid = (key: string) => `urn:uuid:${stableUuid(key)}`;
    return {
      fullUrl: (key) => (local.has(key) ? uuid(key) : `${base}/${key}`),
      composition: (id) => `urn:uuid:${id}`,
      reference: (key) => (local.has(key) ? uuid(key) : key),
      fromComposition: (key) => (local.has(key) ? uuid(key) : `${base}/${key}`),
    };
  }
  return {
    fullUrl: (key) => `urn:uuid:${stableUuid(key)}`,
    composition: (id) => `urn:uuid:${id}`,
    reference: (key) => `urn:uuid:${stableUuid(key)}`,
    fromComposition: (key) => `urn:uuid:${stableUuid(key)}`,
  };
}

/** A UUID (version 8 layout) derived from a resource's `Type/id`: the same resource, the same UUID. */
export function stableUuid(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function sectionOf(
  definition: SectionDefinition,
  resources: readonly Resource[],
  view: SummaryView['sections'][number],
  address: Addressing,
  t: SummaryLabels,
): CompositionSection {
  const section: CompositionSection = {
    title: view.title,
    code: { coding: [{ system: LOINC, code: definition.code, display: definition.display }] },
    text: { status: 'generated', div: sectionNarrative(view.rows, t) },
  };
  if (resources.length > 0)
    section.entry = resources.map((resource) => ({
      reference: address.fromComposition(`${resource.resourceType}/${resource.id}`),
    }));
  else
    section.emptyReason = {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason',
          code: 'unavailable',
          display: 'Unavailable',
        },
      ],
      text: t.noInformation,
    };
  return section;
}

const XHTML = 'http://www.w3.org/1999/xhtml';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function sectionNarrative(rows: readonly SummaryRow[], t: SummaryLabels): string {
  if (rows.length === 0) return `<div xmlns="${XHTML}"><p>${escapeXml(t.noInformation)}</p></div>`;
  const head = `<tr><th>${escapeXml(t.columns.item)}</th><th>${escapeXml(t.columns.details)}</th><th>${escapeXml(t.columns.date)}</th></tr>`;
  const body = rows
    .map(
      (row) =>
        `<tr><td>${escapeXml(row.item)}</td><td>${escapeXml(row.details)}</td><td>${escapeXml(row.date)}</td></tr>`,
    )
    .join('');
  return `<div xmlns="${XHTML}"><table><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
}

function compositionNarrative(view: SummaryView): string {
  const t = view.labels;
  const facts = [
    `${t.patient}: ${view.patient.name}`,
    view.patient.birthDate ? `${t.birthDate}: ${view.patient.birthDate}` : '',
    `${t.author}: ${view.author}`,
    `${t.generated}: ${formatDate(view.generated, view.language)}`,
  ].filter(Boolean);
  const withheld = view.withheld ? `<p><b>${escapeXml(t.withheld)}</b></p>` : '';
  return `<div xmlns="${XHTML}"><h1>${escapeXml(t.title)}</h1>${facts.map((fact) => `<p>${escapeXml(fact)}</p>`).join('')}${withheld}</div>`;
}
