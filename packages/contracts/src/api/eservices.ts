import { type Static, Type } from '@sinclair/typebox';
import { LIFE_EVENTS, LocalText, SERVICE_CATEGORIES, ServiceDeclaration } from '../eservices/declaration.ts';

/** The public API of the e-services: the catalogue, a service's start (prefill + eligibility), drafts. */

const Literals = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((value) => Type.Literal(value)));
export const LANGUAGES = ['bg', 'en', 'pl'] as const;

/** GET /api/eservices/catalogue?q=&category=&lifeEvent=&lang= */
export const CatalogueQuery = Type.Object(
  {
    /** Words in the reader's language, matched against each service's title and summary. */
    q: Type.Optional(Type.String({ maxLength: 200, pattern: '^[^\\u0000-\\u001f\\u007f]*$' })),
    category: Type.Optional(Literals(SERVICE_CATEGORIES)),
    lifeEvent: Type.Optional(Literals(LIFE_EVENTS)),
    lang: Type.Optional(Literals(LANGUAGES)),
  },
  { additionalProperties: false },
);
export type CatalogueQuery = Static<typeof CatalogueQuery>;

export const CatalogueEntry = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  title: LocalText,
  summary: LocalText,
  categories: Type.Array(Type.String()),
  lifeEvents: Type.Array(Type.String()),
  applicant: Type.String(),
  administration: Type.Object({ id: Type.String(), name: LocalText }),
  processingDays: Type.Integer(),
  fee: Type.Union([Type.Object({ amountCents: Type.Integer(), currency: Type.Literal('EUR') }), Type.Null()]),
});
export type CatalogueEntry = Static<typeof CatalogueEntry>;

export const Catalogue = Type.Object({
  services: Type.Array(CatalogueEntry),
  /** Every category and life event that some service has (the screen's chips). */
  categories: Type.Array(Type.String()),
  lifeEvents: Type.Array(Type.String()),
});
export type Catalogue = Static<typeof Catalogue>;

export const PrefilledValue = Type.Object({
  field: Type.String(),
  value: Type.Unknown(),
  /** `<register>.<endpoint>`: the key of one of the sources. */
  source: Type.String(),
  editable: Type.Boolean(),
});
export type PrefilledValue = Static<typeof PrefilledValue>;

export const StartSource = Type.Object({
  key: Type.String(),
  service: Type.String(),
  name: LocalText,
  status: Literals(['ok', 'timeout', 'failed'] as const),
  fetchedAt: Type.String(),
});
export type StartSource = Static<typeof StartSource>;

export const EligibilityAnswer = Type.Object({
  status: Literals(['eligible', 'not-eligible', 'unknown'] as const),
  reasons: Type.Array(Type.Object({ reason: Type.String(), text: LocalText })),
});
export type EligibilityAnswer = Static<typeof EligibilityAnswer>;

/** GET /api/eservices/services/:code/start: the declaration, its prefill and the eligibility decided. */
export const ServiceStart = Type.Object({
  service: ServiceDeclaration,
  eligibility: EligibilityAnswer,
  prefill: Type.Array(PrefilledValue),
  /** The prefilled values as the form's initial data. */
  formData: Type.Record(Type.String(), Type.Unknown()),
  sources: Type.Array(StartSource),
  requestId: Type.String(),
});
export type ServiceStart = Static<typeof ServiceStart>;

/** A form error beside its field, as problem+json's `errors` member carries it. */
export const FieldErrorAnswer = Type.Object({
  field: Type.String(),
  keyword: Type.String(),
  params: Type.Record(Type.String(), Type.Unknown()),
});
export type FieldErrorAnswer = Static<typeof FieldErrorAnswer>;

const Uuid = Type.String({ format: 'uuid', maxLength: 36 });

/** PUT /api/eservices/drafts/:id: the form as the citizen left it (checked in full only on submit). */
export const DraftBody = Type.Object(
  {
    serviceCode: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 }),
    data: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);
export type DraftBody = Static<typeof DraftBody>;

export const Draft = Type.Object({
  id: Uuid,
  serviceCode: Type.String(),
  serviceVersion: Type.Integer(),
  title: LocalText,
  data: Type.Record(Type.String(), Type.Unknown()),
  updatedAt: Type.String(),
});
export type Draft = Static<typeof Draft>;
export const Drafts = Type.Object({ drafts: Type.Array(Draft) });
export type Drafts = Static<typeof Drafts>;

/**
 * POST /api/eservices/applications: a draft submitted, signed by the applicant. `signature` is a
 * JAdES compact JWS whose payload is the canonical JSON of `submissionPayload(...)`.
 */
export const SubmitBody = Type.Object(
  {
    draftId: Uuid,
    signature: Type.String({
      minLength: 20,
      maxLength: 65_536,
      pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
    }),
  },
  { additionalProperties: false },
);
export type SubmitBody = Static<typeof SubmitBody>;

/** What the applicant signs: the service, its version, the draft and the form data. */
export function submissionPayload(draft: {
  id: string;
  serviceCode: string;
  serviceVersion: number;
  data: unknown;
}) {
  return {
    type: 'civitas-eservice-application',
    service: draft.serviceCode,
    version: draft.serviceVersion,
    draft: draft.id,
    data: draft.data,
  };
}

export const APPLICATION_STATUSES = [
  'submitted',
  'in-review',
  'more-information-requested',
  'approved',
  'refused',
  'withdrawn',
] as const;

export const HistoryEntry = Type.Object({
  at: Type.String(),
  actor: Literals(['applicant', 'official', 'system'] as const),
  action: Type.String(),
  status: Literals(APPLICATION_STATUSES),
  note: Type.Union([Type.String(), Type.Null()]),
});

export const Application = Type.Object({
  id: Uuid,
  serviceCode: Type.String(),
  serviceVersion: Type.Integer(),
  title: LocalText,
  administration: Type.Object({ id: Type.String(), name: LocalText }),
  status: Literals(APPLICATION_STATUSES),
  submittedAt: Type.String(),
  dueAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  history: Type.Array(HistoryEntry),
});
export type Application = Static<typeof Application>;
export const Applications = Type.Object({
  applications: Type.Array(Type.Omit(Application, ['data', 'history'])),
});
export type Applications = Static<typeof Applications>;

/** POST /api/eservices/services/:code/check: the form data checked against the service's schema on the server. */
export const CheckBody = Type.Object(
  { data: Type.Record(Type.String(), Type.Unknown()) },
  { additionalProperties: false },
);
export type CheckBody = Static<typeof CheckBody>;
export const CheckAnswer = Type.Object({ valid: Type.Boolean(), errors: Type.Array(FieldErrorAnswer) });
export type CheckAnswer = Static<typeof CheckAnswer>;
