import type { Connection } from '../../db/connection.ts';
import type { ExchangeServiceDefinition } from '../../exchange/service-definition.ts';
import { byVinService } from '../by-vin-service.ts';
import { InspectionsRegister } from './service.ts';

export function inspectionServices(db: Connection): ExchangeServiceDefinition[] {
  const register = new InspectionsRegister(db);
  return [
    byVinService({
      subsystem: 'inspections',
      code: 'inspections',
      name: 'Periodic technical inspections',
      description: 'Inspections of a vehicle - station, date, result and odometer reading.',
      summary: 'Inspections of a vehicle',
      find: (vin) => register.findByVin(vin),
    }),
  ];
}
