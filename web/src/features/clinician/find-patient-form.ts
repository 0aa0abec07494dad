/**
 * Finding a patient by the personal number the doctor types. The checks spare a round trip; the
 * server decides (a patient outside the doctor's care is "not found").
 */
import { checkEgn } from '@civitas/contracts/ids/egn.ts';
import { checkPesel } from '@civitas/contracts/ids/pesel.ts';

export type FindProblem = 'required' | 'personal-number-digits' | 'personal-number-invalid';

/** The number as typed, without the spaces people group it with. */
export function normalisePersonalNumber(text: string): string {
  return text.replace(/\s/g, '');
}

/** Why the typed personal number cannot be looked up (an EGN or a PESEL), or null. */
export function personalNumberProblem(text: string): FindProblem | null {
  const value = normalisePersonalNumber(text);
  if (value === '') return 'required';
  if (!/^\d{10,11}$/.test(value)) return 'personal-number-digits';
  const problem = value.length === 10 ? checkEgn(value) : checkPesel(value);
  return problem ? 'personal-number-invalid' : null;
}
