import type { ParkingPermitPrefill, PrefillField } from '@civitas/contracts/api/parking-permit.ts';

/** The fields that describe the chosen vehicle; the rest of the form does not depend on it. */
export const VEHICLE_FIELDS = ['vehiclePlate', 'vehicleMakeModel', 'vehicleVin', 'vehicleTaxPaid'] as const;

/**
 * The prefill as if the registers had named this vehicle: its plate, make, VIN and tax replace
 * the first vehicle's. A vehicle whose tax the register did not report leaves that field to the
 * citizen. An unknown VIN leaves the prefill as it is.
 */
export function prefillForVehicle(prefill: ParkingPermitPrefill, vin: string): ParkingPermitPrefill {
  const vehicle = prefill.vehicles.find((candidate) => candidate.vin === vin);
  if (!vehicle) return prefill;
  const chosen: PrefillField[] = [
    { name: 'vehiclePlate', value: vehicle.plate, source: 'vehicles' },
    { name: 'vehicleMakeModel', value: `${vehicle.make} ${vehicle.model}`, source: 'vehicles' },
    { name: 'vehicleVin', value: vehicle.vin, source: 'vehicles' },
    ...(vehicle.taxPaid === null
      ? []
      : [{ name: 'vehicleTaxPaid', value: String(vehicle.taxPaid), source: 'vehicle-tax' }]),
  ];
  const others = prefill.fields.filter(
    (field) => !(VEHICLE_FIELDS as readonly string[]).includes(field.name),
  );
  return { ...prefill, fields: [...others, ...chosen] };
}
