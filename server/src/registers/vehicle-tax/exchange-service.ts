import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type ExchangeServiceDefinition, ok } from '../../exchange/service-definition.ts';
import { camelRow } from '../../platform/camel-case.ts';
import { vinParam } from '../exchange-params.ts';
import { VehicleTaxRegister } from './service.ts';

export function vehicleTaxServices(db: Kysely<Database>): ExchangeServiceDefinition[] {
  const register = new VehicleTaxRegister(db);
  return [
    {
      subsystem: 'local-taxes',
      code: 'vehicle-tax',
      name: 'Local vehicle tax',
      description: 'Vehicle tax assessments by year - amount and payment.',
      endpoints: [
        {
          method: 'GET',
          path: '/by-vin/{vin}',
          summary: 'Vehicle tax of a vehicle by year',
          personalData: false,
          async handle({ vin }) {
            const checked = vinParam(vin);
            if (!checked.ok) return checked.response;
            return ok((await register.findByVin(checked.value)).map(camelRow));
          },
        },
      ],
    },
  ];
}
