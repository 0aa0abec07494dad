/** A whole number with the locale's digit grouping (123 456 in Bulgarian, 123,456 in English). */
export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** An amount in euro cents as money (the registers keep amounts in euro cents). */
export function formatMoney(cents: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
