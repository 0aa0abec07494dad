/**
 * The odometer chart: readings over time as a vector line, years along the bottom, kilometres up the
 * side, and every reading that is lower than an earlier one marked in red.
 */

import type { OdometerAnalysis } from '@civitas/contracts/api/vehicle-report.ts';
import { dayFromIso, dayFromParts, partsFromDay } from '@civitas/contracts/days.ts';
import { COLOUR, type Doc, FONT, SIZE } from '../../documents/index.ts';
import type { PdfLabels } from './pdf-labels.ts';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Scale {
  firstYear: number;
  yearStep: number;
  years: number;
  kmStep: number;
  kmMax: number;
  toX: (day: number) => number;
  toY: (km: number) => number;
}

/** Individual reading dots are drawn only up to this many readings; beyond it they would be a smear. */
const MAX_DOTS = 60;
const PLOT_INSET = { left: 52, right: 8, top: 16, bottom: 16 } as const;

/** Draws the chart of `odometer.readings` (at least one) inside `box`. */
export function drawOdometerChart(doc: Doc, odometer: OdometerAnalysis, box: Box, labels: PdfLabels): void {
  const plot = {
    x: box.x + PLOT_INSET.left,
    y: box.y + PLOT_INSET.top,
    width: box.width - PLOT_INSET.left - PLOT_INSET.right,
    height: box.height - PLOT_INSET.top - PLOT_INSET.bottom,
  };
  const scale = scaleFor(odometer.readings, plot);
  doc.save();
  drawGridAndAxes(doc, scale, plot, labels);
  drawReadings(doc, odometer.readings, scale);
  drawRollbacks(doc, odometer.rollbacks, scale);
  drawLegend(doc, box, labels);
  doc.restore();
}

/** Whole calendar years around the readings, and kilometres from 0 to a round number above the highest. */
function scaleFor(readings: OdometerAnalysis['readings'], plot: Box): Scale {
  const days = readings.map((reading) => dayFromIso(reading.date));
  const firstYear = partsFromDay(days.reduce((min, day) => Math.min(min, day))).year;
  const lastYear = partsFromDay(days.reduce((max, day) => Math.max(max, day))).year;
  const years = lastYear - firstYear + 1;
  const yearStep = [1, 2, 5, 10, 20, 50].find((step) => years / step <= 12) ?? 100;
  const start = dayFromParts(firstYear, 1, 1);
  const end = dayFromParts(lastYear + 1, 1, 1);
  const highest = readings.reduce((max, reading) => Math.max(max, reading.km), 0);
  const kmStep = niceStep(Math.max(highest, 1_000) / 5);
  const kmMax = Math.ceil(Math.max(highest, 1_000) / kmStep) * kmStep;
  return {
    firstYear,
    yearStep,
    years,
    kmStep,
    kmMax,
    toX: (day) => plot.x + ((day - start) / (end - start)) * plot.width,
    toY: (km) => plot.y + plot.height - (km / kmMax) * plot.height,
  };
}

/** The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= raw) ?? 10) * power;
}

function drawGridAndAxes(doc: Doc, scale: Scale, plot: Box, labels: PdfLabels): void {
  const bottom = plot.y + plot.height;
  doc.lineWidth(0.4).strokeColor(COLOUR.rule);
  doc
    .font(FONT.regular)
    .fontSize(SIZE.small - 0.5)
    .fillColor(COLOUR.muted);
  for (let km = 0; km <= scale.kmMax; km += scale.kmStep) {
    const y = scale.toY(km);
    doc
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .stroke();
    const text = `${labels.formatNumber(km)} ${labels.units.km}`;
    doc.text(text, plot.x - 50, y - 3, { width: 46, align: 'right', lineBreak: false });
  }
  for (let year = scale.firstYear; year <= scale.firstYear + scale.years; year += scale.yearStep) {
    const x = scale.toX(dayFromParts(year, 1, 1));
    doc.moveTo(x, plot.y).lineTo(x, bottom).stroke();
    doc.text(String(year), x - 20, bottom + 5, { width: 40, align: 'center', lineBreak: false });
  }
  doc.lineWidth(0.8).strokeColor(COLOUR.muted);
  doc
    .moveTo(plot.x, plot.y)
    .lineTo(plot.x, bottom)
    .lineTo(plot.x + plot.width, bottom)
    .stroke();
}

function drawReadings(doc: Doc, readings: OdometerAnalysis['readings'], scale: Scale): void {
  const points = readings.map(
    (reading) => [scale.toX(dayFromIso(reading.date)), scale.toY(reading.km)] as const,
  );
  doc.lineWidth(1.1).strokeColor(COLOUR.accent).lineJoin('round');
  for (const [i, [x, y]] of points.entries()) {
    if (i === 0) doc.moveTo(x, y);
    else doc.lineTo(x, y);
  }
  if (points.length > 1) doc.stroke();
  if (points.length > MAX_DOTS) return;
  for (const [x, y] of points) doc.circle(x, y, 1.8);
  doc.fillColor(COLOUR.accent).fill();
}

function drawRollbacks(doc: Doc, rollbacks: OdometerAnalysis['rollbacks'], scale: Scale): void {
  if (rollbacks.length === 0) return;
  for (const rollback of rollbacks)
    doc.circle(scale.toX(dayFromIso(rollback.toDate)), scale.toY(rollback.toKm), 3);
  doc.fillColor(COLOUR.danger).fill();
}

function drawLegend(doc: Doc, box: Box, labels: PdfLabels): void {
  const y = box.y + 4;
  let x = box.x + PLOT_INSET.left;
  doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOUR.text);
  doc
    .moveTo(x, y)
    .lineTo(x + 14, y)
    .lineWidth(1.1)
    .strokeColor(COLOUR.accent)
    .stroke();
  x += 18;
  doc.text(labels.odometer.legendReading, x, y - 4, { lineBreak: false });
  x += doc.widthOfString(labels.odometer.legendReading) + 14;
  doc
    .circle(x + 3, y, 3)
    .fillColor(COLOUR.danger)
    .fill();
  doc.fillColor(COLOUR.text).text(labels.odometer.legendRollback, x + 10, y - 4, { lineBreak: false });
}
