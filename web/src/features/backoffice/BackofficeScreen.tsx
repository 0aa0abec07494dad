import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/describe-error.ts';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import {
  act,
  fetchApplication,
  fetchQueue,
  type OpenedApplication,
  type QueueEntry,
} from './backoffice-api.ts';
import './Backoffice.css';

type Lang = 'bg' | 'en' | 'pl';
type SuccessKey = 'backoffice.approved' | 'backoffice.asked' | 'backoffice.refused';

/** The back office: the queue of the official's administration, and one application with its evidence. */
export function BackofficeScreen() {
  const { t } = useTranslation();
  const { state, retry } = useApiResource((signal) => fetchQueue(signal));
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="stack">
      <PageHeading title={t('backoffice.title')}>{t('backoffice.title')}</PageHeading>
      {state.kind === 'loading' && <LoadingIndicator label={t('backoffice.loading')} />}
      {state.kind === 'failed' && (
        <LoadFailed
          title={t('backoffice.loadFailed')}
          error={state.error}
          retryLabel={t('confirmData.retry')}
          onRetry={retry}
        />
      )}
      {state.kind === 'loaded' && open === null && (
        <Queue entries={state.value.applications} onOpen={setOpen} />
      )}
      {open !== null && (
        <ApplicationView
          id={open}
          onBack={() => {
            setOpen(null);
            retry();
          }}
        />
      )}
    </div>
  );
}

function Queue({ entries, onOpen }: { entries: QueueEntry[]; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.resolvedLanguage ?? i18n.language) as Lang;
  const format = useFormatters();
  if (entries.length === 0) return <p>{t('backoffice.empty')}</p>;
  return (
    <ul className="backoffice-queue">
      {entries.map((entry) => (
        <li key={entry.id} className="card">
          <h2 className="backoffice-queue__title">
            <button type="button" className="link-button" onClick={() => onOpen(entry.id)}>
              {entry.title?.[lang] ?? entry.serviceCode}
            </button>
          </h2>
          <p>
            <Badge tone={entry.daysLeft < 0 ? 'danger' : entry.daysLeft <= 2 ? 'warning' : 'neutral'}>
              {entry.daysLeft < 0
                ? t('backoffice.overdue', { count: -entry.daysLeft })
                : t('backoffice.daysLeft', { count: entry.daysLeft })}
            </Badge>{' '}
            {t(`backoffice.status.${entry.status}` as 'backoffice.status.submitted')}
          </p>
          <p className="secondary-text">
            {t('backoffice.submitted', { date: format.shortDateTime(entry.submittedAt) })}
          </p>
        </li>
      ))}
    </ul>
  );
}

function ApplicationView({ id, onBack }: { id: string; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.resolvedLanguage ?? i18n.language) as Lang;
  const noteId = useId();
  const { state, retry } = useApiResource((signal) => fetchApplication(id, signal));
  const [note, setNote] = useState('');
  // A success is kept as its text's key, so that it is worded again when the language changes.
  const [result, setResult] = useState<
    { tone: 'success'; key: SuccessKey } | { tone: 'error'; title: string } | null
  >(null);

  async function run(action: 'request-information' | 'decision', body: object, done: SuccessKey) {
    try {
      await act(id, action, body);
      setResult({ tone: 'success', key: done });
      setNote('');
      retry();
    } catch (error) {
      setResult({ tone: 'error', title: describeError(error, t).title });
    }
  }

  if (state.kind === 'loading') return <LoadingIndicator label={t('backoffice.loading')} />;
  if (state.kind === 'failed')
    return (
      <LoadFailed
        title={t('backoffice.loadFailed')}
        error={state.error}
        retryLabel={t('confirmData.retry')}
        onRetry={retry}
      />
    );
  const { application, evidence }: OpenedApplication = state.value;
  return (
    <section className="stack" aria-labelledby={`${noteId}-title`}>
      <h2 id={`${noteId}-title`}>{application.title[lang]}</h2>
      <p>{t(`backoffice.status.${application.status}` as 'backoffice.status.submitted')}</p>
      <h3>{t('backoffice.formData')}</h3>
      <pre className="backoffice-data">{JSON.stringify(application.data, null, 2)}</pre>
      <h3>{t('backoffice.evidence')}</h3>
      <ul>
        {evidence.map((item) => (
          <li key={item.source}>
            {item.name[lang]}:{' '}
            {item.status === 'ok' ? t('backoffice.evidenceOk') : t('backoffice.evidenceFailed')}
          </li>
        ))}
      </ul>
      <h3>{t('backoffice.history')}</h3>
      <ol>
        {application.history.map((entry) => (
          <li key={`${entry.at}-${entry.action}`}>
            {t(`backoffice.actor.${entry.actor}` as 'backoffice.actor.applicant')}:{' '}
            {t(`backoffice.action.${entry.action}`, { defaultValue: entry.action })}
            {entry.note ? ` — ${entry.note}` : ''}
          </li>
        ))}
      </ol>
      <label htmlFor={noteId}>{t('backoffice.note')}</label>
      <textarea
        id={noteId}
        value={note}
        maxLength={2000}
        rows={3}
        onChange={(event) => setNote(event.target.value)}
      />
      <div className="backoffice-actions">
        <Button
          onClick={() => void run('decision', { decision: 'approve', reason: note }, 'backoffice.approved')}
        >
          {t('backoffice.approve')}
        </Button>
        <Button
          variant="secondary"
          onClick={() => void run('request-information', { note }, 'backoffice.asked')}
        >
          {t('backoffice.ask')}
        </Button>
        <Button
          variant="secondary"
          onClick={() => void run('decision', { decision: 'refuse', reason: note }, 'backoffice.refused')}
        >
          {t('backoffice.refuse')}
        </Button>
      </div>
      {result && (
        <Alert tone={result.tone} title={result.tone === 'success' ? t(result.key) : result.title} />
      )}
      <p>
        <button type="button" className="link-button" onClick={onBack}>
          {t('backoffice.back')}
        </button>
      </p>
    </section>
  );
}
