import { type Static, Type } from '@sinclair/typebox';

/** What an official or police officer looks up; each has its own purpose–basis pairs. */
export const LOOKUP_SERVICES = ['person-card', 'vehicle-dossier'] as const;
export type LookupService = (typeof LOOKUP_SERVICES)[number];

/**
 * One purpose–basis pair the signed-in official may use (GET /api/access/purposes). Purpose and
 * legal basis are codes; the web app has their words.
 */
export const PurposeChoice = Type.Object({
  service: Type.Union(
    LOOKUP_SERVICES.map((service) => Type.Literal(service)),
    {
      description:
        'person-card: GET /api/persons/{egn}; vehicle-dossier: GET /api/vehicles/{vin}/dossier (send the pair in X-Purpose and X-Legal-Basis)',
    },
  ),
  purpose: Type.String({ description: 'purpose code' }),
  legalBasis: Type.String({ description: 'legal basis code' }),
  hideable: Type.Boolean({
    description: 'an access on this basis may be hidden from the person (POST /api/audit/hidden-cases)',
  }),
});
export type PurposeChoice = Static<typeof PurposeChoice>;

export const AllowedPairs = Type.Object({ items: Type.Array(PurposeChoice) });
export type AllowedPairs = Static<typeof AllowedPairs>;
