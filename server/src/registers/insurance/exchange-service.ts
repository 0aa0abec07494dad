import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type ExchangeServiceDefinition, ok } from '../../exchange/service-definition.ts';
import { camelRow } from '../../platform/camel-case.ts';
import { vinParam } from '../exchange-params.ts';
import { InsuranceRegister } from './service.ts';

export function insuranceServices(db: Kysely<Database>): ExchangeServiceDefinition[] {
  const register = new InsuranceRegister(db);
  return [
    {
      subsystem: 'mtpl-insurance',
      code: 'policies',
      name: 'Compulsory motor liability insurance',
      description: 'MTPL policies of a vehicle - insurer, period, cancellation.',
      endpoints: [
        {
          method: 'GET',
          path: '/by-vin/{vin}',
          summary: 'MTPL policies of a vehicle',
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
