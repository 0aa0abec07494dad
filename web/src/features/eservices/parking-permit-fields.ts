/**
 * Every field the resident parking permit form knows, in the order the form shows them.
 * `source` is the register expected to supply the field: when that register does not answer,
 * the field is absent from the prefill and the page still has to ask for it.
 */
export const PARKING_PERMIT_CODE = 'parking-permit';

export type FieldName =
  | 'fullName'
  | 'fullNameLatin'
  | 'personalNumber'
  | 'permanentAddress'
  | 'vehiclePlate'
  | 'vehicleMakeModel'
  | 'vehicleVin'
  | 'drivingLicenceNumber'
  | 'drivingLicenceValidUntil'
  | 'vehicleTaxPaid';

/** How a value is shown and, when the citizen types it, asked for. */
export type FieldKind = 'text' | 'date' | 'yesNo';

/** The part of the form a field belongs to (one card each). */
export type FieldSection = 'person' | 'vehicle' | 'drivingLicence' | 'vehicleTax';

export interface FieldDefinition {
  name: FieldName;
  section: FieldSection;
  source: string;
  kind: FieldKind;
  /** Whether the citizen may correct a value a register supplied (an address or a vehicle, not an identity). */
  correctable: boolean;
  /** The value is Bulgarian text whatever the page language (names in Cyrillic, addresses). */
  bulgarianText?: boolean;
  /** The input's purpose for browsers and assistive technology (WCAG 1.3.5), when one fits. */
  autoComplete?: 'name' | 'street-address';
}

export const PARKING_PERMIT_FIELDS: readonly FieldDefinition[] = [
  {
    name: 'fullName',
    section: 'person',
    source: 'population',
    kind: 'text',
    correctable: false,
    bulgarianText: true,
    autoComplete: 'name',
  },
  { name: 'fullNameLatin', section: 'person', source: 'population', kind: 'text', correctable: false },
  { name: 'personalNumber', section: 'person', source: 'population', kind: 'text', correctable: false },
  {
    name: 'permanentAddress',
    section: 'person',
    source: 'population',
    kind: 'text',
    correctable: true,
    bulgarianText: true,
    autoComplete: 'street-address',
  },
  { name: 'vehiclePlate', section: 'vehicle', source: 'vehicles', kind: 'text', correctable: true },
  { name: 'vehicleMakeModel', section: 'vehicle', source: 'vehicles', kind: 'text', correctable: true },
  { name: 'vehicleVin', section: 'vehicle', source: 'vehicles', kind: 'text', correctable: true },
  {
    name: 'drivingLicenceNumber',
    section: 'drivingLicence',
    source: 'driving-licences',
    kind: 'text',
    correctable: false,
  },
  {
    name: 'drivingLicenceValidUntil',
    section: 'drivingLicence',
    source: 'driving-licences',
    kind: 'date',
    correctable: false,
  },
  { name: 'vehicleTaxPaid', section: 'vehicleTax', source: 'vehicle-tax', kind: 'yesNo', correctable: false },
];
