import { type Static, Type } from '@sinclair/typebox';

/**
 * The vehicle history report ("digital vehicle dossier"): what a buyer, an owner or an official
 * is shown about a vehicle, gathered live from the registers through the exchange. The JSON
 * form is signed (JWS over its canonical JSON); the PDF carries the same content and a QR code
 * to `/verify/<reference>`. This schema is also the response schema: it is the guard that
 * keeps an owner's identity away from third parties.
 */

export const Viewer = Type.Union([
  Type.Literal('public'),
  Type.Literal('owner'),
  Type.Literal('official'),
  Type.Literal('police'),
]);
export type Viewer = Static<typeof Viewer>;

const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const IsoDateTime = Type.String({ format: 'date-time' });

export const SOURCE_KEYS = ['vehicle', 'registrations', 'inspections', 'insurance', 'fines', 'tax'] as const;
export const SourceKey = Type.Union(SOURCE_KEYS.map((key) => Type.Literal(key)));
export type SourceKey = Static<typeof SourceKey>;

/** Which register answered each part of the report, and how fresh its data is. */
export const Source = Type.Object({
  key: SourceKey,
  register: Type.String({ description: 'the register (its exchange subsystem name)' }),
  service: Type.String({ description: 'the exchange service id' }),
  status: Type.Union([Type.Literal('ok'), Type.Literal('missing'), Type.Literal('not-applicable')]),
  /** When the register answered (ok) or was asked (missing). */
  fetchedAt: IsoDateTime,
  /** The latest date in the register's answer (how current its data is), when it has one. */
  dataAsOf: Type.Union([IsoDate, Type.Null()]),
  /** Why a source is missing (timeout, failure), in words. */
  error: Type.Union([Type.String(), Type.Null()]),
  messageId: Type.Union([Type.String(), Type.Null()], { description: 'the exchange message id' }),
});
export type Source = Static<typeof Source>;

/** The registers a report asks, by their exchange subsystem code (a source's `register`). */
export const REPORT_REGISTERS = [
  'vehicle-register',
  'inspections',
  'mtpl-insurance',
  'traffic-fines',
  'local-taxes',
] as const;
export type ReportRegister = (typeof REPORT_REGISTERS)[number];

export const TechnicalData = Type.Object({
  vin: Type.String(),
  make: Type.String(),
  model: Type.String(),
  category: Type.String(),
  body: Type.String(),
  fuel: Type.String(),
  engineCc: Type.Integer(),
  powerKw: Type.Integer(),
  massKg: Type.Integer(),
  colour: Type.String(),
  modelYear: Type.Integer(),
});

export const RegistrationEvent = Type.Object({
  event: Type.Union(
    (
      [
        'first_registration',
        'import_registration',
        'change_of_owner',
        'change_of_plate',
        'deregistration',
      ] as const
    ).map((event) => Type.Literal(event)),
  ),
  date: IsoDate,
  /** Plates are public (they are on the car); owners never appear here. */
  plate: Type.Union([Type.String(), Type.Null()]),
  ownerKind: Type.Union([Type.Literal('person'), Type.Literal('company')]),
});

export type RegistrationEventKind = Static<typeof RegistrationEvent>['event'];

export const Registration = Type.Object({
  status: Type.Union([Type.Literal('registered'), Type.Literal('deregistered'), Type.Literal('scrapped')]),
  plate: Type.Union([Type.String(), Type.Null()]),
  firstRegistrationDate: IsoDate,
  ownersCount: Type.Integer({ minimum: 0 }),
  timeline: Type.Array(RegistrationEvent),
  /**
   * The current owner: only for the owner themselves, officials and police. A person is named by
   * kind alone: a personal number never goes into a report, which its holder may hand to anyone
   * (an owner's PDF carries its JSON). A company is named with its EIK, public in the commercial
   * register.
   */
  currentOwner: Type.Optional(
    Type.Union([
      Type.Object({ kind: Type.Literal('person'), name: Type.Null() }),
      Type.Object({
        kind: Type.Literal('company'),
        id: Type.String(),
        name: Type.Union([Type.String(), Type.Null()]),
      }),
    ]),
  ),
});

export type Registration = Static<typeof Registration>;

export const Inspection = Type.Object({
  date: IsoDate,
  stationCode: Type.String(),
  stationName: Type.String(),
  result: Type.String(),
  odometerKm: Type.Integer({ minimum: 0 }),
  nextDue: Type.Union([IsoDate, Type.Null()]),
});

export const OdometerAnalysis = Type.Object({
  verdict: Type.Union([
    Type.Literal('consistent'),
    Type.Literal('rollback'),
    Type.Literal('implausible'),
    Type.Literal('insufficient-data'),
  ]),
  readings: Type.Array(
    Type.Object({ date: IsoDate, km: Type.Integer({ minimum: 0 }), source: Type.String() }),
  ),
  /** Every reading lower than an earlier one. */
  rollbacks: Type.Array(
    Type.Object({
      fromDate: IsoDate,
      fromKm: Type.Integer(),
      toDate: IsoDate,
      toKm: Type.Integer(),
      dropKm: Type.Integer(),
    }),
  ),
  /** Stretches driven at an implausible rate (beyond what a car can do in the time). */
  implausible: Type.Array(
    Type.Object({ fromDate: IsoDate, toDate: IsoDate, kmPerYear: Type.Integer(), reason: Type.String() }),
  ),
  averageKmPerYear: Type.Union([Type.Integer(), Type.Null()]),
  lastReading: Type.Union([Type.Object({ date: IsoDate, km: Type.Integer() }), Type.Null()]),
});
export type OdometerAnalysis = Static<typeof OdometerAnalysis>;

export const Insurance = Type.Object({
  /** Whether a valid MTPL policy covers today. */
  insured: Type.Boolean(),
  insurer: Type.Union([Type.String(), Type.Null()]),
  endsOn: Type.Union([IsoDate, Type.Null()]),
  policies: Type.Integer({ description: 'number of policies on record' }),
});

export const Theft = Type.Object({
  stolen: Type.Boolean(),
  since: Type.Union([IsoDate, Type.Null()]),
});

/** Owner-only sections. */
export const Fines = Type.Object({
  unpaid: Type.Integer(),
  unpaidAmountCents: Type.Integer(),
  items: Type.Array(
    Type.Object({
      number: Type.String(),
      issuedOn: IsoDate,
      offence: Type.String(),
      amountCents: Type.Integer(),
      paid: Type.Boolean(),
    }),
  ),
});
export const Tax = Type.Object({
  unpaidYears: Type.Array(Type.Integer()),
  unpaidAmountCents: Type.Integer(),
  items: Type.Array(
    Type.Object({
      year: Type.Integer(),
      municipality: Type.String(),
      amountCents: Type.Integer(),
      paid: Type.Boolean(),
    }),
  ),
});

/** The report's content: everything that is signed. */
export const ReportBody = Type.Object({
  reference: Type.String({
    pattern: '^VR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$',
  }),
  issuedAt: IsoDateTime,
  issuer: Type.String({ description: 'the public URL of the issuing platform' }),
  viewer: Viewer,
  vin: Type.String(),
  /** True when at least one source did not answer: the report is partial. */
  partial: Type.Boolean(),
  technical: Type.Union([TechnicalData, Type.Null()]),
  registration: Type.Union([Registration, Type.Null()]),
  inspections: Type.Union([Type.Array(Inspection), Type.Null()]),
  odometer: Type.Union([OdometerAnalysis, Type.Null()]),
  insurance: Type.Union([Insurance, Type.Null()]),
  theft: Type.Union([Theft, Type.Null()]),
  fines: Type.Optional(Type.Union([Fines, Type.Null()])),
  tax: Type.Optional(Type.Union([Tax, Type.Null()])),
  sources: Type.Array(Source),
});
export type ReportBody = Static<typeof ReportBody>;

/** A signed report: the body and a compact JWS (ES256) with detached payload over its canonical JSON. */
export const SignedReport = Type.Intersect([
  ReportBody,
  Type.Object({
    signature: Type.String({
      description: 'JWS compact serialization, detached payload (header..signature)',
    }),
  }),
]);
export type SignedReport = Static<typeof SignedReport>;
