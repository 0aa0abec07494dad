import type { WriteContract } from '@civitas/contracts/registers/write-contract.ts';
import type { Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  type Endpoint,
  ExchangeFault,
  notFound,
  ok,
  problemAnswer,
  type ServiceRequest,
} from '../../exchange/index.ts';
import { httpErrors } from '../../http/index.ts';
import { Missing, type Reporter } from '../provide.ts';

/**
 * A register's write service on the exchange: the JSON body is checked against its contract (a
 * malformed one is the register's 400), the write concerns the data subject the request names, a
 * `Missing` answer is a 404, and the answer is checked against the contract before it leaves.
 */
export function writeEndpoint<W extends WriteContract>(
  contract: W,
  handler: (body: Static<W['body']>, request: ServiceRequest) => Promise<Static<W['answer']> | Missing>,
  report: Reporter,
): Endpoint {
  const body = TypeCompiler.Compile(contract.body);
  const answer = TypeCompiler.Compile(contract.answer);
  return {
    method: 'POST',
    path: contract.path,
    summary: contract.summary,
    personalData: contract.personalData,
    answer: contract.answer,
    async handle(_params, request) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(request.body?.toString('utf8') ?? '');
      } catch {
        return problemAnswer(httpErrors, 'validation-failed', 'The body is not JSON.');
      }
      if (!body.Check(parsed)) {
        const error = body.Errors(parsed).First();
        return problemAnswer(
          httpErrors,
          'validation-failed',
          `${error?.path || '/'}: ${error?.message ?? 'not valid'}`,
        );
      }
      const result = await handler(parsed as Static<W['body']>, request);
      if (result instanceof Missing) return notFound(result.detail);
      if (!answer.Check(result)) {
        const message = `${contract.subsystem}/${contract.service} ${contract.path}: the answer breaks its contract`;
        report(new Error(message));
        throw new ExchangeFault('Server.ServerProxy.InvalidServiceResponse', message);
      }
      return ok(result);
    },
  };
}
