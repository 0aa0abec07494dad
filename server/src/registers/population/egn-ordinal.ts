import { dayFromIso } from '@civitas/contracts/days.ts';
import { parseEgn } from '@civitas/contracts/ids/egn.ts';

const DAY_1900 = dayFromIso('1900-01-01');

/**
 * A dense number unique per EGN born 1900–2099 (< 73,050,000): days since 1900 × 1000 + digits 7–9.
 * Generators scramble it into document numbers that are unique without a lookup table.
 */
export function egnOrdinal(egn: string): number {
  const day = dayFromIso(parseEgn(egn).birthDate) - DAY_1900;
  if (day < 0 || day >= 73050) throw new RangeError(`EGN ${egn} outside 1900–2099`);
  return day * 1000 + Number(egn.slice(6, 9));
}

export const EGN_ORDINAL_LIMIT = 73_050_000;
