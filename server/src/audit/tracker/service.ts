import { SESSION_RECORDS_LIMIT } from '@civitas/contracts/api/data-usage.ts';
import type { PersonalNumberScheme } from '@civitas/contracts/ids/personal-number.ts';
import { EMERGENCY_PURPOSE } from '@civitas/contracts/log/access-sessions.ts';
import type { AccessPolicy, Caller } from '../../access/index.ts';
import type { StaffName } from '../../identity/index.ts';
import { DEMO_ROLE_ORGANISATIONS } from '../../identity/index.ts';
import { AppError } from '../../kernel/index.ts';
import type { UsageRow } from '../tables.ts';
import { type UsageViewer, usagePolicy } from './policy.ts';
import type {
  AuditUsageQuery,
  CitizenSessionsQuery,
  CitizenUsageQuery,
  HideCaseBody,
  HidingBody,
  PeriodQuery,
} from './schemas.ts';
import { usageSessions } from './sessions.ts';
import type { UsageFilter, UsageStore } from './store.ts';
import { type HiddenCaseView, hiddenCaseView, type UsageView, usageView } from './views.ts';

export interface DataTrackerOptions {
  usage: UsageStore;
  /** Which administration a caller acts for, and which legal bases allow hiding an access. */
  policy: AccessPolicy;
  /** The names officials are registered under, by personal number (what citizens are shown). */
  staffNames: (egns: readonly string[]) => Promise<Map<string, StaffName>>;
  /** Feeds the exchange's newest messages in before answering, so a screen is up to date. */
  catchUp: () => Promise<unknown>;
  /** The instance's personal numbers (EGN, PESEL): what a subject in a query must be. */
  personalNumbers: PersonalNumberScheme;
}

/** A usage search as the store takes it, from a query's period and page. */
export function periodOf(query: PeriodQuery, defaultLimit: number) {
  return {
    from: query.from === undefined ? undefined : new Date(query.from),
    to: query.to === undefined ? undefined : new Date(query.to),
    limit: Number(query.limit ?? defaultLimit),
    offset: Number(query.offset ?? 0),
  };
}

/**
 * The data tracker: "who used my data" for citizens, the audit view, and lawful hiding. Who
 * sees what is `usagePolicy`'s; which administration a caller acts for is the access policy's.
 */
export class DataTracker {
  readonly usage: UsageStore;
  private readonly options: DataTrackerOptions;

  constructor(options: DataTrackerOptions) {
    this.options = options;
    this.usage = options.usage;
  }

  /** Every access to the person's data they may see now, newest first, with the screen's filters. */
  async citizenUsage(subject: string, query: CitizenUsageQuery) {
    await this.options.catchUp();
    const [found, facets] = await Promise.all([
      this.usage.find({
        subject,
        organisation: query.organisation,
        purpose: query.purpose,
        ...periodOf(query, 100),
        onlyVisible: !usagePolicy.showsHiddenRecords('subject'),
      }),
      this.usage.facets(subject),
    ]);
    return {
      total: found.total,
      items: await this.views(found.rows, 'subject'),
      organisations: facets.organisations.map(this.usage.organisationOf),
      purposes: facets.purposes,
    };
  }

  /**
   * The person's records as sessions (`sessions.ts`), newest first, a page of sessions at a
   * time: a doctor's dozens of reads of one chart are one session. Each session carries its
   * records (the newest SESSION_RECORDS_LIMIT), each verifiable against the log as in `citizenUsage`.
   */
  async citizenUsageSessions(subject: string, query: CitizenSessionsQuery) {
    await this.options.catchUp();
    const [parts, facets] = await Promise.all([
      this.usage.sessionParts({
        subject,
        organisation: query.organisation,
        purpose: query.purpose,
        ...periodOf(query, 0),
        onlyVisible: !usagePolicy.showsHiddenRecords('subject'),
      }),
      this.usage.facets(subject),
    ]);
    const sessions = usageSessions(parts);
    const limit = Number(query.limit ?? 20);
    const offset = Number(query.offset ?? 0);
    const page = sessions.slice(offset, offset + limit);
    const rows = await this.usage.byIds(
      page.flatMap((session) => session.items.slice(0, SESSION_RECORDS_LIMIT).map((row) => row.id)),
    );
    const views = new Map((await this.views(rows, 'subject')).map((view) => [view.id, view]));
    return {
      total: sessions.length,
      records: parts.length,
      items: page.map((session) => ({
        id: session.items.at(-1)!.id,
        count: session.items.length,
        firstTime: new Date(session.first).toISOString(),
        lastTime: new Date(session.last).toISOString(),
        emergency: session.items[0]!.purpose === EMERGENCY_PURPOSE,
        records: session.items.slice(0, SESSION_RECORDS_LIMIT).flatMap((row) => views.get(row.id) ?? []),
      })),
      organisations: facets.organisations.map(this.usage.organisationOf),
      purposes: facets.purposes,
    };
  }

  /** Every record an auditor asks for, hidden ones included; the look is recorded before it is answered. */
  async auditUsage(auditor: Caller, query: AuditUsageQuery): Promise<{ total: number; items: UsageView[] }> {
    const { subject } = query;
    const problem = subject === undefined ? null : this.options.personalNumbers.check(subject);
    if (problem)
      throw new AppError('invalid-personal-number', `The personal number is not valid (${problem}).`);
    const { limit, offset, ...period } = periodOf(query, 100);
    const filter = { subject, organisation: query.organisation, purpose: query.usagePurpose, ...period };
    await this.usage.recordAuditView({
      auditor: auditor.subject,
      organisation: organisationOfRole('auditor'),
      purpose: query.purpose,
      legalBasis: query.legalBasis,
      filter,
      subject,
    });
    await this.options.catchUp();
    const onlyVisible = !usagePolicy.showsHiddenRecords('auditor');
    const found = await this.usage.find({ ...filter, onlyVisible, limit, offset });
    return { total: found.total, items: await this.views(found.rows, 'auditor') };
  }

  /** Hides one record from its subject (the official who made the access); answers how many. */
  async hideRecord(caller: Caller, id: string, hiding: HidingBody): Promise<number> {
    const until = usagePolicy.hidingUntil(hiding.hiddenUntil);
    const organisations = await this.options.policy.clientsOf(caller);
    return this.usage.hide({ id }, { person: caller.subject, organisations }, until, hiding.reason.trim());
  }

  /** Hides a case's accesses from the start, for the caller's administration; answers the case as stored. */
  async hideCase(caller: Caller, body: HideCaseBody): Promise<HiddenCaseView> {
    const until = usagePolicy.hidingUntil(body.hiddenUntil);
    const legalBasis = body.legalBasis.trim();
    const organisation = await this.options.policy.hidingClient(caller, legalBasis);
    const caseRef = body.caseRef.trim();
    await this.usage.hideCase({
      organisation,
      caseRef,
      legalBasis,
      actor: caller.subject,
      until,
      reason: body.reason.trim(),
    });
    const stored = (await this.usage.hiddenCases([organisation])).find(
      (row) => row.case_ref === caseRef && row.legal_basis === legalBasis,
    );
    return hiddenCaseView(stored!, this.usage.organisationOf);
  }

  /** The hidden cases the caller may see (`usagePolicy.hiddenCasesScope`). */
  async hiddenCases(caller: Caller): Promise<HiddenCaseView[]> {
    const scope = await usagePolicy.hiddenCasesScope(caller, (who) => this.options.policy.clientsOf(who));
    return (await this.usage.hiddenCases(scope)).map((row) => hiddenCaseView(row, this.usage.organisationOf));
  }

  /** Records of one subject for a viewer (the Data Tracker v3 API), with the officials' names. */
  async usageOf(subject: string, viewer: UsageViewer, filter: Omit<UsageFilter, 'subject' | 'onlyVisible'>) {
    await this.options.catchUp();
    const found = await this.usage.find({
      subject,
      ...filter,
      onlyVisible: !usagePolicy.showsHiddenRecords(viewer),
    });
    return { ...found, names: await this.namesIn(found.rows) };
  }

  /** Sets when hidden records are disclosed (Data Tracker v3 disclose), each as `hideRecord` would. */
  async disclose(
    caller: Caller,
    items: ReadonlyArray<{ queryId: string; hiddenReason: string; hiddenUntil: string }>,
  ) {
    const actor = { person: caller.subject, organisations: await this.options.policy.clientsOf(caller) };
    await this.options.catchUp();
    for (const item of items) {
      await this.usage.hide(
        { queryId: item.queryId },
        actor,
        usagePolicy.hidingUntil(item.hiddenUntil),
        item.hiddenReason,
      );
    }
  }

  /** The registered names of the officials who made these accesses. */
  namesIn(rows: ReadonlyArray<Pick<UsageRow, 'initiator_person'>>): Promise<Map<string, StaffName>> {
    return this.options.staffNames(
      rows.flatMap((row) => (row.initiator_person ? [row.initiator_person] : [])),
    );
  }

  private async views(
    rows: Array<UsageRow & { entry: Uint8Array }>,
    viewer: UsageViewer,
  ): Promise<UsageView[]> {
    const names = await this.namesIn(rows);
    return rows.map((row) => usageView(row, viewer, names, this.usage.organisationOf));
  }
}

/** The administration a role acts for (auditors: the data protection authority). */
function organisationOfRole(role: string): string {
  return DEMO_ROLE_ORGANISATIONS.find((entry) => entry.role === role)?.organisation ?? role;
}
