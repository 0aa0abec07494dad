import type { NotificationList, Reminder } from '@civitas/contracts/api/notifications.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { describeError } from '../../shared/api/describe-error.ts';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { localisedText } from '../eservices/localised-text.ts';
import {
  checkReminders,
  fetchNotifications,
  markRead,
  pushSupported,
  subscribeToPush,
} from './notifications-api.ts';
import './Notifications.css';

/** The citizen's notifications, Web Push for this browser, and a check of their documents' expiry. */
export function NotificationsScreen() {
  const { t } = useTranslation();
  const { state, retry } = useApiResource<NotificationList>(fetchNotifications);
  return (
    <div className="stack">
      <PageHeading title={t('notifications.title')}>{t('notifications.title')}</PageHeading>
      {state.kind === 'loading' && <LoadingIndicator label={t('notifications.loading')} />}
      {state.kind === 'failed' && (
        <LoadFailed
          title={t('notifications.loadFailed')}
          error={state.error}
          retryLabel={t('notifications.retry')}
          onRetry={retry}
        />
      )}
      {state.kind === 'loaded' && <Notes list={state.value} onChange={retry} />}
      <PushCard />
      <RemindersCard onChecked={retry} />
    </div>
  );
}

function Notes({ list, onChange }: { list: NotificationList; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.resolvedLanguage ?? 'bg';
  if (list.items.length === 0) return <p>{t('notifications.empty')}</p>;
  return (
    <>
      {list.unread > 0 && (
        <div className="notification-actions">
          <Button variant="secondary" onClick={() => void markRead('all').then(onChange)}>
            {t('notifications.markAllRead')}
          </Button>
        </div>
      )}
      <ul className="notification-list">
        {list.items.map((note) => (
          <li
            key={note.id}
            className={`card notification-list__item${note.read ? '' : ' notification-list__item--unread'}`}
          >
            <h2 className="notification-list__title">{localisedText(note.title, language, '—')}</h2>
            <p>{localisedText(note.body, language, '')}</p>
            <p className="secondary-text">
              {format.dateTime(note.createdAt)}{' '}
              {!note.read && <Badge tone="warning">{t('notifications.new')}</Badge>}
            </p>
            <p>
              <Link href={note.link} onClick={() => void markRead(note.id).catch(() => {})}>
                {t('notifications.open')}
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function PushCard() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'idle' | 'subscribed' | 'denied' | 'failed'>('idle');
  if (!pushSupported()) return null;
  return (
    <Card title={t('notifications.pushTitle')}>
      <p>{t('notifications.pushIntro')}</p>
      {status === 'subscribed' && <Alert tone="success" title={t('notifications.pushOn')} />}
      {status === 'denied' && <Alert tone="warning" title={t('notifications.pushDenied')} />}
      {status === 'failed' && <Alert tone="error" title={t('notifications.pushFailed')} />}
      <Button
        variant="secondary"
        onClick={() => void subscribeToPush().then(setStatus, () => setStatus('failed'))}
      >
        {t('notifications.pushTurnOn')}
      </Button>
    </Card>
  );
}

const DOCUMENT_LABEL = {
  'id-card': 'notifications.documents.idCard',
  'driving-licence': 'notifications.documents.drivingLicence',
  'mtpl-insurance': 'notifications.documents.mtpl',
  'technical-inspection': 'notifications.documents.inspection',
} as const;

function RemindersCard({ onChecked }: { onChecked: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [result, setResult] = useState<
    { kind: 'done'; reminders: Reminder[] } | { kind: 'failed'; error: unknown } | null
  >(null);
  return (
    <Card title={t('notifications.remindersTitle')}>
      <p>{t('notifications.remindersIntro')}</p>
      {result?.kind === 'failed' && <Alert tone="error" title={describeError(result.error, t).title} />}
      {result?.kind === 'done' &&
        (result.reminders.length === 0 ? (
          <Alert tone="success" title={t('notifications.nothingExpires')} />
        ) : (
          <ul>
            {result.reminders.map((reminder) => (
              <li key={`${reminder.document}:${reminder.reference}`}>
                {t(DOCUMENT_LABEL[reminder.document])}
                {reminder.document === 'mtpl-insurance' || reminder.document === 'technical-inspection'
                  ? `(${reminder.reference}) `
                  : ''}
                {t('notifications.expiresIn', {
                  count: reminder.daysLeft,
                  date: format.date(reminder.expiresOn),
                })}
              </li>
            ))}
          </ul>
        ))}
      <Button
        variant="secondary"
        onClick={() =>
          void checkReminders().then(
            (check) => {
              setResult({ kind: 'done', reminders: check.reminders });
              onChecked();
            },
            (error: unknown) => setResult({ kind: 'failed', error }),
          )
        }
      >
        {t('notifications.checkNow')}
      </Button>
    </Card>
  );
}
