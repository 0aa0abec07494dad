import type { ExchangeClient } from '../exchange/client.ts';
import { AppError } from '../kernel/errors.ts';

/** What the eID node needs to know of a person to sign them in and name them. */
export interface DirectoryPerson {
  egn: string;
  givenName: string;
  fatherName: string;
  familyName: string;
  givenNameLatin: string;
  fatherNameLatin: string;
  familyNameLatin: string;
  sex: 'M' | 'F';
  birthDate: string;
  deceased: boolean;
}

export interface PersonDirectory {
  find(egn: string): Promise<DirectoryPerson | undefined>;
}

/**
 * The eID node asks the population register through the exchange, like any other consumer:
 * every sign-in is a logged access with its purpose, visible to the person.
 */
export function exchangePersonDirectory(client: ExchangeClient): PersonDirectory {
  const PERSONS = client.serviceId('population-register', 'persons');
  return {
    async find(egn) {
      const answer = await client.get(PERSONS, `/${encodeURIComponent(egn)}`, {
        purpose: 'authentication',
        legalBasis: 'e-government-act-art-2',
        dataSubject: egn,
        userId: egn,
      });
      if (answer.status === 200) return answer.body as DirectoryPerson;
      if ((answer.status === 404 || answer.status === 400) && !answer.fault) return undefined;
      throw new AppError(
        'register-unavailable',
        `The population register did not answer (${answer.fault ?? answer.status}).`,
      );
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The eID node's view of the population register (through the exchange). */
    personDirectory: PersonDirectory;
  }
}
