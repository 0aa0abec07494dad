import { PERSONS, type Person } from '@civitas/contracts/registers/population.ts';
import type { ExchangeClient } from '../exchange/index.ts';

/** What the eID node needs to know of a person to sign them in and name them. */
export type DirectoryPerson = Pick<
  Person,
  | 'egn'
  | 'givenName'
  | 'fatherName'
  | 'familyName'
  | 'givenNameLatin'
  | 'fatherNameLatin'
  | 'familyNameLatin'
  | 'sex'
  | 'birthDate'
  | 'deceased'
>;

export interface PersonDirectory {
  find(egn: string): Promise<DirectoryPerson | undefined>;
}

/**
 * The eID node asks the population register through the exchange, like any other consumer:
 * every sign-in is a logged access with its purpose, visible to the person.
 */
export function exchangePersonDirectory(client: ExchangeClient): PersonDirectory {
  return {
    async find(egn) {
      // An unknown or malformed personal number is nobody (null); a register that did not answer throws.
      const person = await client.find(
        PERSONS.endpoints.person,
        { egn },
        {
          purpose: 'authentication',
          legalBasis: 'e-government-act-art-2',
          dataSubject: egn,
          userId: egn,
        },
      );
      return person ?? undefined;
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The eID node's view of the population register (through the exchange). */
    personDirectory: PersonDirectory;
  }
}
