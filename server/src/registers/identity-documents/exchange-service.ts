import type { Connection } from '../../db/connection.ts';
import { type ExchangeServiceDefinition, ok } from '../../exchange/service-definition.ts';
import { camelRow } from '../../kernel/camel-case.ts';
import { personalNumberParam } from '../exchange-params.ts';
import { IdentityDocumentsRegister } from './service.ts';

export function identityDocumentServices(db: Connection): ExchangeServiceDefinition[] {
  const register = new IdentityDocumentsRegister(db);
  return [
    {
      subsystem: 'identity-documents',
      code: 'documents',
      name: 'Bulgarian identity documents',
      description:
        'Identity cards and passports of a person, with validity and status (valid, lost, stolen).',
      endpoints: [
        {
          method: 'GET',
          path: '/by-person/{egn}',
          summary: "A person's identity documents",
          personalData: true,
          async handle({ egn }) {
            const checked = personalNumberParam(egn);
            if (!checked.ok) return checked.response;
            return ok((await register.findByPerson(checked.value)).map(camelRow));
          },
        },
      ],
    },
  ];
}
