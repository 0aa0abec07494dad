import type { Connection } from '../../db/connection.ts';
import type { ExchangeServiceDefinition } from '../../exchange/service-definition.ts';
import { byVinService } from '../by-vin-service.ts';
import { InsuranceRegister } from './service.ts';

export function insuranceServices(db: Connection): ExchangeServiceDefinition[] {
  const register = new InsuranceRegister(db);
  return [
    byVinService({
      subsystem: 'mtpl-insurance',
      code: 'policies',
      name: 'Compulsory motor liability insurance',
      description: 'MTPL policies of a vehicle - insurer, period, cancellation.',
      summary: 'MTPL policies of a vehicle',
      find: (vin) => register.findByVin(vin),
    }),
  ];
}
