import type {
  Bundle,
  BundleEntry,
  DocumentReference,
  Parameters,
  Patient,
  Resource,
} from '@medplum/fhirtypes';
import { AppError } from '../../../kernel/index.ts';
import type { EhealthParts } from '../parts.ts';
import type { FhirOperation, HealthAccessContext, Interaction, StoredResource } from '../ports.ts';
import { SUMMARY_LANGUAGES, type SummaryLanguage, summaryLanguage } from './labels.ts';
import { answerFormat, parseSince, parseTypes, parseWhole, single } from './params.ts';
import { carriedReferences, summaryOfPatient } from './patient-summary.ts';
import { renderDocumentPdf, renderSummaryPdf } from './pdf.ts';
import { parseReference, patientIdOf, readCompartment, readReferenced } from './record.ts';
import { referencesIn } from './references.ts';
import { conceptLabel } from './terms.ts';

/**
 * The operations of this part, dispatched by the FHIR router:
 * - `Patient/{id}/$everything` (GET, POST): the patient's compartment and the resources it names,
 *   as far as the caller may see them, as a paged searchset (`_since`, `_type`, `_count`, `_offset`);
 * - `Patient/{id}/$summary` and `Patient/$summary?identifier=` (GET, POST): the International
 *   Patient Summary, as FHIR JSON or PDF (`Accept: application/pdf` or `_format=pdf`), in the
 *   language asked (`_language`, else `Accept-Language`);
 * - `DocumentReference/{id}/$pdf` (GET): a document's text content as a readable PDF.
 * Each asks the policy (what the caller may not see is absent, a patient they may not see is
 * "not found") and records the access.
 */
export function patientOperations(parts: EhealthParts): FhirOperation[] {
  const operations = new IpsOperations(parts);
  return [
    {
      name: 'everything',
      resourceType: 'Patient',
      level: 'instance',
      method: 'both',
      invoke: (input) => operations.everything(input),
    },
    {
      name: 'summary',
      resourceType: 'Patient',
      level: 'instance',
      method: 'both',
      invoke: (input) => operations.summary(input),
    },
    {
      name: 'summary',
      resourceType: 'Patient',
      level: 'type',
      method: 'both',
      invoke: (input) => operations.summary(input),
    },
    {
      name: 'pdf',
      resourceType: 'DocumentReference',
      level: 'instance',
      method: 'GET',
      invoke: (input) => operations.documentPdf(input),
    },
  ];
}

type Input = Parameters_<FhirOperation['invoke']>[0];
type Output = Awaited<ReturnType<FhirOperation['invoke']>>;
type Parameters_<F> = F extends (...args: infer A) => unknown ? A : never;
type Params = Record<string, string | readonly string[]>;

const FHIR_JSON = 'application/fhir+json';
const PDF = 'application/pdf';
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const DEFAULT_COUNT = 100;
const MAX_COUNT = 1000;

export type OperationParts = Pick<EhealthParts, 'store' | 'policy' | 'recorder' | 'instance'>;

export class IpsOperations {
  private readonly parts: OperationParts;

  constructor(parts: OperationParts) {
    this.parts = parts;
  }

  /** `Patient/{id}/$everything`. */
  async everything(input: Input): Promise<Output> {
    const { ctx } = input;
    this.checkScopes(ctx, 'Patient');
    const params = withBody(input.params, input.body);
    answerFormat(single(params, '_format'), input.accept, false);
    const since = parseSince(single(params, '_since'));
    const types = parseTypes(params);
    const count = parseWhole(single(params, '_count'), '_count', {
      min: 1,
      max: MAX_COUNT,
      fallback: DEFAULT_COUNT,
    });
    const offset = parseWhole(single(params, '_offset'), '_offset', { min: 0, max: 1_000_000, fallback: 0 });
    const patientId = await this.visiblePatient(ctx, input.id);

    const db = this.parts.store.db;
    const compartment = await this.parts.policy.filterReadable(
      ctx,
      await readCompartment(db, patientId, { ...(since ? { since } : {}), ...(types ? { types } : {}) }),
    );
    const inCompartment = new Set(compartment.map(keyOf));
    const named = new Set<string>();
    for (const row of compartment)
      for (const reference of referencesIn(JSON.parse(row.content))) {
        const parsed = parseReference(reference);
        if (!parsed) continue;
        const key = `${parsed.type}/${parsed.id}`;
        if (!inCompartment.has(key) && (!types || types.includes(parsed.type))) named.add(key);
      }
    const referenced = (await this.parts.policy.filterReadable(ctx, await readReferenced(db, named))).filter(
      (row) => !since || row.lastUpdated >= since,
    );
    const all = [...compartment, ...referenced];
    const page = all.slice(offset, offset + count);
    const self = new URL(`${input.baseUrl}/Patient/${patientId}/$everything`);
    const link = (at: number) => {
      const url = new URL(self);
      if (since) url.searchParams.set('_since', single(params, '_since')!);
      if (types) url.searchParams.set('_type', types.join(','));
      url.searchParams.set('_count', String(count));
      url.searchParams.set('_offset', String(at));
      return url.toString();
    };
    const links = [{ relation: 'self', url: link(offset) }];
    if (offset + count < all.length) links.push({ relation: 'next', url: link(offset + count) });
    if (offset > 0) links.push({ relation: 'previous', url: link(Math.max(0, offset - count)) });
    const bundle: Bundle = {
      resourceType: 'Bundle',
      id: crypto.randomUUID(),
      meta: { lastUpdated: new Date().toISOString() },
      type: 'searchset',
      total: all.length,
      link: links,
      entry: page.map(
        (row): BundleEntry => ({
          fullUrl: `${input.baseUrl}/${row.resourceType}/${row.id}`,
          resource: JSON.parse(row.content) as Resource,
          search: { mode: inCompartment.has(keyOf(row)) ? 'match' : 'include' },
        }),
      ),
    };
    await this.record(ctx, 'operation', 'Patient/$everything', [patientId], page.map(keyOf));
    return { status: 200, contentType: FHIR_JSON, body: bundle };
  }

  /** `Patient/{id}/$summary` and `Patient/$summary?identifier=`. */
  async summary(input: Input): Promise<Output> {
    const { ctx } = input;
    this.checkScopes(ctx, 'Patient');
    const params = withBody(input.params, input.body);
    const format = answerFormat(single(params, '_format'), input.accept, true);
    const language = this.languageOf(params, input.acceptLanguage);
    const patientId =
      input.id !== undefined
        ? await this.visiblePatient(ctx, input.id)
        : await this.patientByIdentifier(ctx, single(params, 'identifier'));
    const summary = await summaryOfPatient(this.parts.store.db, patientId, {
      visible: (rows) => this.parts.policy.filterReadable(ctx, rows),
      language,
      addressing: { kind: 'rest', baseUrl: input.baseUrl },
    });
    if (!summary) throw new AppError('ips-patient-not-found');
    await this.record(ctx, 'operation', 'Patient/$summary', [patientId], carriedReferences(summary));
    if (format === 'pdf')
      return { status: 200, contentType: PDF, body: await renderSummaryPdf(summary.view) };
    return { status: 200, contentType: FHIR_JSON, body: summary.bundle };
  }

  /** `DocumentReference/{id}/$pdf`: the document's text as a PDF (a PDF attachment as it is). */
  async documentPdf(input: Input): Promise<Output> {
    const { ctx } = input;
    this.checkScopes(ctx, 'DocumentReference');
    const params = input.params as Params;
    const format = single(params, '_format');
    if (format !== undefined && !['pdf', PDF].includes(format.trim().toLowerCase()))
      throw new AppError('not-acceptable', 'This operation answers with a PDF.');
    const language = this.languageOf(params, input.acceptLanguage);
    const id = input.id ?? '';
    const stored = FHIR_ID.test(id) ? await this.parts.store.read('DocumentReference', id) : null;
    if (!stored || stored.deleted || !(await this.parts.policy.canRead(ctx, stored)))
      throw new AppError('ips-document-not-found');
    const document = JSON.parse(stored.content) as DocumentReference;
    const attachments = (document.content ?? []).map((content) => content.attachment);
    const pdf = attachments.find((a) => a.data && a.contentType?.toLowerCase().startsWith(PDF));
    const text = attachments.find(
      (a) => a.data && (!a.contentType || a.contentType.toLowerCase().startsWith('text/plain')),
    );
    let bytes: Buffer;
    if (pdf?.data) bytes = Buffer.from(pdf.data, 'base64');
    else if (text?.data) {
      const names = await this.namesOf(ctx, [
        ...(document.author ?? []).map((author) => author.reference ?? ''),
        document.subject?.reference ?? '',
      ]);
      const authors = (document.author ?? []).map(
        (a) => (a.reference && names.get(a.reference)) ?? a.display,
      );
      bytes = await renderDocumentPdf({
        kind: document.type ? conceptLabel(document.type, language) : (text.title ?? ''),
        date: document.date ?? document.context?.period?.start,
        authors: authors.filter((name): name is string => Boolean(name)),
        patient: (document.subject?.reference && names.get(document.subject.reference)) ?? '',
        text: Buffer.from(text.data, 'base64').toString('utf8'),
        language,
        created: stored.lastUpdated,
      });
    } else throw new AppError('ips-document-without-text');
    await this.record(ctx, 'read', 'DocumentReference', stored.patientId ? [stored.patientId] : [], [
      keyOf(stored),
    ]);
    return { status: 200, contentType: PDF, body: bytes };
  }

  private checkScopes(ctx: HealthAccessContext, resourceType: string): void {
    const decision = this.parts.policy.checkScopes(ctx, resourceType, 'operation');
    if (!decision.allowed) throw new AppError('ips-scope-insufficient', decision.reason);
  }

  /** The patient's id when the caller may see the Patient; "not found" otherwise, whatever the reason. */
  private async visiblePatient(ctx: HealthAccessContext, id: string | undefined): Promise<string> {
    if (!id || !FHIR_ID.test(id)) throw new AppError('ips-patient-not-found');
    const patient = await this.parts.store.read('Patient', id);
    if (!patient || patient.deleted || !(await this.parts.policy.canRead(ctx, patient)))
      throw new AppError('ips-patient-not-found');
    return patient.id;
  }

  /** `identifier=[system|]value`: the Patient whose identifier it is (the personal number's link first). */
  private async patientByIdentifier(
    ctx: HealthAccessContext,
    identifier: string | undefined,
  ): Promise<string> {
    if (identifier === undefined) throw new AppError('ips-identifier-required');
    const bar = identifier.indexOf('|');
    const system = bar === -1 ? undefined : identifier.slice(0, bar);
    const value = bar === -1 ? identifier : identifier.slice(bar + 1);
    if (!/^[\x21-\x7e]{1,64}$/.test(value) || (system !== undefined && !/^[\x21-\x7e]{0,256}$/.test(system)))
      throw new AppError('ips-parameter-invalid', 'identifier is [system|]value.');
    const id = await patientIdOf(this.parts.store.db, value);
    const patient = id ? await this.parts.store.read('Patient', id) : null;
    const resource = patient && !patient.deleted ? (JSON.parse(patient.content) as Patient) : null;
    const matches = resource?.identifier?.some(
      (candidate) => candidate.value === value && (!system || candidate.system === system),
    );
    if (!patient || !matches || !(await this.parts.policy.canRead(ctx, patient)))
      throw new AppError('ips-patient-not-found');
    return patient.id;
  }

  private languageOf(params: Params, acceptLanguage: string | undefined): SummaryLanguage {
    const asked = single(params, '_language');
    const fallback = (SUMMARY_LANGUAGES as readonly string[]).includes(this.parts.instance.defaultLocale)
      ? (this.parts.instance.defaultLocale as SummaryLanguage)
      : 'en';
    const language = summaryLanguage({ language: asked, acceptLanguage }, fallback);
    if (!language)
      throw new AppError('ips-parameter-invalid', `_language is one of ${SUMMARY_LANGUAGES.join(', ')}.`);
    return language;
  }

  /** People's and organisations' names for a document's header, as far as the caller may see them. */
  private async namesOf(
    ctx: HealthAccessContext,
    references: readonly string[],
  ): Promise<Map<string, string>> {
    const rows = await this.parts.policy.filterReadable(
      ctx,
      await readReferenced(this.parts.store.db, references.filter(Boolean)),
    );
    const names = new Map<string, string>();
    for (const row of rows) {
      const resource = JSON.parse(row.content) as Resource;
      let name: string | undefined;
      if (resource.resourceType === 'Organization') name = resource.name;
      if (resource.resourceType === 'Patient' || resource.resourceType === 'Practitioner') {
        const first = resource.name?.[0];
        name =
          first?.text ??
          [...(first?.prefix ?? []), ...(first?.given ?? []), first?.family].filter(Boolean).join(' ');
      }
      if (name) names.set(keyOf(row), name);
    }
    return names;
  }

  private async record(
    ctx: HealthAccessContext,
    interaction: Interaction,
    what: string,
    patientIds: readonly string[],
    references: readonly string[],
  ): Promise<void> {
    await this.parts.recorder.record({ ctx, interaction, what, patientIds, references, status: 200 });
  }
}

function keyOf(row: StoredResource): string {
  return `${row.resourceType}/${row.id}`;
}

/** The parameters of a POST's `Parameters` body merged over the query's (the body wins). */
function withBody(query: Readonly<Params>, body: unknown): Params {
  const params: Params = { ...query };
  const parameters = body as Parameters | undefined;
  if (!parameters || typeof parameters !== 'object' || parameters.resourceType !== 'Parameters')
    return params;
  for (const parameter of parameters.parameter ?? []) {
    const identifier = parameter.valueIdentifier;
    const value =
      parameter.valueString ??
      parameter.valueCode ??
      parameter.valueUri ??
      parameter.valueInstant ??
      parameter.valueDateTime ??
      parameter.valueDate ??
      (parameter.valueInteger !== undefined ? String(parameter.valueInteger) : undefined) ??
      (parameter.valuePositiveInt !== undefined ? String(parameter.valuePositiveInt) : undefined) ??
      (identifier?.value
        ? identifier.system
          ? `${identifier.system}|${identifier.value}`
          : identifier.value
        : undefined);
    if (parameter.name && value !== undefined) params[parameter.name] = value;
  }
  return params;
}
