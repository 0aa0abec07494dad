/**
 * JSON with object keys sorted (by UTF-16 code units) and no whitespace: one byte string per
 * value, so that what is hashed or signed does not depend on how an object was built. Members
 * that are `undefined` are left out, as JSON.stringify does. Browser-safe.
 *
 * Built in one pass with string concatenation: this runs for every exchange envelope, every
 * transparency-log entry and every vehicle report.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('not a finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}
