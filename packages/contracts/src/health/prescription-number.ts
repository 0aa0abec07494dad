/**
 * The e-prescription number: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L),
 * the last one a check character (weighted modulo 31), so every mistyped character and every two
 * swapped neighbours are caught before anything is asked of the server. Browser-safe: the pharmacy
 * screen checks a typed number with the same code the server issues it with (and the synthetic
 * data seeds it with).
 *
 * The pharmacy's QR carries `CIVRX1:<number>:<tag>`: the number and a tag derived from the
 * patient's opaque Patient id, never the personal number. The QR alone reveals nothing about the
 * patient; the pharmacist still types (or reads from the ID card) the patient's personal number.
 */

export const PRESCRIPTION_NUMBER_SYSTEM = 'https://civitas.example/fhir/sid/prescription-number';
/** Digits 2–9 and the letters without I, L and O: 31 characters (a prime, which the check likes). */
export const PRESCRIPTION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PRESCRIPTION_NUMBER_LENGTH = 12;
export const PRESCRIPTION_QR_PREFIX = 'CIVRX1';

const ALPHABET = PRESCRIPTION_ALPHABET;
const BASE = ALPHABET.length;

function codeOf(char: string): number {
  return ALPHABET.indexOf(char);
}

/**
 * The check character of an 11-character body: position weights 1…12 modulo 31 (a prime), so that
 * every single mistyped character and every swap of two neighbours changes the sum (ISO 7064's
 * idea, with weights instead of Luhn's doubling, which would not be a bijection modulo an odd base).
 */
export function checkCharacter(body: string): string {
  const sum = weightedSum(body);
  const weight = body.length + 1;
  for (let value = 0; value < BASE; value++) if ((sum + weight * value) % BASE === 0) return ALPHABET[value]!;
  throw new Error('prescription number: no check character (the base must be prime)');
}

function weightedSum(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const code = codeOf(text[i]!);
    if (code < 0) throw new Error('prescription number: a character outside the alphabet');
    sum += (i + 1) * code;
  }
  return sum % BASE;
}

/** A new random prescription number (11 random characters and the check character). */
export function newPrescriptionNumber(random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(PRESCRIPTION_NUMBER_LENGTH * 2);
  let body = '';
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 31).
  for (const byte of bytes) {
    if (byte >= 248) continue;
    body += ALPHABET[byte % BASE];
    if (body.length === PRESCRIPTION_NUMBER_LENGTH - 1) break;
  }
  if (body.length < PRESCRIPTION_NUMBER_LENGTH - 1) return newPrescriptionNumber(random);
  return body + checkCharacter(body);
}

/**
 * A prescription number from a deterministic source (the synthetic data's seeded random):
 * `draw(31)` answers an integer in [0, 31). The same format and check character as issued ones.
 */
export function prescriptionNumberFrom(draw: (below: number) => number): string {
  let body = '';
  for (let i = 0; i < PRESCRIPTION_NUMBER_LENGTH - 1; i++) body += ALPHABET[draw(BASE)]!;
  return body + checkCharacter(body);
}

function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/**
 * A number as typed: case, spaces and dashes do not matter. Returns the canonical form, or null
 * when it is not a well-formed number with the right check character.
 */
export function normalisePrescriptionNumber(typed: string): string | null {
  const compact = typed.replace(/[\s-]/g, '').toUpperCase();
  if (compact.length !== PRESCRIPTION_NUMBER_LENGTH) return null;
  for (const char of compact) if (codeOf(char) < 0) return null;
  return isValidPrescriptionNumber(compact) ? compact : null;
}

/** Whether a canonical number is well formed and its check character is right. */
export function isValidPrescriptionNumber(number: string): boolean {
  if (number.length !== PRESCRIPTION_NUMBER_LENGTH) return false;
  for (const char of number) if (codeOf(char) < 0) return false;
  return weightedSum(number) === 0;
}

/** The number in groups of four, as printed and shown: `ABCD-EFGH-JKMN`. */
export function formatPrescriptionNumber(number: string): string {
  return number.match(/.{1,4}/g)?.join('-') ?? number;
}

/** The QR payload for the pharmacy. */
export function prescriptionQrPayload(number: string, patientTag: string): string {
  return `${PRESCRIPTION_QR_PREFIX}:${number}:${patientTag}`;
}

/** The number and tag a scanned QR carries, or null when it is not a prescription's QR. */
export function parsePrescriptionQr(text: string): { number: string; tag: string } | null {
  const match = /^CIVRX1:([0-9A-Z]{12}):([A-Za-z0-9_-]{1,64})$/.exec(text.trim());
  if (!match) return null;
  const number = match[1]!;
  return isValidPrescriptionNumber(number) ? { number, tag: match[2]! } : null;
}
