import type { Application } from '@civitas/contracts/api/eservices.ts';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { ExchangeClient } from '../../exchange/index.ts';
import { AppError } from '../../kernel/index.ts';
import type { ApplicationsService } from './applications.ts';
import type { Notifier } from './ports.ts';
import type { ServiceStarter } from './start.ts';
import { describe, readSources } from './start.ts';
import type { ApplicationStatus, EservicesTables } from './tables.ts';

/** An official as the back office knows them: who, and the administration they act for. */
export interface Official {
  subject: string;
  /** The administration's exchange client (full subsystem id); its last part is the queue key. */
  client: string;
}

const OPEN = ['submitted', 'in-review', 'more-information-requested'] as const;

export interface QueueFilter {
  service?: string | undefined;
  status?: ApplicationStatus | undefined;
  overdue?: boolean | undefined;
}

/** The administration an official's client acts for, as declarations name it (`administration.id`). */
export function administrationOf(official: Official): string {
  return official.client.split('/').at(-1)!;
}

/**
 * The back office, below HTTP: an official sees and decides only their own administration's
 * applications (another's is "not found"), gathers the register evidence through their
 * administration's exchange client on the service's purpose and legal basis (so the citizen sees
 * each read in "Who used my data"), and every action lands in the append-only history.
 */
export class BackOffice {
  private readonly db;
  private readonly deps: {
    applications: ApplicationsService;
    starter: ServiceStarter;
    exchange: Pick<ExchangeClient, 'get' | 'serviceId'>;
    notifier?: Notifier | undefined;
    now?: () => Date;
  };

  constructor(connection: Connection, deps: BackOffice['deps']) {
    this.db = tablesOf<EservicesTables>(connection);
    this.deps = deps;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async queue(official: Official, filter: QueueFilter) {
    let query = this.db
      .selectFrom('eservices.applications')
      .select(['id', 'service_code', 'status', 'submitted_at', 'due_at'])
      .where('administration_id', '=', administrationOf(official));
    if (filter.service) query = query.where('service_code', '=', filter.service);
    query = filter.status
      ? query.where('status', '=', filter.status)
      : query.where('status', 'in', [...OPEN]);
    if (filter.overdue) query = query.where('due_at', '<', this.now());
    const rows = await query.orderBy('due_at').limit(200).execute();
    const now = this.now().getTime();
    return rows.map((row) => ({
      id: row.id,
      serviceCode: row.service_code,
      title: this.deps.starter.catalogueEntry(row.service_code)?.title ?? null,
      status: row.status,
      submittedAt: new Date(row.submitted_at).toISOString(),
      dueAt: new Date(row.due_at).toISOString(),
      /** The SLA countdown: whole days left (negative: overdue). */
      daysLeft: Math.floor((new Date(row.due_at).getTime() - now) / 86_400_000),
    }));
  }

  /** The application with the register evidence, each read made now through the administration's client. */
  async open(official: Official, id: string) {
    const row = await this.owned(official, id);
    const service = this.deps.starter.service(row.service_code);
    const answers = await readSources(this.deps.exchange, service, row.subject, {
      client: official.client,
      purpose: service.declaration.purpose,
      legalBasis: service.declaration.legalBasis,
      caseRef: row.id,
      userId: official.subject,
    });
    const application = await this.deps.applications.application(row.subject, row.id);
    return {
      application,
      evidence: answers.outcomes.map((outcome) => ({
        source: outcome.key,
        name: describe(outcome).name,
        status: outcome.status,
        fetchedAt: outcome.fetchedAt,
        answer: outcome.status === 'ok' ? outcome.answer.body : null,
      })),
    };
  }

  async requestInformation(official: Official, id: string, note: string): Promise<Application> {
    const row = await this.owned(official, id);
    await this.change(
      official,
      row,
      ['submitted', 'in-review'],
      'more-information-requested',
      'information-requested',
      note,
    );
    return this.deps.applications.application(row.subject, id);
  }

  /**
   * Approve or refuse. Where the declaration asks for four eyes, the first approval is recorded
   * (`approval-first`) and a second official decides; the official of the first step cannot.
   */
  async decide(
    official: Official,
    id: string,
    decision: 'approve' | 'refuse',
    reason: string,
  ): Promise<Application> {
    const row = await this.owned(official, id);
    const service = this.deps.starter.service(row.service_code);
    if (decision === 'refuse') {
      await this.change(official, row, ['submitted', 'in-review'], 'refused', 'refused', reason, true);
      return this.deps.applications.application(row.subject, id);
    }
    if (service.declaration.decision.fourEyes) {
      const firstBy = await this.firstApprover(id);
      if (firstBy === null) {
        await this.change(official, row, ['submitted', 'in-review'], 'in-review', 'approval-first', reason);
        return this.deps.applications.application(row.subject, id);
      }
      if (firstBy === official.subject)
        throw new AppError('eservice-four-eyes', 'The second approval must be another official’s.');
    }
    await this.change(official, row, ['submitted', 'in-review'], 'approved', 'approved', reason, true);
    return this.deps.applications.application(row.subject, id);
  }

  private async firstApprover(id: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('eservices.history')
      .select('official')
      .where('application_id', '=', id)
      .where('action', '=', 'approval-first')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    return row?.official ?? null;
  }

  private async owned(official: Official, id: string) {
    const row = await this.db
      .selectFrom('eservices.applications')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || row.administration_id !== administrationOf(official))
      throw new AppError('eservice-application-not-found', 'Your administration has no such application.');
    return row;
  }

  private async change(
    official: Official,
    row: { id: string; subject: string; status: ApplicationStatus; service_code: string },
    from: readonly ApplicationStatus[],
    to: ApplicationStatus,
    action: string,
    note: string,
    decided = false,
  ): Promise<void> {
    const changed = await this.deps.applications.store.changeStatus(
      row.id,
      from,
      to,
      { subject: row.subject, at: this.now(), actor: 'official', action, note, official: official.subject },
      decided,
    );
    if (!changed) throw new AppError('eservice-already-decided', `The application is ${row.status}.`);
    const title = this.deps.starter.catalogueEntry(row.service_code)?.title;
    if (title)
      await this.deps.notifier
        ?.notify(row.subject, {
          kind: 'application-status',
          title,
          body: STATUS_TEXT[to],
          link: `/services/applications/${row.id}`,
        })
        .catch(() => {});
  }
}

const STATUS_TEXT: Record<ApplicationStatus, { bg: string; en: string; pl: string }> = {
  submitted: {
    bg: 'Заявлението е подадено.',
    en: 'The application was submitted.',
    pl: 'Wniosek został złożony.',
  },
  'in-review': {
    bg: 'Заявлението се разглежда.',
    en: 'The application is being reviewed.',
    pl: 'Wniosek jest rozpatrywany.',
  },
  'more-information-requested': {
    bg: 'Администрацията иска още информация.',
    en: 'The administration asks for more information.',
    pl: 'Urząd prosi o dodatkowe informacje.',
  },
  approved: {
    bg: 'Заявлението е одобрено.',
    en: 'The application was approved.',
    pl: 'Wniosek został zatwierdzony.',
  },
  refused: {
    bg: 'Заявлението е отказано.',
    en: 'The application was refused.',
    pl: 'Wniosek został odrzucony.',
  },
  withdrawn: {
    bg: 'Заявлението е оттеглено.',
    en: 'The application was withdrawn.',
    pl: 'Wniosek został wycofany.',
  },
};
