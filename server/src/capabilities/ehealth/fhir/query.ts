/** A query string's parameters, repeated ones gathered in order (`a=1&a=2` → `{ a: ['1', '2'] }`). */
export function paramsOf(query: string): Record<string, string[]> {
  const params: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(query)) {
    const values = params[name] ?? [];
    values.push(value);
    params[name] = values;
  }
  return params;
}
