import crypto from 'node:crypto';
import { type AccessEntry, encodeEntry, subjectCommitment } from '@civitas/contracts/log/access-entry.ts';
import { type Kysely, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { Catalogue } from '../../exchange/index.ts';
import { AppError, isHideable } from '../../kernel/index.ts';
import { adminEntry } from '../feed.ts';
import type { LogSequencer } from '../log/sequencer.ts';
import type { AuditTables, HiddenCaseRow, UsageRow } from '../tables.ts';

/** The parts of a usage record that decide its session (see `sessions.ts`). */
export type SessionPart = Pick<
  UsageRow,
  | 'id'
  | 'log_index'
  | 'logged_at'
  | 'initiator_org'
  | 'initiator_person'
  | 'purpose'
  | 'legal_basis'
  | 'receiver'
  | 'case_ref'
  | 'data_categories'
>;

/** A hidden case as stored. */
export type HiddenCase = Selectable<HiddenCaseRow>;

export interface UsageFilter {
  subject?: string | undefined;
  organisation?: string | undefined;
  purpose?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Leave out records still hidden (the citizen's view); auditors see them. */
  onlyVisible: boolean;
  limit: number;
  offset: number;
}

export interface OrganisationRef {
  /** The exchange subsystem, e.g. BG/GOV/177547175/civitas-portal. */
  id: string;
  memberClass: string;
  memberCode: string;
  name: string;
  systemName: string;
}

/** A subsystem id turned into the organisation that runs it, as the catalogue names it. */
export type OrganisationLookup = (subsystemId: string) => OrganisationRef;

export function organisationsOf(catalogue: Catalogue): OrganisationLookup {
  return (subsystemId) => {
    const [, memberClass = '', memberCode = '', subsystem = ''] = subsystemId.split('/');
    const member = catalogue.members.find(
      (entry) => entry.memberClass === memberClass && entry.memberCode === memberCode,
    );
    const system = member?.subsystems.find((entry) => entry.code === subsystem);
    return {
      id: subsystemId,
      memberClass,
      memberCode,
      name: member?.name ?? `${memberClass}/${memberCode}`,
      systemName: system?.name ?? subsystem,
    };
  };
}

/** What the data tracker knows of the instance: its administrations, and the clients it acts as. */
export interface UsageDirectory {
  catalogue: Catalogue;
  clients: { portal: string; supervision: string };
}

/** The subsystem a service id belongs to (a service id is subsystem/service). */
export function subsystemOfService(serviceId: string): string {
  return serviceId.split('/').slice(0, 4).join('/');
}

type UsageQuery = SelectQueryBuilder<AuditTables, 'audit.usage', object>;

/**
 * The data tracker's records: who accessed whose data, when, why and on what legal basis,
 * each tied to its entry in the transparency log.
 */
export class UsageStore {
  private readonly db: Kysely<AuditTables>;
  private readonly sequencer: LogSequencer;
  readonly organisationOf: OrganisationLookup;
  /** Auditors act for the data protection authority: a person sees its name on an auditor's look. */
  private readonly auditClient: string;
  private readonly auditService: string;

  constructor(db: Connection, sequencer: LogSequencer, directory: UsageDirectory) {
    this.db = tablesOf<AuditTables>(db);
    this.sequencer = sequencer;
    this.organisationOf = organisationsOf(directory.catalogue);
    this.auditClient = directory.clients.supervision;
    this.auditService = `${directory.clients.portal}/data-tracker`;
  }

  /** A query narrowed to the filter's subject, organisation, purpose, period and visibility. */
  private filtered(query: UsageQuery, filter: Omit<UsageFilter, 'limit' | 'offset'>): UsageQuery {
    let q = query;
    if (filter.subject) q = q.where('audit.usage.data_subject', '=', filter.subject);
    if (filter.organisation) q = q.where('audit.usage.initiator_org', '=', filter.organisation);
    if (filter.purpose) q = q.where('audit.usage.purpose', '=', filter.purpose);
    if (filter.from) q = q.where('audit.usage.logged_at', '>=', filter.from);
    if (filter.to) q = q.where('audit.usage.logged_at', '<=', filter.to);
    if (filter.onlyVisible) {
      q = q.where((eb) =>
        eb.or([eb('audit.usage.hidden_until', 'is', null), eb('audit.usage.hidden_until', '<=', new Date())]),
      );
    }
    return q;
  }

  async find(filter: UsageFilter): Promise<{ total: number; rows: Array<UsageRow & { entry: Uint8Array }> }> {
    const where = (query: UsageQuery): UsageQuery => this.filtered(query, filter);
    const [count, rows] = await Promise.all([
      where(this.db.selectFrom('audit.usage'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      where(this.db.selectFrom('audit.usage'))
        .innerJoin('audit.log_entries', 'audit.log_entries.idx', 'audit.usage.log_index')
        .selectAll('audit.usage')
        .select('audit.log_entries.data as entry')
        .orderBy('audit.usage.logged_at', 'desc')
        .orderBy('audit.usage.log_index', 'desc')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
    ]);
    return { total: Number(count.n), rows: rows as Array<UsageRow & { entry: Uint8Array }> };
  }

  /**
   * What the sessions of a person's records are made of (`sessions.ts`): every matching record's
   * key fields and time, newest first, without the log entries. `limit` and `offset` are the
   * sessions' and are left to the caller.
   */
  async sessionParts(filter: Omit<UsageFilter, 'limit' | 'offset'>): Promise<SessionPart[]> {
    return this.filtered(this.db.selectFrom('audit.usage'), filter)
      .select([
        'id',
        'log_index',
        'logged_at',
        'initiator_org',
        'initiator_person',
        'purpose',
        'legal_basis',
        'receiver',
        'case_ref',
        'data_categories',
      ])
      .orderBy('audit.usage.logged_at', 'desc')
      .orderBy('audit.usage.log_index', 'desc')
      .execute();
  }

  /** Records by id with their log entries, newest first. */
  async byIds(ids: readonly string[]): Promise<Array<UsageRow & { entry: Uint8Array }>> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('audit.usage')
      .innerJoin('audit.log_entries', 'audit.log_entries.idx', 'audit.usage.log_index')
      .selectAll('audit.usage')
      .select('audit.log_entries.data as entry')
      .where('audit.usage.id', 'in', [...ids])
      .orderBy('audit.usage.logged_at', 'desc')
      .orderBy('audit.usage.log_index', 'desc')
      .execute();
    return rows as Array<UsageRow & { entry: Uint8Array }>;
  }

  /** Whether the records can be read (the Data Tracker's heartbeat). */
  async reachable(): Promise<boolean> {
    try {
      await sql`SELECT 1 FROM audit.usage LIMIT 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }

  /** The organisations and purposes in a person's visible records, for the screen's filters. */
  async facets(subject: string): Promise<{ organisations: string[]; purposes: string[] }> {
    const visible = sql<boolean>`(hidden_until IS NULL OR hidden_until <= now())`;
    const [organisations, purposes] = await Promise.all([
      this.db
        .selectFrom('audit.usage')
        .select('initiator_org')
        .distinct()
        .where('data_subject', '=', subject)
        .where(visible)
        .execute(),
      this.db
        .selectFrom('audit.usage')
        .select('purpose')
        .distinct()
        .where('data_subject', '=', subject)
        .where(visible)
        .execute(),
    ]);
    return {
      organisations: organisations.map((row) => row.initiator_org).sort(),
      purposes: purposes.map((row) => row.purpose).sort(),
    };
  }

  /**
   * Hides usage records from their data subject until a date (a lawful reason, e.g. a criminal
   * investigation). Only the official who made the access may, for their administration (the
   * record's initiating organisation), and only when the access was made on a legal basis that
   * allows hiding. The log already commits to the records, and the hiding is logged too. Returns
   * how many records were hidden.
   */
  async hide(
    match: { id?: string; queryId?: string },
    actor: { person: string; organisations: readonly string[] },
    until: Date,
    reason: string,
  ): Promise<number> {
    const rows = await this.db
      .selectFrom('audit.usage')
      .select(['id', 'log_index', 'initiator_person', 'initiator_org', 'legal_basis'])
      .$if(match.id !== undefined, (q) => q.where('id', '=', match.id!))
      .$if(match.queryId !== undefined, (q) => q.where('query_id', '=', match.queryId!))
      .execute();
    if (rows.length === 0) throw new AppError('usage-not-found', 'No usage record matches.');
    if (
      rows.some(
        (row) => row.initiator_person !== actor.person || !actor.organisations.includes(row.initiator_org),
      )
    ) {
      throw new AppError(
        'not-initiator',
        'Only the official who made the access may hide it, for the administration they made it for.',
      );
    }
    const open = rows.find((row) => !isHideable(row.legal_basis));
    if (open) {
      throw new AppError(
        'basis-not-hideable',
        `An access on the legal basis "${open.legal_basis}" may not be hidden from the person.`,
      );
    }
    const at = new Date();
    const entries = rows.map((row) =>
      encodeEntry(
        adminEntry(at, 'usage.hide', `log-index:${row.log_index}`, {
          usage: row.id,
          hiddenUntil: until.toISOString(),
          reason,
          by: actor.person,
        }),
      ),
    );
    await this.sequencer.appendBatch(entries, async (trx) => {
      await trx
        .updateTable('audit.usage')
        .set({ hidden_until: until, hidden_reason: reason, hidden_by: actor.person })
        .where(
          'id',
          'in',
          rows.map((row) => row.id),
        )
        .execute();
    });
    return rows.length;
  }

  /**
   * Hides, from the start, every access an organisation (exchange client) makes under a case
   * reference on a legal basis that allows hiding, until a date; accesses already made are hidden
   * at once. The caller has checked that the organisation is the actor's and the basis hideable.
   */
  async hideCase(hiding: {
    organisation: string;
    caseRef: string;
    legalBasis: string;
    actor: string;
    until: Date;
    reason: string;
  }): Promise<void> {
    const { organisation, caseRef, legalBasis, actor, until, reason } = hiding;
    if (!isHideable(legalBasis)) {
      throw new AppError('basis-not-hideable', `Accesses on "${legalBasis}" may not be hidden.`);
    }
    const entry = encodeEntry(
      adminEntry(new Date(), 'case.hide', organisation, {
        caseRef,
        legalBasis,
        hiddenUntil: until.toISOString(),
        reason,
        by: actor,
      }),
    );
    await this.sequencer.appendBatch([entry], async (trx) => {
      await trx
        .insertInto('audit.hidden_cases')
        .values({
          initiator_org: organisation,
          case_ref: caseRef,
          legal_basis: legalBasis,
          hidden_until: until,
          reason,
          hidden_by: actor,
        })
        .onConflict((conflict) =>
          conflict
            .columns(['initiator_org', 'case_ref', 'legal_basis'])
            .doUpdateSet({ hidden_until: until, reason, hidden_by: actor }),
        )
        .execute();
      await trx
        .updateTable('audit.usage')
        .set({ hidden_until: until, hidden_reason: reason, hidden_by: actor })
        .where('initiator_org', '=', organisation)
        .where('case_ref', '=', caseRef)
        .where('legal_basis', '=', legalBasis)
        .execute();
    });
  }

  /** Hidden cases, newest first: every organisation's (auditors), or only the given organisations'. */
  async hiddenCases(organisations: readonly string[] | 'all'): Promise<HiddenCase[]> {
    if (organisations !== 'all' && organisations.length === 0) return [];
    return this.db
      .selectFrom('audit.hidden_cases')
      .selectAll()
      .$if(organisations !== 'all', (q) => q.where('initiator_org', 'in', organisations as string[]))
      .orderBy('created_at', 'desc')
      .orderBy('case_ref')
      .limit(1000)
      .execute();
  }

  /**
   * Records an auditor's look at the usage records, before it is answered: an entry in the
   * log and, when the auditor looked at one person's records, a usage record that person sees.
   */
  async recordAuditView(view: {
    auditor: string;
    organisation: string;
    purpose: string;
    legalBasis: string;
    filter: Record<string, unknown>;
    subject: string | undefined;
  }): Promise<void> {
    const at = new Date();
    const queryId = crypto.randomUUID();
    const admin = encodeEntry(
      adminEntry(at, 'usage.audit-view', view.organisation, { ...view, queryId, at: at.toISOString() }),
    );
    if (!view.subject) {
      await this.sequencer.appendBatch([admin]);
      return;
    }
    const nonce = crypto.randomBytes(16).toString('base64url');
    const access: AccessEntry = {
      v: 1,
      kind: 'access',
      time: at.toISOString(),
      queryId,
      node: 'audit',
      client: this.auditClient,
      service: this.auditService,
      purpose: view.purpose,
      legalBasis: view.legalBasis,
      categories: ['data-usage'],
      status: 200,
      subject: subjectCommitment(nonce, view.subject),
      record: JSON.parse(new TextDecoder().decode(admin)).record,
    };
    const subject = view.subject;
    await this.sequencer.appendBatch([admin, encodeEntry(access)], async (trx, first) => {
      await trx
        .insertInto('audit.usage')
        .values({
          id: crypto.randomUUID(),
          log_index: first + 1,
          logged_at: at,
          data_subject: subject,
          initiator_org: this.auditClient,
          initiator_person: view.auditor,
          receiver: this.auditService,
          action: 'GET',
          purpose: view.purpose,
          legal_basis: view.legalBasis,
          case_ref: null,
          data_categories: ['data-usage'],
          query_id: queryId,
          nonce,
          hidden_until: null,
          hidden_reason: null,
          hidden_by: null,
        })
        .execute();
    });
  }
}
