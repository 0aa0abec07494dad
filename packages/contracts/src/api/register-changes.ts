import { type Static, Type } from '@sinclair/typebox';

/**
 * The register changes staff make (the police suspend or restore a driving licence, an official
 * records a death or registers a vehicle to its new owner): requests and answers. Browser-safe.
 * Each change is recorded in the registers' change outbox, which revokes the wallet credentials
 * made from the record.
 */

const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', examples: ['2026-03-14'] });

export const DeathRequest = Type.Object({ deathDate: IsoDate }, { additionalProperties: false });
export type DeathRequest = Static<typeof DeathRequest>;

export const NewOwnerRequest = Type.Object(
  {
    /** The new owner's personal number (the instance's scheme). */
    ownerId: Type.String({ pattern: '^[0-9]{10,11}$' }),
    eventDate: IsoDate,
  },
  { additionalProperties: false },
);
export type NewOwnerRequest = Static<typeof NewOwnerRequest>;

/** What a change did: the record, its new state, and the change's number in the outbox. */
export const RegisterChangeResult = Type.Object(
  {
    register: Type.String(),
    key: Type.String(),
    kind: Type.Union([
      Type.Literal('licence-suspended'),
      Type.Literal('licence-restored'),
      Type.Literal('person-deceased'),
      Type.Literal('vehicle-reregistered'),
    ]),
    changeId: Type.Integer(),
    at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type RegisterChangeResult = Static<typeof RegisterChangeResult>;
