import { type Static, Type } from '@sinclair/typebox';

/** The admin's exchange console: the registry, access rights as purpose–basis pairs, monitoring. */

/** GET /api/exchange/registry: members, subsystems and services as the global configuration lists them. */
export const RegistryView = Type.Object({
  instance: Type.String(),
  members: Type.Array(
    Type.Object({
      id: Type.String({ description: 'INSTANCE/CLASS/CODE' }),
      memberClass: Type.String(),
      memberCode: Type.String(),
      name: Type.String({ description: 'as registered (Bulgarian)' }),
      nodes: Type.Array(Type.String(), { description: 'the nodes that host the member' }),
      subsystems: Type.Array(
        Type.Object({
          id: Type.String({ description: 'INSTANCE/CLASS/CODE/SUBSYSTEM' }),
          code: Type.String(),
          name: Type.String(),
          services: Type.Array(
            Type.Object({
              id: Type.String(),
              code: Type.String(),
              name: Type.String(),
              providedHere: Type.Boolean({
                description: 'this node provides it (rights can be granted here)',
              }),
            }),
          ),
        }),
      ),
    }),
  ),
  globalGroups: Type.Array(Type.Object({ code: Type.String(), description: Type.String() })),
  purposes: Type.Array(Type.String(), { description: 'purpose codes a right can grant' }),
  legalBases: Type.Array(Type.Object({ code: Type.String(), hideable: Type.Boolean() })),
});
export type RegistryView = Static<typeof RegistryView>;

/** A purpose and the legal basis it is asked on: what an access right grants, one pair at a time. */
export const Pair = Type.Object(
  {
    purpose: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'a purpose code, e.g. address-verification',
    }),
    legalBasis: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'a legal basis code, e.g. civil-registration-act-art-106',
    }),
  },
  { additionalProperties: false },
);
export type Pair = Static<typeof Pair>;

/** POST /api/exchange/access-rights */
export const AccessRightBody = Type.Object(
  {
    client: Type.String({ minLength: 3, maxLength: 300 }),
    serviceId: Type.String({ minLength: 3, maxLength: 300 }),
    endpoint: Type.Optional(
      Type.Union([Type.String({ pattern: '^(GET|POST) /.*$', maxLength: 300 }), Type.Null()]),
    ),
    pairs: Type.Array(Pair, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type AccessRightBody = Static<typeof AccessRightBody>;

/** One access right (GET /api/exchange/access-rights, and the answer to a grant). */
export const AccessRightView = Type.Object({
  id: Type.String(),
  client: Type.String(),
  serviceId: Type.String(),
  endpoint: Type.Union([Type.String(), Type.Null()]),
  pairs: Type.Array(Pair),
  grantedAt: Type.String({ format: 'date-time' }),
});
export type AccessRightView = Static<typeof AccessRightView>;

export const AccessRights = Type.Object({ items: Type.Array(AccessRightView) });
export type AccessRights = Static<typeof AccessRights>;

/** GET /api/exchange/monitoring: this node's consumer messages per service over the period asked. */
export const Monitoring = Type.Object({
  node: Type.String(),
  since: Type.String({ format: 'date-time' }),
  services: Type.Array(
    Type.Object({
      service: Type.String(),
      messages: Type.Integer(),
      errors: Type.Integer(),
      p50: Type.Union([Type.Number(), Type.Null()], { description: 'milliseconds' }),
      p95: Type.Union([Type.Number(), Type.Null()]),
      p99: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
});
export type Monitoring = Static<typeof Monitoring>;
