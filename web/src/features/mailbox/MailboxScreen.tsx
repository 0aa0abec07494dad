import type { MailboxPage } from '@civitas/contracts/api/mailbox.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { useSessionRoles } from '../../shared/auth/use-session-roles.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { localisedText } from '../eservices/localised-text.ts';
import { fetchMailbox } from './mailbox-api.ts';
import { partyName } from './party-name.ts';
import { messagePath, OFFICE_MAILBOX_PATH } from './paths.ts';
import './Mailbox.css';

/** The citizen's secure mailbox: what arrived, and what they sent. */
export function MailboxScreen() {
  const { t } = useTranslation();
  const [box, setBox] = useState<'inbox' | 'sent'>('inbox');
  const official = useSessionRoles().includes('official');
  return (
    <div className="stack">
      <PageHeading title={t('mailbox.title')}>{t('mailbox.title')}</PageHeading>
      <p className="lead">{t('mailbox.intro')}</p>
      {official && (
        <p>
          <Link href={OFFICE_MAILBOX_PATH}>{t('mailbox.officeLink')}</Link>
        </p>
      )}
      <nav className="mailbox-tabs" aria-label={t('mailbox.boxes')}>
        <Button
          variant={box === 'inbox' ? 'primary' : 'secondary'}
          aria-pressed={box === 'inbox'}
          onClick={() => setBox('inbox')}
        >
          {t('mailbox.inbox')}
        </Button>
        <Button
          variant={box === 'sent' ? 'primary' : 'secondary'}
          aria-pressed={box === 'sent'}
          onClick={() => setBox('sent')}
        >
          {t('mailbox.sent')}
        </Button>
      </nav>
      <MessageList key={box} box={box} />
    </div>
  );
}

function MessageList({ box }: { box: 'inbox' | 'sent' }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const { state, retry } = useApiResource<MailboxPage>((signal) => fetchMailbox(box, signal));
  if (state.kind === 'loading') return <LoadingIndicator label={t('mailbox.loading')} />;
  if (state.kind === 'failed')
    return (
      <LoadFailed
        title={t('mailbox.loadFailed')}
        error={state.error}
        retryLabel={t('mailbox.retry')}
        onRetry={retry}
      />
    );
  const { messages } = state.value;
  if (messages.length === 0)
    return <p>{box === 'inbox' ? t('mailbox.emptyInbox') : t('mailbox.emptySent')}</p>;
  const language = i18n.resolvedLanguage ?? 'bg';
  return (
    <ul className="message-list">
      {messages.map((message) => {
        const unread = message.box === 'inbox' && message.readAt === null;
        const other = message.box === 'inbox' ? message.from : message.to;
        return (
          <li
            key={message.id}
            className={`card message-list__item${unread ? ' message-list__item--unread' : ''}`}
          >
            <h2 className="message-list__subject">
              <Link href={messagePath(message.id)}>{localisedText(message.subject, language, '—')}</Link>
            </h2>
            <p className="message-list__meta">
              {message.box === 'inbox' ? t('mailbox.fromLabel') : t('mailbox.toLabel')}:{' '}
              {partyName(other, language, t)}
              {' · '}
              {format.dateTime(message.deliveredAt)}
              {message.attachments > 0 &&
                ` · ${t('mailbox.attachmentCount', { count: message.attachments })}`}
            </p>
            <div>
              {unread ? (
                <Badge tone="warning">{t('mailbox.unread')}</Badge>
              ) : message.readAt ? (
                <Badge tone="success">{t('mailbox.readAt', { time: format.dateTime(message.readAt) })}</Badge>
              ) : (
                <Badge tone="neutral">{t('mailbox.notReadYet')}</Badge>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
