/**
 * What an error a client can see is made of. Each context declares its closed set of codes in its
 * own `errors.ts` (code -> status and title) and adds them to `ProblemCodes`; the tables merge
 * into one at boot (`mergeErrorTables`), and only `http/` renders them, as RFC 9457
 * problem+json with a stable `code`. Codes never change meaning once published.
 */

export interface ErrorDefinition {
  readonly status: number;
  /** The same for every occurrence; what this occurrence was goes into the problem's `detail`. */
  readonly title: string;
}

export type ErrorTable = Readonly<Record<string, ErrorDefinition>>;

/**
 * Every context's codes, by module augmentation of its `errors.ts`
 * (`interface ProblemCodes extends CodesOf<typeof itsTable> {}`): a code no context declares
 * does not compile.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by each context's errors.ts
export interface ProblemCodes {}
export type CodesOf<Table extends ErrorTable> = { readonly [Code in keyof Table]: true };
export type ProblemCode = keyof ProblemCodes & string;

/** A context's table of error codes, kept literal so that its codes can be added to `ProblemCodes`. */
export function defineErrors<const Table extends ErrorTable>(table: Table): Table {
  return table;
}

/** The contexts' tables as one; a code declared by two contexts would mean two things: refused. */
export function mergeErrorTables(tables: Readonly<Record<string, ErrorTable>>): ErrorTable {
  const merged: Record<string, ErrorDefinition> = {};
  const owner = new Map<string, string>();
  for (const [context, table] of Object.entries(tables)) {
    for (const [code, definition] of Object.entries(table)) {
      const first = owner.get(code);
      if (first) throw new Error(`the error code ${code} is declared by both ${first} and ${context}`);
      owner.set(code, context);
      merged[code] = definition;
    }
  }
  return Object.freeze(merged);
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

/** A domain error that is safe to show: its code decides the status and title (from the merged table). */
export class AppError extends Error {
  readonly code: ProblemCode;
  /** This occurrence, for the client; without it the problem repeats its title. */
  readonly detail: string | undefined;
  readonly extensions: Record<string, unknown>;

  constructor(code: ProblemCode, detail?: string, extensions: Record<string, unknown> = {}) {
    super(detail ?? code);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.extensions = extensions;
  }
}
