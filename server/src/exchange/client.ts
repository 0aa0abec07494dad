import {
  type AnswerOf,
  type BodyOf,
  type EndpointContract,
  matchPath,
  type ParamsOf,
  pathOf,
} from '@civitas/contracts/registers/contract.ts';
import { REGISTER_SERVICES } from '@civitas/contracts/registers/index.ts';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { AppError, type ProblemCode } from '../kernel/index.ts';
import { serviceIdIn } from './catalogue.ts';
import type { LocalExchange } from './local-node.ts';

export interface CallContext {
  /**
   * The client subsystem that asks, when not the client's own: an administration's, for a lookup
   * its official makes through the platform (it must be hosted on the same node).
   */
  client?: string | undefined;
  /** A purpose code (`kernel/purposes.ts`). */
  purpose: string;
  /** A legal basis code (`kernel/purposes.ts`). */
  legalBasis: string;
  dataSubject?: string | null;
  userId?: string | null;
  caseRef?: string | null;
  /**
   * The party the user acts for (`X-Road-Represented-Party`, X-Road's `partyClass/partyCode`,
   * e.g. `COM/130362383`): the provider's node checks that the user may represent it.
   */
  representedParty?: string | null;
}

export interface ExchangeAnswer {
  status: number;
  body: unknown;
  /** Set when the exchange itself refused or failed (X-Road fault type). */
  fault: string | null;
  messageId: string;
  durationMs: number;
}

/**
 * Why a register's answer is not a body: the one reading of a failed answer every consumer
 * shares. `not-found` and `refused` are the register's own 404 and 400 (nothing under that key);
 * the others are the exchange's faults or an answer that broke its contract.
 */
export type FailureKind =
  | 'not-found'
  | 'refused'
  | 'not-allowed'
  | 'timeout'
  | 'invalid-answer'
  | 'unavailable';

export interface RegisterFailure {
  kind: FailureKind;
  /** In words, for logs and the problem's detail: the register's or the exchange's own message. */
  detail: string;
  status: number;
  fault: string | null;
  messageId: string;
}

/** A register's answer read once: a typed, validated body, or why there is none. */
export type RegisterAnswer<T> = (
  | { ok: true; body: T; failure?: undefined }
  | { ok: false; body?: undefined; failure: RegisterFailure }
) & { status: number; messageId: string; durationMs: number };

const INVALID_ANSWER = 'Server.ServerProxy.InvalidServiceResponse';
const FAULT_KINDS: Readonly<Record<string, FailureKind>> = {
  'Server.ServerProxy.PurposeNotAllowed': 'not-allowed',
  'Server.ServerProxy.LegalBasisNotAllowed': 'not-allowed',
  'Server.ServerProxy.AccessDenied': 'not-allowed',
  'Server.ServerProxy.RepresentedPartyUnknown': 'not-allowed',
  'Server.ServerProxy.RepresentedPartyNotAllowed': 'not-allowed',
  'Server.ServerProxy.ServiceTimeout': 'timeout',
  'Server.ClientProxy.Timeout': 'timeout',
  [INVALID_ANSWER]: 'invalid-answer',
};

/** What a failed answer means: the one place an exchange answer other than 200 is classified. */
export function failureOf(answer: ExchangeAnswer): RegisterFailure {
  const said = answer.body as { message?: unknown; detail?: unknown } | null;
  const message = typeof said?.message === 'string' ? said.message : undefined;
  const detail = typeof said?.detail === 'string' ? said.detail : undefined;
  const kind: FailureKind = answer.fault
    ? (FAULT_KINDS[answer.fault] ?? 'unavailable')
    : answer.status === 404
      ? 'not-found'
      : answer.status === 400
        ? 'refused'
        : 'unavailable';
  return {
    kind,
    detail: message ?? detail ?? `The register answered with status ${answer.status}.`,
    status: answer.status,
    fault: answer.fault,
    messageId: answer.messageId,
  };
}

/**
 * The problem a failure is to the caller of a platform API: refused purposes stay refusals, a
 * missing record is `missing` when the caller says what is missing, anything else is a register
 * that did not answer (503), never an empty section.
 */
export function failureError(failure: RegisterFailure, missing?: ProblemCode): AppError {
  if (failure.kind === 'not-allowed') return new AppError('purpose-not-allowed', failure.detail);
  if (failure.kind === 'not-found' && missing) return new AppError(missing);
  return new AppError(
    'register-unavailable',
    `Exchange message ${failure.messageId}: ${failure.fault ?? `status ${failure.status}`}.`,
  );
}

const checks = new WeakMap<EndpointContract, TypeCheck<EndpointContract['answer']>>();

function checkOf(endpoint: EndpointContract): TypeCheck<EndpointContract['answer']> {
  let check = checks.get(endpoint);
  if (!check) {
    check = TypeCompiler.Compile(endpoint.answer);
    checks.set(endpoint, check);
  }
  return check;
}

/** The contract's endpoint a service id and path call, when a contract declares it. */
function endpointAt(service: string, path: string): EndpointContract | undefined {
  const [, , , subsystem, code] = service.split('/');
  const contract = REGISTER_SERVICES.get(`${subsystem}/${code}`);
  if (!contract) return undefined;
  return Object.values(contract.endpoints).find(
    (endpoint) => endpoint.method === 'GET' && matchPath(endpoint.path, path) !== null,
  );
}

/**
 * A 200 answer whose body breaks its contract is not handed on: it becomes the same fault the
 * provider gives for one (`InvalidServiceResponse`), so a consumer never reads an unexpected shape.
 */
function checked(answer: ExchangeAnswer, endpoint: EndpointContract | undefined): ExchangeAnswer {
  if (answer.status !== 200 || !endpoint) return answer;
  const check = checkOf(endpoint);
  if (check.Check(answer.body)) return answer;
  const error = check.Errors(answer.body).First();
  return {
    ...answer,
    status: 502,
    fault: INVALID_ANSWER,
    body: {
      type: INVALID_ANSWER,
      message: `The register's answer does not match its contract at "${error?.path ?? ''}" (${error?.message ?? 'invalid'}).`,
      detail: answer.messageId,
    },
  };
}

/**
 * How the platform's own capabilities (profile, e-services, dossier) ask the registers: as a
 * client subsystem of the exchange, with a purpose and legal basis on every call. `call`, `find`
 * and `ask` take a contract's endpoint and hand back its typed body, checked against the contract.
 */
export class ExchangeClient {
  private readonly exchange: LocalExchange;
  private readonly client: string;

  constructor(exchange: LocalExchange, client: string) {
    this.exchange = exchange;
    this.client = client;
  }

  /**
   * The full id of a register's service in this instance, e.g.
   * `serviceId('vehicle-register', 'vehicles')` is `BG/GOV/000695235/vehicle-register/vehicles` in BG.
   */
  serviceId(subsystem: string, service: string): string {
    return serviceIdIn(this.exchange.catalogue, subsystem, service);
  }

  /** Where a contract's endpoint is called: its service id and the path with the parameters filled in. */
  locate<E extends EndpointContract>(endpoint: E, params: ParamsOf<E>): { service: string; path: string } {
    return { service: this.serviceId(endpoint.subsystem, endpoint.service), path: pathOf(endpoint, params) };
  }

  /** The endpoint's body; any failure is thrown as its problem (`failureError`). */
  async call<E extends EndpointContract>(
    endpoint: E,
    params: ParamsOf<E>,
    context: CallContext,
    missing?: ProblemCode,
  ): Promise<AnswerOf<E>> {
    const answer = await this.ask(endpoint, params, context);
    if (!answer.ok) throw failureError(answer.failure, missing);
    return answer.body;
  }

  /** The endpoint's body, or null when the register holds nothing under that key. */
  async find<E extends EndpointContract>(
    endpoint: E,
    params: ParamsOf<E>,
    context: CallContext,
  ): Promise<AnswerOf<E> | null> {
    const answer = await this.ask(endpoint, params, context);
    if (answer.ok) return answer.body;
    if (answer.failure.kind === 'not-found' || answer.failure.kind === 'refused') return null;
    throw failureError(answer.failure);
  }

  /** The endpoint's body or its failure, never thrown: for callers that report each source. */
  async ask<E extends EndpointContract>(
    endpoint: E,
    params: ParamsOf<E>,
    context: CallContext,
  ): Promise<RegisterAnswer<AnswerOf<E>>> {
    const { service, path } = this.locate(endpoint, params);
    return read<AnswerOf<E>>(checked(await this.send(service, path, context), endpoint));
  }

  /**
   * A register's write service (a POST endpoint with a body): the change's answer or why there
   * is none, never thrown. The register refuses a body its contract does not accept.
   */
  async submit<E extends EndpointContract>(
    endpoint: E,
    params: ParamsOf<E>,
    body: BodyOf<E>,
    context: CallContext,
  ): Promise<RegisterAnswer<AnswerOf<E>>> {
    if (endpoint.method !== 'POST') throw new Error(`${endpoint.path} is not a write service`);
    const { service, path } = this.locate(endpoint, params);
    const json = Buffer.from(JSON.stringify(body));
    return read<AnswerOf<E>>(checked(await this.send(service, path, context, json), endpoint));
  }

  /** A raw GET by service id and path; an answer of a declared contract is checked against it. */
  async get(service: string, path: string, context: CallContext): Promise<ExchangeAnswer> {
    return checked(await this.send(service, path, context), endpointAt(service, path));
  }

  private async send(
    service: string,
    path: string,
    context: CallContext,
    payload: Buffer | null = null,
  ): Promise<ExchangeAnswer> {
    const started = performance.now();
    const headers: Record<string, string> = {
      'x-road-client': context.client ?? this.client,
      'x-road-purpose': context.purpose,
      'x-road-legal-basis': context.legalBasis,
    };
    if (context.dataSubject) headers['x-road-data-subject'] = context.dataSubject;
    if (context.userId) headers['x-road-userid'] = context.userId;
    if (context.caseRef) headers['x-road-case'] = context.caseRef;
    if (context.representedParty) headers['x-road-represented-party'] = context.representedParty;
    if (payload) headers['content-type'] = 'application/json';
    const reply = await this.exchange.consume({
      method: payload ? 'POST' : 'GET',
      service,
      path,
      query: '',
      headers,
      body: payload ?? Buffer.alloc(0),
    });
    let body: unknown = null;
    try {
      body = JSON.parse(reply.body.toString('utf8'));
    } catch {
      body = null;
    }
    return {
      status: reply.status,
      body,
      fault: reply.headers['x-road-error'] ?? null,
      messageId: reply.headers['x-road-id'] ?? 'unknown',
      durationMs: performance.now() - started,
    };
  }
}

/** An answer read once: its typed body on 200, otherwise why there is none. */
function read<T>(answer: ExchangeAnswer): RegisterAnswer<T> {
  const common = { status: answer.status, messageId: answer.messageId, durationMs: answer.durationMs };
  return answer.status === 200
    ? { ok: true, body: answer.body as T, ...common }
    : { ok: false, failure: failureOf(answer), ...common };
}

/**
 * Like `Promise.all` for calls made in parallel, but a failure is the first in the list's order,
 * not the first in time: the person's own record decides the problem before the sections do.
 */
export async function allInOrder<T extends readonly unknown[]>(
  calls: {
    [K in keyof T]: Promise<T[K]>;
  },
): Promise<T> {
  const settled = await Promise.allSettled(calls);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
