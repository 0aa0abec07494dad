import crypto from 'node:crypto';
import type { PrefilledValue, ServiceStart, StartSource } from '@civitas/contracts/api/eservices.ts';
import type { ServiceDeclaration } from '@civitas/contracts/eservices/declaration.ts';
import { pathOf } from '@civitas/contracts/registers/contract.ts';
import { REGISTER_SERVICES } from '@civitas/contracts/registers/index.ts';
import type { Caller } from '../../access/index.ts';
import { askRegisters, type ExchangeClient, type SourceOutcome } from '../../exchange/index.ts';
import { AppError } from '../../kernel/index.ts';
import { decideEligibility } from './declarations/eligibility.ts';
import type { LoadedService, ServiceCatalogue, SourceRead } from './declarations/load.ts';
import { pick } from './declarations/pick.ts';
import { registerName } from './declarations/register-names.ts';
import { serviceAccess } from './policy.ts';

const REGISTER_TIMEOUT_MS = 3_000;

/** What the registers answered for a service's reads, by `<register>.<endpoint>`. */
export interface SourceAnswers {
  outcomes: SourceOutcome[];
  /** The answers of the sources that answered, as `{ <register>: { <endpoint>: body } }`. */
  bodies: Record<string, Record<string, unknown>>;
  unanswered: Set<string>;
}

/**
 * A service's start, below HTTP: its register reads made through the exchange with the
 * declaration's purpose and legal basis, about the applicant alone; the form's values picked from
 * the answers; and eligibility decided from them before the form is shown (once-only).
 */
export class ServiceStarter {
  private readonly catalogue: ServiceCatalogue;
  private readonly exchange: Pick<ExchangeClient, 'get' | 'serviceId'>;

  constructor(catalogue: ServiceCatalogue, exchange: Pick<ExchangeClient, 'get' | 'serviceId'>) {
    this.catalogue = catalogue;
    this.exchange = exchange;
  }

  service(code: string): LoadedService {
    const service = this.catalogue.get(code);
    if (!service) throw new AppError('eservice-not-found', `There is no e-service "${code}".`);
    return service;
  }

  /** A service's declaration, or undefined when the catalogue no longer has it. */
  catalogueEntry(code: string): ServiceDeclaration | undefined {
    return this.catalogue.get(code)?.declaration;
  }

  async start(code: string, applicant: Pick<Caller, 'subject'>): Promise<ServiceStart> {
    const service = this.service(code);
    const requestId = crypto.randomUUID();
    const answers = await readSources(this.exchange, service, applicant.subject, {
      purpose: service.declaration.purpose,
      legalBasis: service.declaration.legalBasis,
      caseRef: requestId,
      userId: applicant.subject,
    });
    const prefill = prefilledValues(service, answers.bodies);
    return {
      service: service.declaration,
      eligibility: decideEligibility(service.declaration.eligibility, answers.bodies, answers.unanswered),
      prefill,
      formData: formDataOf(prefill),
      sources: answers.outcomes.map((outcome) => describe(outcome)),
      requestId,
    };
  }
}

/**
 * Each of the service's sources read once, about the data subject. A source whose parameters need
 * the form (`$form.…`) or a represented business is not read here.
 */
export async function readSources(
  exchange: Pick<ExchangeClient, 'get' | 'serviceId'>,
  service: LoadedService,
  subject: string,
  use: { purpose: string; legalBasis: string; caseRef: string; userId: string; client?: string },
): Promise<SourceAnswers> {
  const readable = [...service.sources.values()].filter((read) =>
    Object.values(read.params).every((value) => value === '$applicant'),
  );
  const outcomes = await askRegisters(
    exchange,
    readable.map((read) => ({ key: read.key, ...locate(exchange, read, subject) })),
    serviceAccess(use, subject),
    REGISTER_TIMEOUT_MS,
  );
  const bodies: Record<string, Record<string, unknown>> = {};
  const unanswered = new Set<string>(
    [...service.sources.keys()].filter((key) => !readable.some((read) => read.key === key)),
  );
  for (const outcome of outcomes) {
    const [register, endpoint] = outcome.key.split('.') as [string, string];
    if (outcome.status === 'ok') {
      bodies[register] = { ...(bodies[register] ?? {}), [endpoint]: outcome.answer.body };
    } else unanswered.add(outcome.key);
  }
  return { outcomes, bodies, unanswered };
}

function locate(exchange: Pick<ExchangeClient, 'serviceId'>, read: SourceRead, subject: string) {
  const params = Object.fromEntries(Object.keys(read.params).map((name) => [name, subject]));
  return {
    service: exchange.serviceId(read.endpoint.subsystem, read.endpoint.service),
    path: pathOf(read.endpoint, params as never),
  };
}

/** The values the declaration's prefill picks from the answers (a value not found is left out). */
export function prefilledValues(
  service: LoadedService,
  bodies: Record<string, Record<string, unknown>>,
): PrefilledValue[] {
  return service.declaration.prefill.flatMap((rule) => {
    const answer = bodies[rule.source.register]?.[rule.source.endpoint];
    if (answer === undefined) return [];
    const value = pick(answer, rule.source.pick);
    if (value === undefined || value === '') return [];
    return [
      {
        field: rule.field,
        value,
        source: `${rule.source.register}.${rule.source.endpoint}`,
        editable: rule.editable,
      },
    ];
  });
}

/** `[{ field: 'a.b', value }]` as `{ a: { b: value } }`. */
export function formDataOf(values: readonly { field: string; value: unknown }[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const { field, value } of values) setPath(data, field, value);
  return data;
}

export function setPath(data: Record<string, unknown>, field: string, value: unknown): void {
  const parts = field.split('.');
  let node = data;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}

export function getPath(data: unknown, field: string): unknown {
  let node: unknown = data;
  for (const part of field.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

export function describe(outcome: SourceOutcome): StartSource {
  const register = outcome.key.split('.')[0]!;
  const contract = [...REGISTER_SERVICES.values()].find((service) => service.service === register);
  return {
    key: outcome.key,
    service: outcome.service,
    name: registerName(register, contract?.name ?? register),
    status: outcome.status,
    fetchedAt: outcome.fetchedAt,
  };
}
