import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type ExchangeServiceDefinition, ok } from '../../exchange/service-definition.ts';
import { camelRow } from '../../platform/camel-case.ts';
import { vinParam } from '../exchange-params.ts';
import { InspectionsRegister } from './service.ts';

export function inspectionServices(db: Kysely<Database>): ExchangeServiceDefinition[] {
  const register = new InspectionsRegister(db);
  return [
    {
      subsystem: 'inspections',
      code: 'inspections',
      name: 'Periodic technical inspections',
      description: 'Inspections of a vehicle - station, date, result and odometer reading.',
      endpoints: [
        {
          method: 'GET',
          path: '/by-vin/{vin}',
          summary: 'Inspections of a vehicle',
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
