import type { Connection } from '../../db/connection.ts';
import { type ExchangeServiceDefinition, notFound, ok } from '../../exchange/service-definition.ts';
import { camelRow } from '../../kernel/camel-case.ts';
import { personalNumberParam } from '../exchange-params.ts';
import { DrivingLicencesRegister } from './service.ts';

export function drivingLicenceServices(db: Connection): ExchangeServiceDefinition[] {
  const register = new DrivingLicencesRegister(db);
  return [
    {
      subsystem: 'driving-licences',
      code: 'licences',
      name: 'Driving licences',
      description: "A person's driving licence: categories, validity, control points, status.",
      endpoints: [
        {
          method: 'GET',
          path: '/by-person/{egn}',
          summary: "A person's current driving licence",
          personalData: true,
          async handle({ egn }) {
            const checked = personalNumberParam(egn);
            if (!checked.ok) return checked.response;
            const found = await register.findByPerson(checked.value);
            if (!found) return notFound('The person holds no driving licence.');
            return ok({ ...camelRow(found.licence), categories: found.categories.map(camelRow) });
          },
        },
      ],
    },
  ];
}
