import { type Static, type TObject, type TSchema, Type } from '@sinclair/typebox';

/**
 * A register service's contract: what a consumer may ask (method, path, path parameters) and what
 * the register answers, declared once. The provider validates its answers against it before they
 * leave the register; the consumer's exchange client validates them again on arrival and hands
 * out typed bodies. Browser-safe (TypeBox only): the web may read the shapes too.
 */
export interface EndpointContract<
  Params extends TObject = TObject,
  Answer extends TSchema = TSchema,
  Body extends TSchema | undefined = TSchema | undefined,
> {
  /** The register subsystem that offers the service, e.g. `population-register`. */
  subsystem: string;
  /** The service code under the subsystem, e.g. `persons`. */
  service: string;
  /** GET reads the register; POST asks it to change a record (a write service, with a `body`). */
  method: 'GET' | 'POST';
  /** Path template after the service code, with `{name}` parameters, e.g. `/{egn}/addresses`. */
  path: string;
  summary: string;
  /** True when the answer is about a person: the request must name its data subject. */
  personalData: boolean;
  /** The path parameters, each a string whose name says which identifier it is (`egn`, `vin` ...). */
  params: Params;
  /** The answer's body on 200. */
  answer: Answer;
  /** A POST's request body (JSON); the register refuses one that does not match it. */
  body?: Body;
  /**
   * A write service's own purpose–basis pairs: the register acts only on a request made for one
   * of them, whatever else the client may be granted on the service (a read right is no write right).
   */
  purposes?: ReadonlyArray<{ purpose: string; legalBasis: string }>;
}

export interface ServiceContract<Endpoints extends Record<string, EndpointContract>> {
  subsystem: string;
  service: string;
  name: string;
  description: string;
  endpoints: Endpoints;
}

export type ParamsOf<E extends EndpointContract> = Static<E['params']>;
export type AnswerOf<E extends EndpointContract> = Static<E['answer']>;
/** A write service's request body (never for a read). */
export type BodyOf<E extends EndpointContract> =
  E extends EndpointContract<TObject, TSchema, infer B> ? (B extends TSchema ? Static<B> : never) : never;

type EndpointSpec = Omit<EndpointContract, 'subsystem' | 'service' | 'method'> & { method?: 'GET' | 'POST' };

/** Declares a service: each endpoint learns the subsystem and service it belongs to. */
export function defineService<const Specs extends Record<string, EndpointSpec>>(service: {
  subsystem: string;
  service: string;
  name: string;
  description: string;
  endpoints: Specs;
}): ServiceContract<{
  [K in keyof Specs]: EndpointContract<
    Specs[K]['params'],
    Specs[K]['answer'],
    Specs[K] extends { body: infer B extends TSchema } ? B : undefined
  >;
}> {
  const endpoints = Object.fromEntries(
    Object.entries(service.endpoints).map(([key, spec]) => [
      key,
      { method: 'GET', ...spec, subsystem: service.subsystem, service: service.service },
    ]),
  );
  return { ...service, endpoints } as never;
}

/** The path of a call: the template with each parameter filled in, encoded. */
export function pathOf<E extends EndpointContract>(endpoint: E, params: ParamsOf<E>): string {
  const values = params as Record<string, string>;
  return endpoint.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${endpoint.path}: the parameter ${name} is missing`);
    return encodeURIComponent(value);
  });
}

/** The parameters a concrete path fills in the endpoint's template, or null when it is not this endpoint's. */
export function matchPath(template: string, path: string): Record<string, string> | null {
  const parts = template.split('/').filter(Boolean);
  const segments = path.split('/').filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = decodeSegment(segments[index]!);
    if (part.startsWith('{') && part.endsWith('}')) params[part.slice(1, -1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Shapes every register uses. Dates travel as `YYYY-MM-DD` strings (no `format`: a pattern any validator knows). */
export const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', examples: ['1985-03-14'] });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** One of a closed list of codes (the list stays the single source: the type is its members). */
export const Codes = <const T extends readonly string[]>(codes: T) =>
  Type.Unsafe<T[number]>(Type.Union(codes.map((code) => Type.Literal(code))));
/** A closed answer object: a column the contract does not name never reaches the wire. */
export const Answer = <T extends Record<string, TSchema>>(properties: T, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });

/** Path parameters: the register checks each by its name (`egn`, `vin`, `plate`, `ownerId`). */
export const PersonalNumberParam = Type.String({ description: 'personal number (EGN)' });
export const VinParam = Type.String({ description: 'vehicle identification number (VIN)' });
export const PlateParam = Type.String({ description: 'registration plate' });
export const EikParam = Type.String({ description: 'company number (EIK / UIC, 9 digits)' });
export const OwnerIdParam = Type.String({
  description: "an owner's personal number (EGN) or company number (EIK)",
});

/** `GET /by-vin/{vin}`: a vehicle's records in a register. */
export function byVin<A extends TSchema>(summary: string, answer: A, { personalData = false } = {}) {
  return { path: '/by-vin/{vin}', summary, personalData, params: Type.Object({ vin: VinParam }), answer };
}

/** `GET /by-person/{egn}`: a person's records in a register (always personal data). */
export function byPerson<A extends TSchema>(summary: string, answer: A) {
  return {
    path: '/by-person/{egn}',
    summary,
    personalData: true,
    params: Type.Object({ egn: PersonalNumberParam }),
    answer,
  };
}

/**
 * Text a person typed, as a write service takes it: 1..`max` characters, no control characters
 * (a newline or NUL in an address would end up on every certificate).
 */
export const PlainText = (max: number, description?: string) =>
  Type.String({
    minLength: 1,
    maxLength: max,
    pattern: '^[^\\u0000-\\u001f\\u007f-\\u009f]*$',
    ...(description ? { description } : {}),
  });
