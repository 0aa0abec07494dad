import type { Administration, MailboxPage, MessageSummary } from '@civitas/contracts/api/mailbox.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { localisedText } from '../eservices/localised-text.ts';
import { saveFile } from '../vehicle-dossier/save-file.ts';
import { downloadOfficeReceipt, fetchMyAdministrations, fetchOfficeMailbox } from './mailbox-api.ts';
import { partyName } from './party-name.ts';
import './Mailbox.css';

/** The mailbox of the administration an official works for: what it sent (opened or not, with receipts) and received. */
export function OfficeMailboxScreen() {
  const { t, i18n } = useTranslation();
  const { state, retry } = useApiResource<Administration[]>(fetchMyAdministrations);
  return (
    <div className="stack">
      <PageHeading title={t('mailbox.officeTitle')}>{t('mailbox.officeTitle')}</PageHeading>
      {state.kind === 'loading' && <LoadingIndicator label={t('mailbox.loading')} />}
      {state.kind === 'failed' && (
        <LoadFailed
          title={t('mailbox.loadFailed')}
          error={state.error}
          retryLabel={t('mailbox.retry')}
          onRetry={retry}
        />
      )}
      {state.kind === 'loaded' && state.value.length === 0 && <p>{t('mailbox.noOffice')}</p>}
      {state.kind === 'loaded' &&
        state.value.map((administration) => (
          <Card
            key={administration.id}
            title={localisedText(administration.name, i18n.resolvedLanguage ?? 'bg', administration.id)}
          >
            <OfficeBox administration={administration.id} />
          </Card>
        ))}
    </div>
  );
}

function OfficeBox({ administration }: { administration: string }) {
  const { t } = useTranslation();
  const [box, setBox] = useState<'inbox' | 'sent'>('sent');
  return (
    <div className="stack">
      <nav className="mailbox-tabs" aria-label={t('mailbox.boxes')}>
        {(['sent', 'inbox'] as const).map((name) => (
          <Button
            key={name}
            variant={box === name ? 'primary' : 'secondary'}
            aria-pressed={box === name}
            onClick={() => setBox(name)}
          >
            {name === 'inbox' ? t('mailbox.inbox') : t('mailbox.sent')}
          </Button>
        ))}
      </nav>
      <OfficeList key={box} administration={administration} box={box} />
    </div>
  );
}

function OfficeList({ administration, box }: { administration: string; box: 'inbox' | 'sent' }) {
  const { t } = useTranslation();
  const { state, retry } = useApiResource<MailboxPage>((signal) =>
    fetchOfficeMailbox(administration, box, signal),
  );
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
  if (state.value.messages.length === 0)
    return <p>{box === 'inbox' ? t('mailbox.emptyInbox') : t('mailbox.emptySent')}</p>;
  return (
    <ul className="message-list">
      {state.value.messages.map((message) => (
        <OfficeMessage key={message.id} administration={administration} message={message} />
      ))}
    </ul>
  );
}

function OfficeMessage({ administration, message }: { administration: string; message: MessageSummary }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.resolvedLanguage ?? 'bg';
  const sent = message.box === 'sent';
  const receipt = async (kind: 'delivery' | 'read') => {
    const file = await downloadOfficeReceipt(administration, message.id, kind);
    saveFile(file.blob, file.filename ?? `${kind}-receipt.jws`);
  };
  return (
    <li className="message-list__item" data-message={message.id}>
      <h3 className="message-list__subject">{localisedText(message.subject, language, '—')}</h3>
      <p className="message-list__meta">
        {sent ? t('mailbox.toLabel') : t('mailbox.fromLabel')}:{' '}
        {partyName(sent ? message.to : message.from, language, t)}
        {' · '}
        {format.dateTime(message.deliveredAt)}
      </p>
      <div className="mailbox-tabs">
        {message.readAt ? (
          <Badge tone="success">{t('mailbox.readAt', { time: format.dateTime(message.readAt) })}</Badge>
        ) : (
          <Badge tone="neutral">{t('mailbox.notReadYet')}</Badge>
        )}
        {sent && (
          <Button variant="secondary" onClick={() => void receipt('delivery')}>
            {t('mailbox.deliveryReceipt')}
          </Button>
        )}
        {sent && message.readAt && (
          <Button variant="secondary" onClick={() => void receipt('read')}>
            {t('mailbox.readReceipt')}
          </Button>
        )}
      </div>
    </li>
  );
}
