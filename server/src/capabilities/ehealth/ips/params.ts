import { AppError } from '../../../kernel/index.ts';

/**
 * The operations' parameters, checked: each malformed one is `ips-parameter-invalid` naming the
 * parameter (never echoing its value: it may carry a personal number).
 */

type Params = Readonly<Record<string, string | readonly string[]>>;

/** The single value of a parameter (a repeated one is refused), or undefined. */
export function single(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (value.length === 1) return value[0];
  throw new AppError('ips-parameter-invalid', `${name} is given more than once.`);
}

const INSTANT =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:0\d|1[0-4]):[0-5]\d))?$/;

/** `_since`: a FHIR instant (or a date: its start, UTC). */
export function parseSince(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const match = INSTANT.exec(value);
  const [, year, month, day, hour] = match ?? [];
  if (!match || (hour !== undefined && match[7] === undefined))
    throw new AppError('ips-parameter-invalid', '_since is not a FHIR instant (e.g. 2024-01-31T00:00:00Z).');
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  if (Number(day) > daysInMonth)
    throw new AppError('ips-parameter-invalid', '_since names a day the month does not have.');
  const date = new Date(hour === undefined ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime()))
    throw new AppError('ips-parameter-invalid', '_since is not a valid instant.');
  return date;
}

const TYPE = /^[A-Z][A-Za-z]{1,63}$/;

/** `_type`: resource types, comma separated (repeats allowed); undefined when not given. */
export function parseTypes(params: Params): string[] | undefined {
  const value = params._type;
  if (value === undefined) return undefined;
  const types = [value]
    .flat()
    .flatMap((part) => part.split(','))
    .map((type) => type.trim());
  if (types.length === 0 || types.some((type) => !TYPE.test(type)))
    throw new AppError('ips-parameter-invalid', '_type lists resource type names, comma separated.');
  return [...new Set(types)];
}

/** A whole number parameter within bounds, or the default. */
export function parseWhole(
  value: string | undefined,
  name: string,
  { min, max, fallback }: { min: number; max: number; fallback: number },
): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max)
    throw new AppError('ips-parameter-invalid', `${name} is a whole number from ${min} to ${max}.`);
  return Number(value);
}

/** What to answer with: the FHIR JSON, or the PDF; anything else is `not-acceptable`. */
export function answerFormat(
  format: string | undefined,
  accept: string,
  pdfAllowed: boolean,
): 'json' | 'pdf' {
  if (format !== undefined) {
    const asked = format.trim().toLowerCase();
    if (['json', 'application/json', 'application/fhir+json'].includes(asked)) return 'json';
    if (pdfAllowed && ['pdf', 'application/pdf'].includes(asked)) return 'pdf';
    throw new AppError('not-acceptable', `_format ${pdfAllowed ? 'is json or pdf' : 'is json'}.`);
  }
  const ranges = accept
    .toLowerCase()
    .split(',')
    .map((part) => {
      const [type = '', ...rest] = part.split(';').map((p) => p.trim());
      const q = rest.find((p) => p.startsWith('q='));
      return { type, q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((range) => range.type && range.q > 0)
    .sort((a, b) => b.q - a.q);
  if (ranges.length === 0) return 'json';
  for (const { type } of ranges) {
    if (['application/fhir+json', 'application/json', 'application/*', '*/*'].includes(type)) return 'json';
    if (pdfAllowed && type === 'application/pdf') return 'pdf';
  }
  throw new AppError(
    'not-acceptable',
    pdfAllowed ? 'The summary is FHIR JSON or PDF.' : 'The answer is FHIR JSON.',
  );
}
