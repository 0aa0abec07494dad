import crypto from 'node:crypto';
import {
  type Application,
  type Applications,
  type Draft,
  submissionPayload,
} from '@civitas/contracts/api/eservices.ts';
import { canonicalJson } from '@civitas/contracts/canonical-json.ts';
import { AppError } from '../../kernel/index.ts';
import { fieldErrors } from './declarations/form-validator.ts';
import type { Notifier, Signing } from './ports.ts';
import type { ServiceStarter } from './start.ts';
import { getPath } from './start.ts';
import type { ApplicationStore } from './store.ts';
import type { ApplicationRow } from './tables.ts';

const DAY_MS = 86_400_000;
const UNDECIDED = ['submitted', 'in-review', 'more-information-requested'] as const;

export interface ApplicationsDeps {
  store: ApplicationStore;
  starter: ServiceStarter;
  /** The signing context's port (ports.md §2); absent until it is wired, when submissions are refused. */
  signing?: Signing | undefined;
  notifier?: Notifier | undefined;
  now?: () => Date;
}

/**
 * Drafts and applications, below HTTP. Everything is the signed-in person's own: another
 * person's draft or application is "not found".
 */
export class ApplicationsService {
  private readonly deps: ApplicationsDeps;
  readonly store: ApplicationStore;

  constructor(deps: ApplicationsDeps) {
    this.deps = deps;
    this.store = deps.store;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async saveDraft(
    subject: string,
    id: string,
    serviceCode: string,
    data: Record<string, unknown>,
  ): Promise<Draft> {
    const service = this.deps.starter.service(serviceCode);
    const existing = await this.deps.store.draft(id);
    if (existing && (existing.subject !== subject || existing.service_code !== serviceCode))
      throw new AppError('eservice-draft-not-found', 'There is no such draft of yours for this service.');
    if (existing && (await this.deps.store.applicationOfDraft(id)))
      throw new AppError('eservice-already-decided', 'This draft was submitted already.');
    const now = this.now();
    await this.deps.store.saveDraft({
      id,
      subject,
      service_code: serviceCode,
      service_version: service.declaration.version,
      data: JSON.stringify(data),
      created_at: existing?.created_at ?? now,
      updated_at: now,
    });
    return {
      id,
      serviceCode,
      serviceVersion: service.declaration.version,
      title: service.declaration.title,
      data,
      updatedAt: now.toISOString(),
    };
  }

  async drafts(subject: string): Promise<Draft[]> {
    const rows = await this.deps.store.drafts(subject);
    return rows.flatMap((row) => {
      const service = this.deps.starter.catalogueEntry(row.service_code);
      if (!service) return [];
      return [
        {
          id: row.id,
          serviceCode: row.service_code,
          serviceVersion: row.service_version,
          title: service.title,
          data: JSON.parse(row.data) as Record<string, unknown>,
          updatedAt: new Date(row.updated_at).toISOString(),
        },
      ];
    });
  }

  async draft(subject: string, id: string): Promise<Draft> {
    const found = (await this.drafts(subject)).find((draft) => draft.id === id);
    if (!found) throw new AppError('eservice-draft-not-found', 'There is no such draft of yours.');
    return found;
  }

  /**
   * Files a draft: idempotent (a second submission of the same draft answers the application the
   * first made), checked against the form's schema, the registers' eligibility and the
   * applicant's signature over the draft as saved.
   */
  async submit(subject: string, draftId: string, signature: string): Promise<Application> {
    const row = await this.deps.store.draft(draftId);
    if (!row || row.subject !== subject)
      throw new AppError('eservice-draft-not-found', 'There is no such draft of yours.');
    const filed = await this.deps.store.applicationOfDraft(draftId);
    if (filed) return this.application(subject, filed.id);
    const service = this.deps.starter.service(row.service_code);
    const data = JSON.parse(row.data) as Record<string, unknown>;
    // The registers decide again (they may have changed since the form was opened), and the
    // read-only values are theirs, not what the browser sent.
    const start = await this.deps.starter.start(row.service_code, { subject });
    if (start.eligibility.status === 'not-eligible')
      throw new AppError('eservice-not-eligible', start.eligibility.reasons.map((r) => r.text.en).join(' '), {
        reasons: start.eligibility.reasons,
      });
    for (const value of start.prefill)
      if (!value.editable && getPath(data, value.field) !== value.value)
        throw new AppError(
          'eservice-form-invalid',
          `${value.field} is filled from the register and cannot be changed.`,
          {
            errors: [{ field: value.field, keyword: 'readonly', params: {} }],
          },
        );
    if (!service.validate(data))
      throw new AppError('eservice-form-invalid', 'The form does not match the service’s schema.', {
        errors: fieldErrors(service.validate.errors),
      });
    if (!this.deps.signing)
      throw new AppError('eservice-signing-unavailable', 'No signature checker is wired.');
    const check = await this.deps.signing.verifyJades(signature, { expectedSigner: subject });
    const expected = submissionPayload({
      id: draftId,
      serviceCode: row.service_code,
      serviceVersion: row.service_version,
      data,
    });
    if (canonicalJson(check.payload) !== canonicalJson(expected))
      throw new AppError('eservice-signature-mismatch', 'The signed payload is not this draft as saved.');
    const now = this.now();
    const id = crypto.randomUUID();
    const inserted = await this.deps.store.insertApplication(
      {
        id,
        draft_id: draftId,
        subject,
        service_code: row.service_code,
        service_version: row.service_version,
        administration_id: service.declaration.administration.id,
        data: row.data,
        signature,
        status: 'submitted',
        submitted_at: now,
        due_at: new Date(now.getTime() + service.declaration.processingDays * DAY_MS),
        decided_at: null,
      },
      {
        application_id: id,
        subject,
        at: now,
        actor: 'applicant',
        action: 'submitted',
        status: 'submitted',
        note: null,
        official: null,
      },
    );
    // Two submissions at once: the one that lost answers the winner's application.
    const application = inserted ? id : (await this.deps.store.applicationOfDraft(draftId))!.id;
    if (inserted) await this.notify(subject, id, service.declaration.title, 'submitted');
    return this.application(subject, application);
  }

  async withdraw(subject: string, id: string): Promise<Application> {
    const row = await this.owned(subject, id);
    const changed = await this.deps.store.changeStatus(
      row.id,
      UNDECIDED,
      'withdrawn',
      {
        subject,
        at: this.now(),
        actor: 'applicant',
        action: 'withdrawn',
        note: null,
        official: null,
      },
      true,
    );
    if (!changed) throw new AppError('eservice-already-decided', `The application is ${row.status}.`);
    return this.application(subject, id);
  }

  /** The applicant's answer to a request for more information: the application goes back to the office. */
  async answer(subject: string, id: string, note: string): Promise<Application> {
    const row = await this.owned(subject, id);
    const changed = await this.deps.store.changeStatus(row.id, ['more-information-requested'], 'in-review', {
      subject,
      at: this.now(),
      actor: 'applicant',
      action: 'information-provided',
      note,
      official: null,
    });
    if (!changed) throw new AppError('eservice-already-decided', `The application is ${row.status}.`);
    return this.application(subject, id);
  }

  async applications(subject: string): Promise<Applications['applications']> {
    const rows = await this.deps.store.applications(subject);
    return rows.map((row) => {
      const { data: _data, history: _history, ...summary } = this.view(row, []);
      return summary;
    });
  }

  async application(subject: string, id: string): Promise<Application> {
    const row = await this.owned(subject, id);
    return this.view(row, await this.deps.store.history(row.id));
  }

  private async owned(subject: string, id: string): Promise<ApplicationRow> {
    const row = await this.deps.store.application(id);
    if (!row || row.subject !== subject)
      throw new AppError('eservice-application-not-found', 'There is no such application of yours.');
    return row;
  }

  private view(
    row: ApplicationRow,
    history: ReadonlyArray<{ at: Date; actor: string; action: string; status: string; note: string | null }>,
  ): Application {
    const entry = this.deps.starter.catalogueEntry(row.service_code);
    return {
      id: row.id,
      serviceCode: row.service_code,
      serviceVersion: row.service_version,
      title: entry?.title ?? { bg: row.service_code, en: row.service_code, pl: row.service_code },
      administration: entry?.administration ?? {
        id: row.administration_id,
        name: { bg: row.administration_id, en: row.administration_id, pl: row.administration_id },
      },
      status: row.status,
      submittedAt: new Date(row.submitted_at).toISOString(),
      dueAt: new Date(row.due_at).toISOString(),
      decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
      data: JSON.parse(row.data) as Record<string, unknown>,
      history: history.map((h) => ({
        at: new Date(h.at).toISOString(),
        actor: h.actor as Application['history'][number]['actor'],
        action: h.action,
        status: h.status as Application['status'],
        note: h.note,
      })),
    };
  }

  private async notify(
    subject: string,
    id: string,
    title: Application['title'],
    status: string,
  ): Promise<void> {
    await this.deps.notifier
      ?.notify(subject, {
        kind: 'application-status',
        title,
        body: STATUS_TEXT[status] ?? { bg: status, en: status, pl: status },
        link: `/services/applications/${id}`,
      })
      .catch(() => {});
  }
}

const STATUS_TEXT: Record<string, Application['title']> = {
  submitted: {
    bg: 'Заявлението ви е подадено.',
    en: 'Your application was submitted.',
    pl: 'Twój wniosek został złożony.',
  },
};
