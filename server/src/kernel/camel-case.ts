/** Column names already converted: a register's few dozen columns, converted once each. */
const camelNames = new Map<string, string>();

function camelName(key: string): string {
  let name = camelNames.get(key);
  if (name === undefined) {
    name = key.replace(/_([a-z0-9])/g, (_match, char: string) => char.toUpperCase());
    if (camelNames.size < 10_000) camelNames.set(key, name);
  }
  return name;
}

/** A database row with snake_case columns as a camelCase object, for JSON answers. */
export function camelRow<T extends object>(row: T): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key in row) {
    if (Object.hasOwn(row, key)) result[camelName(key)] = row[key];
  }
  return result;
}
