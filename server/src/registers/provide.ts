import type {
  AnswerOf,
  EndpointContract,
  ParamsOf,
  ServiceContract,
} from '@civitas/contracts/registers/contract.ts';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  type Endpoint,
  ExchangeFault,
  type ExchangeServiceDefinition,
  notFound,
  ok,
  type ServiceRequest,
  type ServiceResponse,
} from '../exchange/index.ts';
import { checkParams, paramNames } from './params.ts';

/** What a handler answers when the register holds nothing under the key asked for (a 404). */
export class Missing {
  readonly detail: string;
  constructor(detail: string) {
    this.detail = detail;
  }
}

/** A register's answer to one endpoint; `request` says who asks (most registers need not know). */
export type Handler<E extends EndpointContract> = (
  params: ParamsOf<E>,
  request: ServiceRequest,
) => Promise<AnswerOf<E> | Missing>;

export type Handlers<S extends ServiceContract<Record<string, EndpointContract>>> = {
  [K in keyof S['endpoints']]: Handler<S['endpoints'][K]>;
};

/** Where a register reports a fault of its own (the composition's logger). */
export type Reporter = (error: unknown) => void;

export interface ProvideOptions<S extends ServiceContract<Record<string, EndpointContract>>> {
  /** Where an answer that breaks its contract is reported. */
  report: Reporter;
  /** Endpoints whose data subject the register names from its answer (see `Endpoint.subjectOfAnswer`). */
  subjectOfAnswer?: { [K in keyof S['endpoints']]?: (answer: AnswerOf<S['endpoints'][K]>) => string | null };
}

/** A register's answer that does not match its contract: a fault of the register, never sent. */
export class ContractViolation extends Error {
  constructor(endpoint: EndpointContract, where: string, problem: string) {
    super(
      `${endpoint.subsystem}/${endpoint.service} ${endpoint.path}: the answer does not match its contract at "${where}" (${problem})`,
    );
    this.name = 'ContractViolation';
  }
}

/**
 * The one place a register service is put on the exchange: its path parameters are checked and
 * normalised by name (a malformed one is the register's own 400), a `Missing` answer is a 404,
 * and every answer is checked against the contract before it leaves the register. A mismatch is
 * reported and answered with the exchange's `InvalidServiceResponse` fault: a register that
 * breaks its contract fails loudly instead of putting an unexpected shape on the wire.
 */
export function provide<S extends ServiceContract<Record<string, EndpointContract>>>(
  contract: S,
  handlers: Handlers<S>,
  options: ProvideOptions<S>,
): ExchangeServiceDefinition {
  const endpoints = Object.entries(contract.endpoints).map(([key, endpoint]): Endpoint => {
    const handler = handlers[key as keyof S['endpoints']] as unknown as Handler<EndpointContract>;
    const subjectOfAnswer = options.subjectOfAnswer?.[key as keyof S['endpoints']] as
      | ((body: unknown) => string | null)
      | undefined;
    return {
      method: endpoint.method,
      path: endpoint.path,
      summary: endpoint.summary,
      personalData: endpoint.personalData,
      answer: endpoint.answer,
      ...(subjectOfAnswer ? { subjectOfAnswer } : {}),
      handle: answering(endpoint, handler, options.report),
    };
  });
  return {
    subsystem: contract.subsystem,
    code: contract.service,
    name: contract.name,
    description: contract.description,
    endpoints,
  };
}

function answering(
  endpoint: EndpointContract,
  handler: Handler<EndpointContract>,
  report: Reporter,
): Endpoint['handle'] {
  const names = paramNames(endpoint);
  const answer = TypeCompiler.Compile(endpoint.answer);
  return async (raw, request): Promise<ServiceResponse> => {
    const params = checkParams(names, raw);
    if (!params.ok) return params.response;
    const result = await handler(params.value as ParamsOf<EndpointContract>, request);
    if (result instanceof Missing) return notFound(result.detail);
    if (!answer.Check(result)) {
      const error = answer.Errors(result).First();
      const violation = new ContractViolation(endpoint, error?.path ?? '', error?.message ?? 'invalid');
      report(violation);
      throw new ExchangeFault('Server.ServerProxy.InvalidServiceResponse', violation.message);
    }
    return ok(result);
  };
}
