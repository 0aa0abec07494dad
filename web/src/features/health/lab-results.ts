/**
 * The patient's measured results (laboratory tests and vital signs) grouped by test, each test's
 * values in date order against the reference range, so that a trend and its out-of-range values
 * can be drawn and listed. Pure: the screen only draws what this returns.
 */
import type { CodeableConcept, Observation, ObservationReferenceRange, Quantity } from '@medplum/fhirtypes';
import { LOINC } from './terms.ts';

export type ResultFlag = 'high' | 'low' | 'normal' | 'abnormal' | 'unknown';

export interface ResultPoint {
  /** When it was measured (effective time), as written in the record. */
  date: string;
  value: number;
  quantity: Quantity;
  flag: ResultFlag;
  observationId: string | undefined;
}

export interface ResultRange {
  low: number | null;
  high: number | null;
}

export interface ResultGroup {
  /** The test's key: its LOINC code, else its words. */
  key: string;
  code: CodeableConcept;
  kind: 'laboratory' | 'vital-signs' | 'other';
  /** Oldest first. */
  points: ResultPoint[];
  /** The reference range of the latest value that has one (ranges may differ by age). */
  range: ResultRange | null;
}

const CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';

function kindOf(observation: Observation): ResultGroup['kind'] {
  const codes = (observation.category ?? []).flatMap((category) =>
    (category.coding ?? []).filter((coding) => !coding.system || coding.system === CATEGORY_SYSTEM),
  );
  if (codes.some((coding) => coding.code === 'laboratory')) return 'laboratory';
  if (codes.some((coding) => coding.code === 'vital-signs')) return 'vital-signs';
  return 'other';
}

function keyOf(code: CodeableConcept | undefined): string | null {
  const loinc = code?.coding?.find((coding) => coding.system === LOINC && coding.code);
  if (loinc) return `${LOINC}|${loinc.code}`;
  const first = code?.coding?.find((coding) => coding.system && coding.code);
  if (first) return `${first.system}|${first.code}`;
  return code?.text ? `text|${code.text}` : null;
}

function effectiveDate(observation: Observation): string | null {
  return observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? observation.issued ?? null;
}

export function rangeOf(ranges: ObservationReferenceRange[] | undefined): ResultRange | null {
  const range = ranges?.find(
    (candidate) => candidate.low?.value !== undefined || candidate.high?.value !== undefined,
  );
  if (!range) return null;
  return { low: range.low?.value ?? null, high: range.high?.value ?? null };
}

/** Whether a value is above or below its range; without a range, what the lab's interpretation says. */
export function flagOf(
  value: number,
  range: ResultRange | null,
  interpretation: CodeableConcept[] | undefined,
): ResultFlag {
  if (range && (range.low !== null || range.high !== null)) {
    if (range.high !== null && value > range.high) return 'high';
    if (range.low !== null && value < range.low) return 'low';
    return 'normal';
  }
  const code = interpretation?.flatMap((concept) => concept.coding ?? []).find((coding) => coding.code)?.code;
  if (code === 'H' || code === 'HH' || code === 'HU') return 'high';
  if (code === 'L' || code === 'LL' || code === 'LU') return 'low';
  if (code === 'A' || code === 'AA') return 'abnormal';
  if (code === 'N') return 'normal';
  return 'unknown';
}

interface Measurement {
  code: CodeableConcept | undefined;
  quantity: Quantity | undefined;
  referenceRange: ObservationReferenceRange[] | undefined;
  interpretation: CodeableConcept[] | undefined;
}

/** An observation's numeric measurements: its own value, or each component's (blood pressure). */
function measurementsOf(observation: Observation): Measurement[] {
  if (observation.valueQuantity) {
    return [
      {
        code: observation.code,
        quantity: observation.valueQuantity,
        referenceRange: observation.referenceRange,
        interpretation: observation.interpretation,
      },
    ];
  }
  return (observation.component ?? []).map((component) => ({
    code: component.code,
    quantity: component.valueQuantity,
    referenceRange: component.referenceRange,
    interpretation: component.interpretation,
  }));
}

const SHOWN_STATUSES = new Set(['final', 'amended', 'corrected', 'preliminary']);

/** The results grouped by test: laboratory tests first, then vital signs; within each, as the record lists them. */
export function groupResults(observations: readonly Observation[]): ResultGroup[] {
  const groups = new Map<string, ResultGroup>();
  /** Each group's ranges with their dates: the latest one is the group's. */
  const ranges = new Map<string, Array<{ date: string; range: ResultRange }>>();
  for (const observation of observations) {
    if (observation.status && !SHOWN_STATUSES.has(observation.status)) continue;
    const date = effectiveDate(observation);
    if (!date) continue;
    for (const { code, quantity, referenceRange, interpretation } of measurementsOf(observation)) {
      const value = quantity?.value;
      const key = keyOf(code);
      if (!key || !code || !quantity || typeof value !== 'number' || !Number.isFinite(value)) continue;
      const range = rangeOf(referenceRange);
      let group = groups.get(key);
      if (!group) {
        group = { key, code, kind: kindOf(observation), points: [], range: null };
        groups.set(key, group);
        ranges.set(key, []);
      }
      group.points.push({
        date,
        value,
        quantity,
        flag: flagOf(value, range, interpretation),
        observationId: observation.id,
      });
      if (range) ranges.get(key)!.push({ date, range });
    }
  }
  const order = { laboratory: 0, 'vital-signs': 1, other: 2 } as const;
  return [...groups.values()]
    .map((group) => ({
      ...group,
      points: group.points.toSorted((a, b) => a.date.localeCompare(b.date)),
      range:
        ranges
          .get(group.key)!
          .toSorted((a, b) => a.date.localeCompare(b.date))
          .at(-1)?.range ?? null,
    }))
    .sort((a, b) => order[a.kind] - order[b.kind]);
}

/** Whether the latest value of a test lies outside its range. */
export function latestOutOfRange(group: ResultGroup): boolean {
  const flag = group.points.at(-1)?.flag;
  return flag === 'high' || flag === 'low' || flag === 'abnormal';
}
