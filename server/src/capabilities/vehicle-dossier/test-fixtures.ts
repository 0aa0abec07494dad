/**
 * Sample vehicle reports for tests: a 2015 Golf with three owners, eight inspections and a consistent
 * odometer, as a public viewer sees it. Override any top-level field; `ownerSections()` adds the
 * owner-only parts, `sampleSource()` builds one source row.
 */

import type { ReportBody, Source, SourceKey } from '@civitas/contracts/api/vehicle-report.ts';
import { dayFromIso, isoFromDay } from '@civitas/contracts/days.ts';
import { analyseOdometer, type OdometerReading } from './odometer.ts';

export const SAMPLE_TODAY = '2026-11-20';
export const SAMPLE_ISSUED_AT = '2026-11-20T09:30:00.000Z';
/** A valid reference (its check symbol matches). */
export const SAMPLE_REFERENCE = 'VR-2HVS-8RAH-8JDM';
export const SAMPLE_VIN = 'WVWZZZ1KZGW386752';

type Inspection = NonNullable<ReportBody['inspections']>[number];

const SOURCE_SERVICES: Record<SourceKey, { register: string; service: string }> = {
  vehicle: { register: 'vehicle-register', service: 'vehicles' },
  registrations: { register: 'vehicle-register', service: 'vehicles' },
  inspections: { register: 'inspections', service: 'inspections' },
  insurance: { register: 'mtpl-insurance', service: 'mtpl-policies' },
  fines: { register: 'traffic-fines', service: 'fines' },
  tax: { register: 'local-taxes', service: 'vehicle-tax' },
};

/** One source row, answered unless overridden. */
export function sampleSource(key: SourceKey, overrides: Partial<Source> = {}): Source {
  return {
    key,
    ...SOURCE_SERVICES[key],
    status: 'ok',
    fetchedAt: '2026-11-20T09:29:58.412Z',
    dataAsOf: '2026-11-19',
    error: null,
    messageId: `msg-${key}-0001`,
    ...overrides,
  };
}

/** Yearly inspections from 2019 with the odometer rising about 15,000 km a year. */
export function sampleInspections(): Inspection[] {
  return Array.from({ length: 8 }, (_, i) => ({
    date: `${2019 + i}-03-${String(10 + i).padStart(2, '0')}`,
    stationCode: i % 2 === 0 ? '2201' : '2203',
    stationName: i % 2 === 0 ? 'ГТП „Автотест“ – София' : 'ГТП „Мото-Пфое“ – Перник',
    result: 'passed',
    odometerKm: 52_300 + i * 15_150,
    nextDue: `${2020 + i}-03-${String(10 + i).padStart(2, '0')}`,
  }));
}

/** Odometer readings taken from inspections. */
export function readingsOf(inspections: readonly Inspection[]): OdometerReading[] {
  return inspections.map((inspection) => ({
    date: inspection.date,
    km: inspection.odometerKm,
    source: 'inspections',
  }));
}

/** `count` readings, one every `everyDays` days from 2000, rising ~40 km a day; for size tests. */
export function manyReadings(count: number, everyDays = 1): OdometerReading[] {
  const start = dayFromIso('2000-01-01');
  return Array.from({ length: count }, (_, i) => ({
    date: isoFromDay(start + Math.floor(i * everyDays)),
    km: Math.floor(i * everyDays * 40),
    source: 'telematics',
  }));
}

/** A public report on the sample Golf; every source answered. */
export function sampleReportBody(overrides: Partial<ReportBody> = {}): ReportBody {
  const inspections = sampleInspections();
  return {
    reference: SAMPLE_REFERENCE,
    issuedAt: SAMPLE_ISSUED_AT,
    issuer: 'https://civitas.example.bg',
    viewer: 'public',
    vin: SAMPLE_VIN,
    partial: false,
    technical: {
      vin: SAMPLE_VIN,
      make: 'Volkswagen',
      model: 'Golf',
      category: 'M1',
      body: 'hatchback',
      fuel: 'diesel',
      engineCc: 1968,
      powerKw: 110,
      massKg: 1395,
      colour: 'grey',
      modelYear: 2015,
    },
    registration: {
      status: 'registered',
      plate: 'СВ4321АК',
      firstRegistrationDate: '2016-03-01',
      ownersCount: 3,
      timeline: [
        { event: 'first_registration', date: '2016-03-01', plate: 'СА1234ВК', ownerKind: 'person' },
        { event: 'change_of_owner', date: '2019-07-15', plate: 'СА1234ВК', ownerKind: 'company' },
        { event: 'change_of_owner', date: '2022-05-02', plate: 'СА1234ВК', ownerKind: 'person' },
        { event: 'change_of_plate', date: '2022-05-02', plate: 'СВ4321АК', ownerKind: 'person' },
      ],
    },
    inspections,
    odometer: analyseOdometer(readingsOf(inspections), SAMPLE_TODAY),
    insurance: { insured: true, insurer: 'ЗАД „Армеец“', endsOn: '2027-03-01', policies: 9 },
    theft: { stolen: false, since: null },
    sources: [
      sampleSource('vehicle'),
      sampleSource('registrations'),
      sampleSource('inspections', { dataAsOf: '2026-03-17' }),
      sampleSource('insurance', { dataAsOf: '2026-03-01' }),
      sampleSource('fines', { status: 'not-applicable', dataAsOf: null, messageId: null }),
      sampleSource('tax', { status: 'not-applicable', dataAsOf: null, messageId: null }),
    ],
    ...overrides,
  };
}

/** The owner-only parts: the current owner, fines and local tax. */
export function ownerSections(body: ReportBody = sampleReportBody()): Partial<ReportBody> {
  return {
    viewer: 'owner',
    registration: body.registration && {
      ...body.registration,
      currentOwner: { kind: 'person', name: null },
    },
    fines: {
      unpaid: 1,
      unpaidAmountCents: 5_113,
      items: [
        {
          number: 'Ф-2025-118833',
          issuedOn: '2025-08-14',
          offence: 'speeding-11-20',
          amountCents: 5_113,
          paid: false,
        },
        {
          number: 'Ф-2023-004211',
          issuedOn: '2023-02-02',
          offence: 'improper-parking',
          amountCents: 2_556,
          paid: true,
        },
      ],
    },
    tax: {
      unpaidYears: [],
      unpaidAmountCents: 0,
      items: [
        { year: 2025, municipality: 'Столична', amountCents: 9_810, paid: true },
        { year: 2026, municipality: 'Столична', amountCents: 10_226, paid: true },
      ],
    },
    sources: body.sources.map((source) =>
      source.key === 'fines' || source.key === 'tax' ? sampleSource(source.key) : source,
    ),
  };
}

/** The sample with a source that did not answer: the report is partial and that section is null. */
export function partialReportBody(missing: SourceKey = 'insurance'): ReportBody {
  const body = sampleReportBody();
  const sectionsOf: Record<SourceKey, (keyof ReportBody)[]> = {
    vehicle: ['technical', 'theft'],
    registrations: ['registration'],
    inspections: ['inspections', 'odometer'],
    insurance: ['insurance'],
    fines: ['fines'],
    tax: ['tax'],
  };
  return {
    ...body,
    ...Object.fromEntries(sectionsOf[missing].map((section) => [section, null])),
    partial: true,
    sources: body.sources.map((source) =>
      source.key === missing
        ? sampleSource(missing, {
            status: 'missing',
            dataAsOf: null,
            error: 'the register did not answer within 5 s',
            messageId: null,
          })
        : source,
    ),
  };
}
