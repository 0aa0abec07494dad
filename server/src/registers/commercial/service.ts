import type { COMMERCIAL_REGISTER } from '@civitas/contracts/registers/commercial.ts';
import type { Connection } from '../../db/index.ts';
import { type Handlers, Missing } from '../provide.ts';
import { commercialQueries } from './queries.ts';

const NO_SUCH_COMPANY = new Missing('No company with this EIK in the commercial register.');

/** How the commercial register answers its service's endpoints. */
export function commercialHandlers(db: Connection): Handlers<typeof COMMERCIAL_REGISTER> {
  const queries = commercialQueries(db);
  return {
    byEik: async ({ eik }) => (await queries.company(eik)) ?? NO_SUCH_COMPANY,
    representative: async ({ eik, egn }) => (await queries.representation(eik, egn)) ?? NO_SUCH_COMPANY,
    byRepresentative: ({ egn }) => queries.representedBy(egn),
  };
}

/** The data subject of a company's answer when the caller named none: its first representative. */
export function firstRepresentative(company: {
  representatives: ReadonlyArray<{ egn: string }>;
}): string | null {
  return company.representatives[0]?.egn ?? null;
}
