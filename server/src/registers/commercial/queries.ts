import type { Company, Representation, RepresentedCompany } from '@civitas/contracts/registers/commercial.ts';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { CommercialTables } from './tables.ts';

export interface CommercialQueries {
  company(eik: string): Promise<Company | undefined>;
  /** Undefined when the company is not in the register. */
  representation(eik: string, egn: string): Promise<Representation | undefined>;
  /** The companies the person represents, the oldest registration first. */
  representedBy(egn: string): Promise<RepresentedCompany[]>;
}

/** The commercial register's own queries, answering in the contract's field names. */
export function commercialQueries(connection: Connection): CommercialQueries {
  const db = tablesOf<CommercialTables>(connection);
  const companyRow = (eik: string) =>
    db.selectFrom('commercial.companies').selectAll().where('eik', '=', eik).executeTakeFirst();
  return {
    async company(eik) {
      const row = await companyRow(eik);
      if (!row) return undefined;
      const representatives = await db
        .selectFrom('commercial.representatives')
        .select(['egn', 'name', 'role', 'alone', 'since'])
        .where('eik', '=', eik)
        .orderBy('since')
        .orderBy('egn')
        .execute();
      return {
        eik: row.eik,
        name: row.name,
        nameLatin: row.name_latin,
        legalForm: row.legal_form,
        registeredOn: row.registered_on,
        status: row.status,
        registeredAddress: {
          municipalityName: row.municipality_name,
          settlementName: row.settlement_name,
          postcode: row.postcode,
          street: row.street,
          building: row.building,
        },
        representatives,
      };
    },
    async representation(eik, egn) {
      const row = await companyRow(eik);
      if (!row) return undefined;
      const entry = await db
        .selectFrom('commercial.representatives')
        .select(['role', 'alone'])
        .where('eik', '=', eik)
        .where('egn', '=', egn)
        .executeTakeFirst();
      return {
        eik,
        egn,
        // Only an active company is represented; a person who may act only jointly does not
        // represent it alone (the others must sign too).
        mayRepresent: row.status === 'active' && entry?.alone === true,
        role: entry?.role ?? null,
        alone: entry?.alone ?? null,
        companyStatus: row.status,
      };
    },
    representedBy: (egn) =>
      db
        .selectFrom('commercial.representatives as r')
        .innerJoin('commercial.companies as c', 'c.eik', 'r.eik')
        .select(['c.eik', 'c.name', 'c.legal_form as legalForm', 'c.status', 'r.role', 'r.alone'])
        .where('r.egn', '=', egn)
        .orderBy('c.registered_on')
        .orderBy('c.eik')
        .execute(),
  };
}
