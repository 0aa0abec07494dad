/**
 * A string as the index and the queries compare it: without diacritics (`é` is `e`, `ł` is `l`),
 * lower case, spaces collapsed. Cyrillic stays Cyrillic (й, which Unicode composes of и and a
 * breve, matches и, the way Latin é matches e).
 */
export function normaliseString(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[łŁ]/g, 'l')
    .replace(/[đĐ]/g, 'd')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
