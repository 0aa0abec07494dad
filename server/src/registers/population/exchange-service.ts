import type { Connection } from '../../db/connection.ts';
import { type ExchangeServiceDefinition, notFound, ok } from '../../exchange/service-definition.ts';
import { camelRow } from '../../kernel/camel-case.ts';
import { personalNumberParam } from '../exchange-params.ts';
import { PopulationRegister } from './service.ts';

export function populationServices(db: Connection): ExchangeServiceDefinition[] {
  const register = new PopulationRegister(db);
  return [
    {
      subsystem: 'population-register',
      code: 'persons',
      name: 'Persons in the national population register',
      description:
        'A person by personal number (EGN): names in Cyrillic and Latin, birth, parents, status; and their addresses.',
      endpoints: [
        {
          method: 'GET',
          path: '/{egn}',
          summary: 'A person by personal number',
          personalData: true,
          async handle({ egn }) {
            const checked = personalNumberParam(egn);
            if (!checked.ok) return checked.response;
            const person = await register.findPerson(checked.value);
            return person ? ok(camelRow(person)) : notFound('No such person in the population register.');
          },
        },
        {
          method: 'GET',
          path: '/{egn}/addresses',
          summary: "A person's permanent and current address",
          personalData: true,
          async handle({ egn }) {
            const checked = personalNumberParam(egn);
            if (!checked.ok) return checked.response;
            const person = await register.findPerson(checked.value);
            if (!person) return notFound('No such person in the population register.');
            return ok((await register.findAddresses(checked.value)).map(camelRow));
          },
        },
      ],
    },
  ];
}
