/**
 * The traffic offences the fines register records, as stable codes (the register answers codes; the
 * web app and the PDF name them in the reader's language). Browser-safe.
 */
export const OFFENCES = [
  'speeding-11-20',
  'speeding-21-30',
  'speeding-over-30',
  'improper-parking',
  'no-seat-belt',
  'mobile-phone',
  'red-light',
  'right-of-way',
  'no-mtpl-insurance',
  'no-technical-inspection',
] as const;
export type Offence = (typeof OFFENCES)[number];
