/**
 * The small JSONPath subset a declaration's `pick` uses to take one value out of a register's
 * answer: `$`, `.name`, `[n]`, and `[?(@.name=='value')]` (or `!=`). The first value found is
 * the pick; nothing found is `undefined`. Anything else is refused when the declaration loads.
 */

type Step = { kind: 'name'; name: string } | { kind: 'index'; index: number } | FilterStep;
interface FilterStep {
  kind: 'filter';
  name: string;
  equal: boolean;
  value: string;
}

const STEP =
  /^(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[\?\(@\.([A-Za-z_][A-Za-z0-9_]*)\s*(==|!=)\s*'([^']*)'\)\])/;

/** The steps of a path, or an error naming where it stops making sense. */
export function parsePick(path: string): Step[] {
  if (!path.startsWith('$')) throw new Error(`"${path}" must start with $`);
  const steps: Step[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = STEP.exec(rest);
    if (!match) throw new Error(`"${path}" is not understood from "${rest}"`);
    if (match[1] !== undefined) steps.push({ kind: 'name', name: match[1] });
    else if (match[2] !== undefined) steps.push({ kind: 'index', index: Number(match[2]) });
    else steps.push({ kind: 'filter', name: match[3]!, equal: match[4] === '==', value: match[5]! });
    rest = rest.slice(match[0].length);
  }
  return steps;
}

/** The first value the path reaches in the answer (a filter keeps the matching items of an array). */
export function pick(answer: unknown, path: string): unknown {
  let values: unknown[] = [answer];
  for (const step of parsePick(path)) {
    values = values.flatMap((value) => apply(step, value));
  }
  return values.find((value) => value !== undefined && value !== null);
}

function apply(step: Step, value: unknown): unknown[] {
  if (value === null || typeof value !== 'object') return [];
  if (step.kind === 'index') return Array.isArray(value) ? [value[step.index]] : [];
  if (step.kind === 'name') {
    if (Array.isArray(value)) return value.map((item) => fieldOf(item, step.name));
    return [fieldOf(value, step.name)];
  }
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item) => (String(fieldOf(item, step.name)) === step.value) === step.equal);
}

function fieldOf(value: unknown, name: string): unknown {
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, name)) return undefined;
  return (value as Record<string, unknown>)[name];
}
