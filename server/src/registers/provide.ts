import type {
  AnswerOf,
  EndpointContract,
  ParamsOf,
  ServiceContract,
} from '@civitas/contracts/registers/contract.ts';
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import {
  type Endpoint,
  ExchangeFault,
  type ExchangeServiceDefinition,
  notFound,
  ok,
  problemAnswer,
  type ServiceRequest,
  type ServiceResponse,
} from '../exchange/index.ts';
import { AppError } from '../kernel/index.ts';
import { registerErrors } from './errors.ts';
import { checkParams, paramNames } from './params.ts';

/** What a handler answers when the register holds nothing under the key asked for (a 404). */
export class Missing {
  readonly detail: string;
  constructor(detail: string) {
    this.detail = detail;
  }
}

/** What a handler is given: the path parameters, and for a write service its checked body too. */
export type InputOf<E extends EndpointContract> =
  E extends EndpointContract<TObject, TSchema, infer B>
    ? B extends TSchema
      ? ParamsOf<E> & Static<B>
      : ParamsOf<E>
    : never;

/**
 * A register's answer to one endpoint; `request` says who asks (most registers need not know).
 * A write service refuses by throwing an `AppError` with one of the registers' codes.
 */
export type Handler<E extends EndpointContract> = (
  input: InputOf<E>,
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
      ...(endpoint.body && { body: endpoint.body }),
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
  const body = endpoint.body ? TypeCompiler.Compile(endpoint.body) : null;
  return async (raw, request): Promise<ServiceResponse> => {
    const params = checkParams(names, raw);
    if (!params.ok) return params.response;
    let input: Record<string, unknown> = params.value;
    if (body) {
      const written = writeInput(endpoint, body, request);
      if (!written.ok) return written.response;
      input = { ...written.value, ...params.value };
    }
    let result: unknown;
    try {
      result = await handler(input as InputOf<EndpointContract>, request);
    } catch (error) {
      if (error instanceof AppError && Object.hasOwn(registerErrors, error.code))
        return problemAnswer(registerErrors, error.code, error.detail ?? error.message);
      throw error;
    }
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

type Written = { ok: true; value: Record<string, unknown> } | { ok: false; response: ServiceResponse };

/**
 * A write service's request: made for one of the endpoint's own purpose–basis pairs (a right to
 * read the register is no right to change it), with a JSON body its contract accepts.
 */
function writeInput(endpoint: EndpointContract, body: TypeCheck<TSchema>, request: ServiceRequest): Written {
  const caller = request.caller;
  const allowed = endpoint.purposes ?? [];
  if (
    !caller ||
    !allowed.some((pair) => pair.purpose === caller.purpose && pair.legalBasis === caller.legalBasis)
  ) {
    const pairs = allowed.map((pair) => `${pair.purpose} @ ${pair.legalBasis}`).join('; ');
    return refusal('write-purpose-not-allowed', `This write service acts only for: ${pairs}.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(request.body?.toString('utf8') ?? '');
  } catch {
    return refusal('write-request-invalid', 'The request body is not JSON.');
  }
  if (!body.Check(value)) {
    const error = body.Errors(value).First();
    return refusal('write-request-invalid', `At "${error?.path ?? ''}": ${error?.message ?? 'invalid'}.`);
  }
  return { ok: true, value: value as Record<string, unknown> };
}

function refusal(code: keyof typeof registerErrors, detail: string): Written {
  return { ok: false, response: problemAnswer(registerErrors, code, detail) };
}
