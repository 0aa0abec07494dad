import { checkEgn } from '@civitas/contracts/ids/egn.ts';
import { checkEik } from '@civitas/contracts/ids/eik.ts';
import { checkPlate, normalisePlate } from '@civitas/contracts/ids/plate.ts';
import { checkVin } from '@civitas/contracts/ids/vin.ts';
import type { EndpointContract } from '@civitas/contracts/registers/contract.ts';
import { problemAnswer, type ServiceResponse } from '../exchange/index.ts';
import { registerErrors } from './errors.ts';

/** A path parameter checked and normalised, or the register's own 400 answer. */
export type Checked<T = string> = { ok: true; value: T } | { ok: false; response: ServiceResponse };

/**
 * The check of each kind of path parameter, by the name the contracts give it: every register
 * that takes a VIN checks and normalises it the same way.
 */
const CHECKS: Readonly<Record<string, (value: string) => Checked>> = {
  egn(value) {
    const problem = checkEgn(value);
    if (problem) return refused('invalid-personal-number', `The personal number is not valid (${problem}).`);
    return { ok: true, value };
  },
  vin(value) {
    const vin = value.toUpperCase();
    const problem = checkVin(vin);
    if (problem) return refused('invalid-vin', `The VIN is not valid (${problem}).`);
    return { ok: true, value: vin };
  },
  plate(value) {
    const problem = checkPlate(value);
    if (problem) return refused('invalid-plate', `The registration plate is not valid (${problem}).`);
    return { ok: true, value: normalisePlate(value) };
  },
  eik(value) {
    const problem = checkEik(value);
    if (problem) return refused('invalid-eik', `The EIK is not valid (${problem}).`);
    return { ok: true, value };
  },
  ownerId(value) {
    if (checkEgn(value) && checkEik(value))
      return refused('invalid-owner-id', 'The owner must be a valid EGN or EIK.');
    return { ok: true, value };
  },
};

function refused(code: keyof typeof registerErrors, detail: string): Checked {
  return { ok: false, response: problemAnswer(registerErrors, code, detail) };
}

/** The names of an endpoint's path parameters; a name without a check is a mistake in the contract. */
export function paramNames(endpoint: EndpointContract): string[] {
  const names = Object.keys(endpoint.params.properties);
  for (const name of names) {
    if (!CHECKS[name]) throw new Error(`${endpoint.path}: no check for the path parameter "${name}"`);
  }
  return names;
}

/** Checks every path parameter of a request; the first malformed one is the answer. */
export function checkParams(
  names: readonly string[],
  raw: Record<string, string>,
): Checked<Record<string, string>> {
  const value: Record<string, string> = {};
  for (const name of names) {
    const checked = CHECKS[name]!(raw[name] ?? '');
    if (!checked.ok) return checked;
    value[name] = checked.value;
  }
  return { ok: true, value };
}
