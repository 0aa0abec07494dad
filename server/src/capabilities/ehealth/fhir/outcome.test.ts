import { describe, expect, it } from 'vitest';
import { httpErrors } from '../../../http/index.ts';
import { AppError, mergeErrorTables } from '../../../kernel/index.ts';
import { ehealthFhirErrors } from './errors.ts';
import { outcomeOfError, PROBLEM_SYSTEM, renderOutcome } from './outcome.ts';

const table = mergeErrorTables({ http: httpErrors, fhir: ehealthFhirErrors });

describe('an OperationOutcome', () => {
  it('carries our code, the title as text, the detail as diagnostics, and the status', () => {
    const { status, outcome } = renderOutcome(table, 'fhir-resource-not-found', 'Observation/1 is not there');
    expect(status).toBe(404);
    expect(outcome.issue[0]).toEqual({
      severity: 'error',
      code: 'not-found',
      details: {
        coding: [{ system: PROBLEM_SYSTEM, code: 'fhir-resource-not-found' }],
        text: 'No such resource',
      },
      diagnostics: 'Observation/1 is not there',
    });
  });

  it('names the failing Bundle entry and lists every validation finding under it', () => {
    const { outcome } = renderOutcome(table, 'fhir-resource-unprocessable', 'x', {
      entry: 3,
      issues: [
        { severity: 'error', code: 'required', expression: 'Observation.status', diagnostics: 'missing' },
      ],
    });
    expect(outcome.issue.map((issue) => issue.expression)).toEqual([
      ['Bundle.entry[3]'],
      ['Bundle.entry[3].resource.Observation.status'],
    ]);
    expect(outcome.issue[1]).toMatchObject({ severity: 'error', code: 'required', diagnostics: 'missing' });
  });

  it('maps the HTTP layer’s refusals and hides our faults behind `internal` with the request id', () => {
    expect(outcomeOfError(table, new AppError('fhir-bundle-too-large')).outcome.issue[0]!.code).toBe(
      'too-costly',
    );
    const parse = Object.assign(new Error('Unexpected token'), {
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      statusCode: 400,
    });
    expect(outcomeOfError(table, parse).code).toBe('malformed-body');
    const media = Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 });
    expect(outcomeOfError(table, media).status).toBe(415);
    const fault = outcomeOfError(table, new TypeError('secret stack'), 'req-7');
    expect(fault.status).toBe(500);
    expect(fault.code).toBe('internal');
    expect(JSON.stringify(fault.outcome)).not.toContain('secret');
    expect(fault.outcome.issue[0]!.diagnostics).toContain('req-7');
    expect(fault.outcome.issue[0]!.severity).toBe('fatal');
  });

  it('answers an undeclared code as internal rather than inventing a status', () => {
    expect(renderOutcome(table, 'no-such-code').status).toBe(500);
  });
});
