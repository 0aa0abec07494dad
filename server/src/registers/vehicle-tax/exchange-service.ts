import type { Connection } from '../../db/connection.ts';
import type { ExchangeServiceDefinition } from '../../exchange/service-definition.ts';
import { byVinService } from '../by-vin-service.ts';
import { VehicleTaxRegister } from './service.ts';

export function vehicleTaxServices(db: Connection): ExchangeServiceDefinition[] {
  const register = new VehicleTaxRegister(db);
  return [
    byVinService({
      subsystem: 'local-taxes',
      code: 'vehicle-tax',
      name: 'Local vehicle tax',
      description: 'Vehicle tax assessments by year - amount and payment.',
      summary: 'Vehicle tax of a vehicle by year',
      find: (vin) => register.findByVin(vin),
    }),
  ];
}
