import { type Static, Type } from '@sinclair/typebox';

/**
 * A service declaration (issue 18, ports.md §1): one JSON file per e-service, validated at boot.
 * Adding a service is adding a file: its form (JSON Schema + rjsf uiSchema + labels in every
 * language), which register fields prefill which form fields, who is eligible, what must be
 * attached, who signs, and how it is decided. Browser-safe (TypeBox only).
 */

/** Text in each language the app speaks: all three are required. */
export const LocalText = Type.Object(
  { bg: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }), pl: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);
export type LocalText = Static<typeof LocalText>;

export const SERVICE_CATEGORIES = [
  'address-and-residence',
  'vehicles-and-driving',
  'family-and-children',
  'health',
  'justice-and-certificates',
  'business',
  'parking-and-transport',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export const LIFE_EVENTS = [
  'i-moved',
  'i-bought-a-car',
  'i-sold-a-car',
  'a-child-was-born',
  'travelling-abroad',
  'running-a-business',
  'applying-for-a-job',
] as const;
export type LifeEvent = (typeof LIFE_EVENTS)[number];

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const DOCUMENT_KINDS = ['permit', 'certificate', 'ehic', 'decision'] as const;

const Code = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 });
/** A path into the form data, e.g. `address.street`. */
const FieldPath = Type.String({
  pattern: '^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*$',
  maxLength: 200,
});
const Literals = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((value) => Type.Literal(value)));
const JsonObject = Type.Record(Type.String(), Type.Unknown());

export const PrefillRule = Type.Object(
  {
    field: FieldPath,
    source: Type.Object(
      {
        /** A register contract's service code, e.g. `persons`. */
        register: Code,
        /** The endpoint's key in that contract, e.g. `addresses`. */
        endpoint: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]*$' }),
        /** `$applicant` (the signed-in person's number), `$business` (the represented EIK) or `$form.<path>`. */
        params: Type.Record(Type.String(), Type.String()),
        /** JSONPath-like into the answer, e.g. `$[?(@.kind=='current')].street`. */
        pick: Type.String({ minLength: 1 }),
      },
      { additionalProperties: false },
    ),
    /** False: shown read-only with its source. */
    editable: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type PrefillRule = Static<typeof PrefillRule>;

export const EligibilityRule = Type.Object(
  {
    /** A json-logic rule over `{ sources: { '<register>.<endpoint>': answer }, applicant: {...} }`. */
    rule: JsonObject,
    reason: Code,
    /** Shown when the rule is false. */
    text: LocalText,
  },
  { additionalProperties: false },
);
export type EligibilityRule = Static<typeof EligibilityRule>;

export const AttachmentRule = Type.Object(
  {
    code: Code,
    title: LocalText,
    required: Type.Boolean(),
    types: Type.Array(Literals(ATTACHMENT_TYPES), { minItems: 1 }),
    maxBytes: Type.Integer({ minimum: 1, maximum: 20 * 1024 * 1024 }),
  },
  { additionalProperties: false },
);
export type AttachmentRule = Static<typeof AttachmentRule>;

export const ServiceDeclaration = Type.Object(
  {
    code: Code,
    version: Type.Integer({ minimum: 1 }),
    title: LocalText,
    summary: LocalText,
    categories: Type.Array(Literals(SERVICE_CATEGORIES), { minItems: 1 }),
    lifeEvents: Type.Array(Literals(LIFE_EVENTS)),
    applicant: Literals(['person', 'business'] as const),
    administration: Type.Object({ id: Code, name: LocalText }, { additionalProperties: false }),
    purpose: Code,
    legalBasis: Code,
    legalBasisText: LocalText,
    processingDays: Type.Integer({ minimum: 1, maximum: 366 }),
    fee: Type.Union([
      Type.Object(
        { amountCents: Type.Integer({ minimum: 0 }), currency: Type.Literal('EUR') },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    form: Type.Object(
      {
        /** JSON Schema draft-07 of the form data (the server validates with Ajv 8). */
        schema: JsonObject,
        /** The @rjsf uiSchema (widgets, order, readonly). */
        uiSchema: JsonObject,
        labels: Type.Record(Type.String(), LocalText),
        help: Type.Optional(Type.Record(Type.String(), LocalText)),
        enumLabels: Type.Optional(Type.Record(Type.String(), Type.Record(Type.String(), LocalText))),
      },
      { additionalProperties: false },
    ),
    prefill: Type.Array(PrefillRule),
    eligibility: Type.Array(EligibilityRule),
    attachments: Type.Array(AttachmentRule),
    signers: Type.Array(Literals(['applicant', 'counterparty'] as const), { minItems: 1 }),
    counterparty: Type.Optional(
      Type.Object({ field: FieldPath, label: LocalText }, { additionalProperties: false }),
    ),
    decision: Type.Object(
      {
        fourEyes: Type.Boolean(),
        document: Type.Optional(
          Type.Object(
            {
              kind: Literals(DOCUMENT_KINDS),
              title: LocalText,
              validityDays: Type.Optional(Type.Integer({ minimum: 1 })),
            },
            { additionalProperties: false },
          ),
        ),
        effect: Type.Optional(Type.Object({ register: Code, action: Code }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ServiceDeclaration = Static<typeof ServiceDeclaration>;
