import type { Connection } from '../../db/connection.ts';
import { type ExchangeServiceDefinition, ok } from '../../exchange/service-definition.ts';
import { camelRow } from '../../kernel/camel-case.ts';
import { personalNumberParam, vinParam } from '../exchange-params.ts';
import { FinesRegister } from './service.ts';

export function fineServices(db: Connection): ExchangeServiceDefinition[] {
  const register = new FinesRegister(db);
  return [
    {
      subsystem: 'traffic-fines',
      code: 'fines',
      name: 'Traffic fines',
      description:
        'Fines (electronic tickets and penal decrees) by offender or by vehicle, with amount and payment.',
      endpoints: [
        {
          method: 'GET',
          path: '/by-person/{egn}',
          summary: "A person's traffic fines",
          personalData: true,
          async handle({ egn }) {
            const checked = personalNumberParam(egn);
            if (!checked.ok) return checked.response;
            return ok((await register.findByPerson(checked.value)).map(camelRow));
          },
        },
        {
          method: 'GET',
          path: '/by-vin/{vin}',
          summary: 'Fines recorded against a vehicle (offenders are personal data)',
          personalData: true,
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
