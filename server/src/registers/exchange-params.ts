import { checkEgn } from '@civitas/contracts/ids/egn.ts';
import { checkPlate, normalisePlate } from '@civitas/contracts/ids/plate.ts';
import { checkVin } from '@civitas/contracts/ids/vin.ts';
import { problemAnswer, type ServiceResponse } from '../exchange/service-definition.ts';
import { registerErrors } from './errors.ts';

const badRequest = (code: keyof typeof registerErrors, detail: string) =>
  problemAnswer(registerErrors, code, detail);

/** Checks a path parameter; a malformed one is the register's own 400 answer. */
export type Checked = { ok: true; value: string } | { ok: false; response: ServiceResponse };

export function personalNumberParam(value: string | undefined): Checked {
  const problem = value === undefined ? 'length' : checkEgn(value);
  if (problem)
    return {
      ok: false,
      response: badRequest('invalid-personal-number', `The personal number is not valid (${problem}).`),
    };
  return { ok: true, value: value! };
}

export function vinParam(value: string | undefined): Checked {
  const vin = (value ?? '').toUpperCase();
  const problem = checkVin(vin);
  if (problem)
    return { ok: false, response: badRequest('invalid-vin', `The VIN is not valid (${problem}).`) };
  return { ok: true, value: vin };
}

export function plateParam(value: string | undefined): Checked {
  const problem = checkPlate(value ?? '');
  if (problem)
    return {
      ok: false,
      response: badRequest('invalid-plate', `The registration plate is not valid (${problem}).`),
    };
  return { ok: true, value: normalisePlate(value!) };
}
