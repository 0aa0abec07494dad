/** A database row with snake_case columns as a camelCase object, for JSON answers. */
export function camelRow<T extends object>(row: T): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    result[key.replace(/_([a-z0-9])/g, (_match, char: string) => char.toUpperCase())] = value;
  }
  return result;
}
