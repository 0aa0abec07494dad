import type { Administration, MessageView } from '@civitas/contracts/api/mailbox.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { navigate } from '../../app/routing/router.ts';
import { describeError } from '../../shared/api/describe-error.ts';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { localisedText } from '../eservices/localised-text.ts';
import { saveFile } from '../vehicle-dossier/save-file.ts';
import {
  downloadAttachment,
  downloadReceipt,
  fetchAdministrations,
  fetchMessage,
  forwardMessage,
  sendReply,
} from './mailbox-api.ts';
import { partyName } from './party-name.ts';
import { MAILBOX_PATH, messagePath } from './paths.ts';
import '../../shared/ui/FormFields.css';
import './Mailbox.css';

/** One message: its text, documents and sealed receipts; the citizen answers or forwards it. */
export function MessageScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { state, retry } = useApiResource<MessageView>((signal) => fetchMessage(id, signal));
  if (state.kind === 'loading') return <LoadingIndicator label={t('mailbox.loading')} />;
  if (state.kind === 'failed')
    return (
      <div className="stack">
        <PageHeading title={t('mailbox.message')}>{t('mailbox.message')}</PageHeading>
        <LoadFailed
          title={t('mailbox.messageFailed')}
          error={state.error}
          retryLabel={t('mailbox.retry')}
          onRetry={retry}
        />
        <Link href={MAILBOX_PATH}>{t('mailbox.back')}</Link>
      </div>
    );
  return <Message message={state.value} />;
}

function Message({ message }: { message: MessageView }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.resolvedLanguage ?? 'bg';
  const subject = localisedText(message.subject, language, t('mailbox.message'));
  return (
    <div className="stack">
      <PageHeading title={subject}>{subject}</PageHeading>
      <p className="message-meta">
        {t('mailbox.fromLabel')}: {partyName(message.from, language, t)} · {t('mailbox.toLabel')}:{' '}
        {partyName(message.to, language, t)} · {format.dateTime(message.deliveredAt)}
      </p>
      <Card title={t('mailbox.text')}>
        <p className="message-body">{localisedText(message.body, language, '')}</p>
      </Card>
      {message.attachmentList.length > 0 && (
        <Card title={t('mailbox.attachments')}>
          <ul className="attachment-list">
            {message.attachmentList.map((attachment) => (
              <li key={attachment.index}>
                <span>
                  {attachment.name} ({format.number(Math.ceil(attachment.size / 1024))} KB)
                </span>
                <Button
                  variant="secondary"
                  onClick={async () => {
                    const file = await downloadAttachment(message.id, attachment.index);
                    saveFile(file.blob, file.filename ?? attachment.name);
                  }}
                >
                  {t('mailbox.download')}
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card title={t('mailbox.receipts')}>
        <p>{t('mailbox.receiptsIntro')}</p>
        <ul className="receipt-list">
          {message.receipts.map((receipt) => (
            <li key={receipt.kind} data-receipt={receipt.kind}>
              <span>
                {receipt.kind === 'delivery' ? t('mailbox.deliveredAt') : t('mailbox.openedAt')}:{' '}
                {format.dateTime(receipt.at)}
              </span>
              <Button
                variant="secondary"
                onClick={async () => {
                  const file = await downloadReceipt(message.id, receipt.kind);
                  saveFile(file.blob, file.filename ?? `${receipt.kind}-receipt.jws`);
                }}
              >
                {t('mailbox.downloadReceipt')}
              </Button>
            </li>
          ))}
        </ul>
      </Card>
      {message.box === 'inbox' && <ReplyForm id={message.id} />}
      <ForwardForm id={message.id} />
      <Link href={MAILBOX_PATH}>{t('mailbox.back')}</Link>
    </div>
  );
}

type Sending = { kind: 'idle' } | { kind: 'sending' } | { kind: 'failed'; error: unknown };

function ReplyForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [sending, setSending] = useState<Sending>({ kind: 'idle' });
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    setSending({ kind: 'sending' });
    try {
      const sent = await sendReply(id, text.trim(), files);
      navigate(messagePath(sent.messageId));
    } catch (error) {
      setSending({ kind: 'failed', error });
    }
  }
  return (
    <Card title={t('mailbox.reply')}>
      <form className="compose" onSubmit={submit}>
        {sending.kind === 'failed' && <Alert tone="error" title={describeError(sending.error, t).title} />}
        <label htmlFor="reply-text">{t('mailbox.replyText')}</label>
        <textarea
          id="reply-text"
          required
          maxLength={10_000}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <label htmlFor="reply-files">{t('mailbox.attachFiles')}</label>
        <input
          id="reply-files"
          className="form-input"
          type="file"
          multiple
          accept="application/pdf,image/jpeg,image/png"
          aria-describedby="reply-files-hint"
          onChange={(event) => setFiles([...(event.target.files ?? [])])}
        />
        <p id="reply-files-hint" className="secondary-text">
          {t('mailbox.attachHint')}
        </p>
        <div>
          <Button type="submit" disabled={sending.kind === 'sending'}>
            {t('mailbox.sendReply')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function ForwardForm({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { state } = useApiResource<Administration[]>(fetchAdministrations);
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [sending, setSending] = useState<Sending>({ kind: 'idle' });
  if (state.kind !== 'loaded') return null;
  const language = i18n.resolvedLanguage ?? 'bg';
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!to) return;
    setSending({ kind: 'sending' });
    try {
      const sent = await forwardMessage(id, to, note);
      navigate(messagePath(sent.messageId));
    } catch (error) {
      setSending({ kind: 'failed', error });
    }
  }
  return (
    <Card title={t('mailbox.forward')}>
      <form className="compose" onSubmit={submit}>
        {sending.kind === 'failed' && <Alert tone="error" title={describeError(sending.error, t).title} />}
        <label htmlFor="forward-to">{t('mailbox.forwardTo')}</label>
        <select
          id="forward-to"
          className="form-input"
          required
          value={to}
          onChange={(event) => setTo(event.target.value)}
        >
          <option value="">{t('mailbox.chooseAdministration')}</option>
          {state.value.map((administration) => (
            <option key={administration.id} value={administration.id}>
              {localisedText(administration.name, language, administration.id)}
            </option>
          ))}
        </select>
        <label htmlFor="forward-note">{t('mailbox.forwardNote')}</label>
        <textarea
          id="forward-note"
          maxLength={10_000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
        <div>
          <Button type="submit" disabled={sending.kind === 'sending'}>
            {t('mailbox.sendForward')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
