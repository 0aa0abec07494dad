import type { FieldKind } from './parking-permit-fields.ts';

export interface ValueFormatters {
  date: (isoDate: string) => string;
  yes: string;
  no: string;
}

/** A field value as a person reads it: dates in the page's locale, booleans as Yes/No. */
export function displayValue(kind: FieldKind, value: string, format: ValueFormatters): string {
  switch (kind) {
    case 'date':
      return format.date(value);
    case 'yesNo':
      if (value === 'true') return format.yes;
      if (value === 'false') return format.no;
      return value;
    case 'text':
      return value;
  }
}
