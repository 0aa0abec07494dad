/**
 * Measured values in the reader's locale: as many decimals as the laboratory reported (up to
 * three), the locale's decimal sign (7,2 in Bulgarian and Polish, 7.2 in English), and the unit
 * in words.
 */
import type { Quantity } from '@medplum/fhirtypes';
import type { TermLocale } from './terms.ts';
import { unitLabel } from './units.ts';

/** The number of decimals a value was written with (0.50 is two only if written so: JSON keeps 0.5). */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const text = String(value);
  if (text.includes('e')) return 3;
  const point = text.indexOf('.');
  return point === -1 ? 0 : Math.min(3, text.length - point - 1);
}

export function formatValue(value: number, locale: string, decimals = decimalsOf(value)): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

/** A value with its unit ("7,2 %", "5,4 ммол/л"). */
export function formatQuantity(quantity: Quantity, locale: string, termLocale: TermLocale): string {
  const value = quantity.value === undefined ? '' : formatValue(quantity.value, locale);
  const unit = unitLabel(quantity, termLocale);
  return unit ? `${value}\u00a0${unit}` : value;
}

/** A reference range ("4,0–6,0", "< 5,2", "> 1,0"), with the unit. */
export function formatRange(
  range: { low: number | null; high: number | null },
  unit: string,
  locale: string,
): string {
  const decimals = Math.max(decimalsOf(range.low ?? 0), decimalsOf(range.high ?? 0));
  const low = range.low !== null ? formatValue(range.low, locale, decimals) : null;
  const high = range.high !== null ? formatValue(range.high, locale, decimals) : null;
  const span = low && high ? `${low}–${high}` : high ? `≤\u00a0${high}` : low ? `≥\u00a0${low}` : '';
  return unit && span ? `${span}\u00a0${unit}` : span;
}
