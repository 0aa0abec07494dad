import type { Application } from '@civitas/contracts/api/eservices.ts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/describe-error.ts';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { answerRequest, fetchApplication, fetchApplications } from './service-api.ts';
import './ServicesScreen.css';

type Lang = 'bg' | 'en' | 'pl';

/** "My applications": each with its status, due date and history; an information request answered here. */
export function ApplicationsScreen() {
  const { t, i18n } = useTranslation();
  const lang = (i18n.resolvedLanguage ?? i18n.language) as Lang;
  const format = useFormatters();
  const { state, retry } = useApiResource((signal) => fetchApplications(signal));
  return (
    <div className="stack">
      <PageHeading title={t('myApplications.title')}>{t('myApplications.title')}</PageHeading>
      {state.kind === 'loading' && <LoadingIndicator label={t('myApplications.loading')} />}
      {state.kind === 'failed' && (
        <LoadFailed
          title={t('myApplications.loadFailed')}
          error={state.error}
          retryLabel={t('confirmData.retry')}
          onRetry={retry}
        />
      )}
      {state.kind === 'loaded' && state.value.applications.length === 0 && <p>{t('myApplications.empty')}</p>}
      {state.kind === 'loaded' && (
        <ul className="service-list">
          {state.value.applications.map((application) => (
            <li key={application.id} className="card service-list__item">
              <h2 className="service-list__title">{application.title[lang]}</h2>
              <p>
                {t(`backoffice.status.${application.status}` as 'backoffice.status.submitted')} ·{' '}
                {t('myApplications.due', { date: format.shortDateTime(application.dueAt) })}
              </p>
              <ApplicationDetail id={application.id} onChanged={retry} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ApplicationDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const noteId = useId();
  const { state, retry } = useApiResource((signal) => fetchApplication(id, signal));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (state.kind !== 'loaded') return null;
  const application: Application = state.value;
  const request = [...application.history]
    .reverse()
    .find((entry) => entry.action === 'information-requested');
  return (
    <>
      <ol>
        {application.history.map((entry) => (
          <li key={`${entry.at}-${entry.action}`}>
            {t(`backoffice.actor.${entry.actor}` as 'backoffice.actor.applicant')}:{' '}
            {t(`backoffice.action.${entry.action}` as 'backoffice.action.submitted', {
              defaultValue: entry.action,
            })}
            {entry.note ? ` — ${entry.note}` : ''}
          </li>
        ))}
      </ol>
      {application.status === 'more-information-requested' && request && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            answerRequest(id, note).then(
              () => {
                setNote('');
                retry();
                onChanged();
              },
              (failure: unknown) => setError(describeError(failure, t).title),
            );
          }}
        >
          <label htmlFor={noteId}>{t('myApplications.answer')}</label>
          <textarea
            id={noteId}
            value={note}
            rows={3}
            maxLength={2000}
            onChange={(event) => setNote(event.target.value)}
          />
          <Button type="submit">{t('myApplications.send')}</Button>
          {error && <Alert tone="error" title={error} />}
        </form>
      )}
    </>
  );
}
