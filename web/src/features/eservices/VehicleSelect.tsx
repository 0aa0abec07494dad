import type { PrefillVehicle } from '@civitas/contracts/api/parking-permit.ts';
import { useTranslation } from 'react-i18next';
import '../../shared/ui/FormFields.css';

interface VehicleSelectProps {
  vehicles: readonly PrefillVehicle[];
  value: string;
  onChange: (vin: string) => void;
}

/** Which of the citizen's vehicles (as the vehicle register lists them) the permit is for. */
export function VehicleSelect({ vehicles, value, onChange }: VehicleSelectProps) {
  const { t } = useTranslation();
  return (
    <div className="vehicle-select">
      <label htmlFor="confirm-vehicle" className="vehicle-select__label">
        {t('parkingPermit.vehicleChoice')}
      </label>
      <span id="confirm-vehicle-hint" className="secondary-text">
        {t('parkingPermit.vehicleChoiceHint', { count: vehicles.length })}
      </span>
      <select
        id="confirm-vehicle"
        className="form-input"
        aria-describedby="confirm-vehicle-hint"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {vehicles.map((vehicle) => (
          <option key={vehicle.vin} value={vehicle.vin}>
            {t('parkingPermit.vehicleOption', {
              plate: vehicle.plate,
              makeModel: `${vehicle.make} ${vehicle.model}`,
            })}
          </option>
        ))}
      </select>
    </div>
  );
}
