/**
 * The sections of the PDF report, one function each, in the order they are printed. A section whose
 * register did not answer (null in the report) says so rather than disappearing; the owner-only
 * sections (fines, tax) are printed only when the report has them at all.
 */

import type { SignedReport } from '@civitas/contracts/api/vehicle-report.ts';
import {
  type Cell,
  COLOUR,
  contentWidth,
  type Doc,
  ensureSpace,
  heading,
  keyValues,
  paragraph,
  table,
} from '../../documents/index.ts';
import { nameOf } from './pdf-code-labels.ts';
import type { PdfLabels } from './pdf-labels.ts';
import { drawOdometerChart } from './pdf-odometer-chart.ts';

export interface SectionContext {
  doc: Doc;
  t: PdfLabels;
  report: SignedReport;
}

const NONE = '—';
/** Rollbacks and implausible stretches listed in full up to this many; the chart shows them all. */
const MAX_LISTED = 20;
const CHART_HEIGHT = 190;

export function technicalSection({ doc, t, report }: SectionContext): void {
  heading(doc, t.sections.technical);
  const data = report.technical;
  if (!data) {
    notAvailable(doc, t);
    return;
  }
  keyValues(doc, [
    [t.technical.vin, data.vin],
    [t.technical.make, data.make],
    [t.technical.model, data.model],
    [t.technical.modelYear, String(data.modelYear)],
    [t.technical.category, nameOf(t.codes.categories, data.category)],
    [t.technical.body, nameOf(t.codes.bodies, data.body)],
    [t.technical.fuel, nameOf(t.codes.fuels, data.fuel)],
    [t.technical.engine, `${t.formatNumber(data.engineCc)} ${t.units.cc}`],
    [t.technical.power, `${t.formatNumber(data.powerKw)} ${t.units.kw}`],
    [t.technical.mass, `${t.formatNumber(data.massKg)} ${t.units.kg}`],
    [t.technical.colour, nameOf(t.codes.colours, data.colour)],
  ]);
}

export function registrationSection({ doc, t, report }: SectionContext): void {
  heading(doc, t.sections.registration);
  const registration = report.registration;
  if (!registration) {
    notAvailable(doc, t);
    return;
  }
  const owner = registration.currentOwner;
  keyValues(doc, [
    [t.registration.status, t.registration.statuses[registration.status]],
    [t.registration.plate, registration.plate ?? NONE],
    [t.registration.firstRegistration, t.formatDate(registration.firstRegistrationDate)],
    [t.registration.ownersCount, String(registration.ownersCount)],
    ...(owner
      ? [
          [
            t.registration.currentOwner,
            // A person by kind alone; never a personal number (the PDF is handed to buyers).
            owner.kind === 'company' && owner.name
              ? `${owner.name} (${owner.id})`
              : t.registration.ownerKinds[owner.kind],
          ] as const,
        ]
      : []),
  ]);
  if (registration.timeline.length === 0) return;
  doc.moveDown(0.6);
  paragraph(doc, t.registration.timeline, COLOUR.text, true);
  const rows = registration.timeline.map((event) => [
    t.formatDate(event.date),
    t.registration.events[event.event] ?? event.event,
    event.plate ?? NONE,
    t.registration.ownerKinds[event.ownerKind],
  ]);
  table(doc, t.registration.columns, rows, [70, '*', 90, 110]);
}

export function theftSection({ doc, t, report }: SectionContext): void {
  heading(doc, t.sections.theft);
  const theft = report.theft;
  if (!theft) {
    notAvailable(doc, t);
    return;
  }
  if (theft.stolen)
    paragraph(doc, t.theft.stolen(theft.since && t.formatDate(theft.since)), COLOUR.danger, true);
  else paragraph(doc, t.theft.notStolen, COLOUR.ok);
}

export function deregistrationSection({ doc, t, report }: SectionContext): void {
  heading(doc, t.sections.deregistration);
  const registration = report.registration;
  if (!registration) {
    notAvailable(doc, t);
    return;
  }
  const dates = registration.timeline
    .filter((event) => event.event === 'deregistration')
    .map((event) => t.formatDate(event.date));
  const last = registration.status === 'registered' ? null : (dates.pop() ?? null);
  const status = {
    registered: t.deregistration.registered,
    deregistered: t.deregistration.deregistered(last),
    scrapped: t.deregistration.scrapped(last),
  }[registration.status];
  paragraph(
    doc,
    status,
    registration.status === 'scrapped' ? COLOUR.danger : COLOUR.text,
    registration.status !== 'registered',
  );
  if (dates.length > 0) paragraph(doc, t.deregistration.earlier(dates.join(', ')));
}

export function inspectionsSection({ doc, t, report }: SectionContext): void {
  heading(doc, t.sections.inspections);
  const inspections = report.inspections;
  if (!inspections) {
    notAvailable(doc, t);
    return;
  }
  if (inspections.length === 0) {
    paragraph(doc, t.inspections.none, COLOUR.muted);
    return;
  }
  const rows = inspections.map((inspection): Cell[] => [
    t.formatDate(inspection.date),
    `${t.properName(inspection.stationName)} (${inspection.stationCode})`,
    inspection.result === 'failed'
      ? { text: t.codes.inspectionResults.failed, colour: COLOUR.danger, bold: true }
      : nameOf(t.codes.inspectionResults, inspection.result),
    `${t.formatNumber(inspection.odometerKm)} ${t.units.km}`,
  ]);
  table(doc, t.inspections.columns, rows, [64, '*', 72, 84]);
  const nextDue = inspections.findLast((inspection) => inspection.nextDue !== null)?.nextDue;
  if (nextDue) paragraph(doc, `${t.inspections.nextDue}: ${t.formatDate(nextDue)}`);
}

export function odometerSection({ doc, t, report }: SectionContext): void {
  heading(doc, t.sections.odometer);
  const odometer = report.odometer;
  if (!odometer) {
    notAvailable(doc, t);
    return;
  }
  const tone = {
    consistent: COLOUR.ok,
    rollback: COLOUR.danger,
    implausible: COLOUR.warning,
    'insufficient-data': COLOUR.muted,
  };
  paragraph(doc, t.odometer.verdicts[odometer.verdict], tone[odometer.verdict], true);
  doc.moveDown(0.4);
  const last = odometer.lastReading;
  const km = (value: number) => `${t.formatNumber(value)} ${t.units.km}`;
  keyValues(doc, [
    [t.odometer.lastReading, last ? `${km(last.km)} (${t.formatDate(last.date)})` : NONE],
    [
      t.odometer.average,
      odometer.averageKmPerYear === null
        ? NONE
        : `${t.formatNumber(odometer.averageKmPerYear)} ${t.units.kmPerYear}`,
    ],
    [t.odometer.readings, t.formatNumber(odometer.readings.length)],
  ]);
  if (odometer.readings.length > 0) chart(doc, odometer, t);
  rollbackList(doc, odometer.rollbacks, t, km);
  implausibleList(doc, odometer.implausible, t);
}

function chart(doc: Doc, odometer: NonNullable<SignedReport['odometer']>, t: PdfLabels): void {
  ensureSpace(doc, CHART_HEIGHT + 10);
  const box = { x: doc.page.margins.left, y: doc.y + 8, width: contentWidth(doc), height: CHART_HEIGHT };
  drawOdometerChart(doc, odometer, box, t);
  doc.x = doc.page.margins.left;
  doc.y = box.y + box.height + 6;
}

function rollbackList(
  doc: Doc,
  rollbacks: NonNullable<SignedReport['odometer']>['rollbacks'],
  t: PdfLabels,
  km: (value: number) => string,
): void {
  if (rollbacks.length === 0) return;
  paragraph(doc, t.odometer.rollbacks, COLOUR.danger, true);
  const rows = rollbacks
    .slice(0, MAX_LISTED)
    .map((rollback) => [
      `${km(rollback.fromKm)} (${t.formatDate(rollback.fromDate)})`,
      `${km(rollback.toKm)} (${t.formatDate(rollback.toDate)})`,
      { text: `−${km(rollback.dropKm)}`, colour: COLOUR.danger },
    ]);
  table(doc, t.odometer.rollbackColumns, rows, ['*', '*', 110]);
  moreNote(doc, rollbacks.length, t);
}

function implausibleList(
  doc: Doc,
  stretches: NonNullable<SignedReport['odometer']>['implausible'],
  t: PdfLabels,
): void {
  if (stretches.length === 0) return;
  doc.moveDown(0.4);
  paragraph(doc, t.odometer.implausible, COLOUR.warning, true);
  const rows = stretches.slice(0, MAX_LISTED).map((stretch) => [
    stretch.fromDate === stretch.toDate
      ? t.formatDate(stretch.toDate)
      : `${t.formatDate(stretch.fromDate)} – ${t.formatDate(stretch.toDate)}`,
    // odometer.ts marks a reading dated in the future as a zero-length stretch without a rate.
    stretch.fromDate === stretch.toDate && stretch.kmPerYear === 0
      ? t.odometer.futureReading
      : t.odometer.rate(t.formatNumber(stretch.kmPerYear)),
  ]);
  table(doc, t.odometer.implausibleColumns, rows, [150, '*']);
  moreNote(doc, stretches.length, t);
}

function moreNote(doc: Doc, count: number, t: PdfLabels): void {
  if (count > MAX_LISTED) paragraph(doc, t.odometer.more(count - MAX_LISTED), COLOUR.muted);
}

export function insuranceSection({ doc, t, report }: SectionContext): void {
  heading(doc, t.sections.insurance);
  const insurance = report.insurance;
  if (!insurance) {
    notAvailable(doc, t);
    return;
  }
  keyValues(doc, [
    [
      t.insurance.insured,
      insurance.insured
        ? { text: t.yes, colour: COLOUR.ok }
        : { text: t.no, colour: COLOUR.danger, bold: true },
    ],
    [t.insurance.insurer, insurance.insurer ? t.properName(insurance.insurer) : NONE],
    [t.insurance.endsOn, insurance.endsOn ? t.formatDate(insurance.endsOn) : NONE],
    [t.insurance.policies, String(insurance.policies)],
  ]);
}

export function finesSection({ doc, t, report }: SectionContext): void {
  if (report.fines === undefined) return;
  heading(doc, t.sections.fines);
  const fines = report.fines;
  if (!fines) {
    notAvailable(doc, t);
    return;
  }
  const unpaid = `${fines.unpaid} (${t.formatMoney(fines.unpaidAmountCents)})`;
  keyValues(doc, [
    [t.fines.unpaid, fines.unpaid > 0 ? { text: unpaid, colour: COLOUR.danger, bold: true } : unpaid],
  ]);
  if (fines.items.length === 0) {
    paragraph(doc, t.fines.none, COLOUR.muted);
    return;
  }
  doc.moveDown(0.4);
  const rows = fines.items.map((fine) => [
    fine.number,
    t.formatDate(fine.issuedOn),
    nameOf(t.codes.offences, fine.offence),
    t.formatMoney(fine.amountCents),
    fine.paid ? t.yes : { text: t.no, colour: COLOUR.danger, bold: true },
  ]);
  table(doc, t.fines.columns, rows, [90, 64, '*', 70, 50]);
}

export function taxSection({ doc, t, report }: SectionContext): void {
  if (report.tax === undefined) return;
  heading(doc, t.sections.tax);
  const tax = report.tax;
  if (!tax) {
    notAvailable(doc, t);
    return;
  }
  keyValues(doc, [
    [
      t.tax.unpaidYears,
      tax.unpaidYears.length > 0
        ? { text: tax.unpaidYears.join(', '), colour: COLOUR.danger, bold: true }
        : t.tax.none,
    ],
    [t.tax.unpaidAmount, t.formatMoney(tax.unpaidAmountCents)],
  ]);
  if (tax.items.length === 0) return;
  doc.moveDown(0.4);
  const rows = tax.items.map((item) => [
    String(item.year),
    t.properName(item.municipality),
    t.formatMoney(item.amountCents),
    item.paid ? t.yes : { text: t.no, colour: COLOUR.danger, bold: true },
  ]);
  table(doc, t.tax.columns, rows, [60, '*', 90, 60]);
}

export function sourcesSection({ doc, t, report }: SectionContext): void {
  heading(doc, t.sections.sources);
  const rows = report.sources.map((source): Cell[] => [
    `${nameOf(t.codes.registers, source.register)} (${t.sources.keys[source.key] ?? source.key})`,
    source.status === 'missing'
      ? {
          text: [t.sources.statuses.missing, t.registerErrors ? source.error : null]
            .filter(Boolean)
            .join(': '),
          colour: COLOUR.danger,
          bold: true,
        }
      : t.sources.statuses[source.status],
    t.formatDateTime(source.fetchedAt),
    source.dataAsOf ? t.formatDate(source.dataAsOf) : NONE,
  ]);
  table(doc, t.sources.columns, rows, ['*', 130, 100, 70]);
}

function notAvailable(doc: Doc, t: PdfLabels): void {
  paragraph(doc, t.notAvailable, COLOUR.muted);
}
