import type { Identifier, MedicationRequest, Observation, Quantity } from '@medplum/fhirtypes';

/** Where the server writes a prescription's number (the e-prescription part assigns it). */
export const PRESCRIPTION_NUMBER_SYSTEM = 'https://civitas.example/fhir/sid/prescription-number';

/**
 * What the pharmacy's QR carries, as the e-prescription part issues it: `CIVRX1:<number>:<tag>`, the
 * tag derived from the opaque Patient id (never the personal number), so the QR alone names nobody;
 * the pharmacist still asks for the patient's personal number.
 */
export async function prescriptionQrText(number: string, patientId: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`civitas-rx|${number}|${patientId}`),
  );
  return `CIVRX1:${number}:${base64url(new Uint8Array(digest)).slice(0, 16)}`;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function prescriptionNumber(request: MedicationRequest): string | null {
  const identifier = request.identifier?.find(
    (candidate: Identifier) => candidate.system === PRESCRIPTION_NUMBER_SYSTEM,
  );
  return identifier?.value ?? null;
}

/** UCUM units as people read them (the codes themselves are for machines). */
const UNIT_TEXT: Record<string, string> = {
  'mm[Hg]': 'mmHg',
  '/min': '/min',
  '10*9/L': '×10⁹/L',
  '10*12/L': '×10¹²/L',
  '10*3/uL': '×10³/µL',
  'mL/min/{1.73_m2}': 'mL/min/1.73 m²',
  'mL/min/1.73m2': 'mL/min/1.73 m²',
  'u[IU]/mL': 'µIU/mL',
  'm[IU]/L': 'mIU/L',
  'U/L': 'U/L',
  'umol/L': 'µmol/L',
  'ug/L': 'µg/L',
  'kg/m2': 'kg/m²',
  Cel: '°C',
};

export function unitText(unit: string | undefined): string {
  if (!unit) return '';
  return UNIT_TEXT[unit] ?? unit;
}

/** A quantity's number and unit, the number in the reader's locale. */
export function quantityText(
  quantity: Quantity | undefined,
  number: (value: number) => string,
): string | null {
  if (quantity?.value === undefined) return null;
  const unit = unitText(quantity.unit ?? quantity.code);
  return unit ? `${number(quantity.value)} ${unit}` : number(quantity.value);
}

/** The reference range as "low–high unit", or "< high", "> low". */
export function rangeText(observation: Observation, number: (value: number) => string): string | null {
  const range = observation.referenceRange?.[0];
  if (!range) return null;
  if (range.text && !range.low && !range.high) return range.text;
  const unit = unitText(range.low?.unit ?? range.high?.unit ?? observation.valueQuantity?.unit);
  const low = range.low?.value;
  const high = range.high?.value;
  const span =
    low !== undefined && high !== undefined
      ? `${number(low)}–${number(high)}`
      : high !== undefined
        ? `< ${number(high)}`
        : low !== undefined
          ? `> ${number(low)}`
          : null;
  return span ? `${span}${unit ? ` ${unit}` : ''}` : null;
}

/** H/L/N as the observation states it, or from its value against its range. */
export function flagOf(observation: Observation): 'high' | 'low' | 'normal' | null {
  const stated = observation.interpretation?.[0]?.coding?.[0]?.code;
  if (stated === 'H' || stated === 'HH' || stated === 'HU') return 'high';
  if (stated === 'L' || stated === 'LL' || stated === 'LU') return 'low';
  if (stated === 'N') return 'normal';
  const value = observation.valueQuantity?.value;
  const range = observation.referenceRange?.[0];
  if (value === undefined || !range) return null;
  if (range.high?.value !== undefined && value > range.high.value) return 'high';
  if (range.low?.value !== undefined && value < range.low.value) return 'low';
  return range.high || range.low ? 'normal' : null;
}

/** When an observation was made: its effective date-time (or period start), else when it was issued. */
export function observedAt(observation: Observation): string | null {
  return observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? observation.issued ?? null;
}

/** A measured value in the reader's locale, with up to three decimals (0.9 stays 0.9). */
export function measuredNumber(locale: string): (value: number) => string {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  return (value) => format.format(value);
}

/** The latest result of each test (results come newest first), with how many earlier ones there are. */
export function latestPerTest(
  observations: readonly Observation[],
): Array<{ observation: Observation; earlier: number }> {
  const byTest = new Map<string, { observation: Observation; earlier: number }>();
  for (const observation of observations) {
    const coding = observation.code?.coding?.[0];
    const key = coding ? `${coding.system}|${coding.code}` : `id:${observation.id}`;
    const seen = byTest.get(key);
    if (seen) seen.earlier += 1;
    else byTest.set(key, { observation, earlier: 0 });
  }
  return [...byTest.values()];
}

/** The items whose status is current first, each group in its order. */
export function currentFirst<T>(items: readonly T[], isCurrent: (item: T) => boolean): T[] {
  return [...items.filter(isCurrent), ...items.filter((item) => !isCurrent(item))];
}
