import { type CredentialConfiguration, credentialConfiguration } from '@civitas/wallet/catalogue.ts';
import type { CredentialStatus } from '@civitas/wallet/formats.ts';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Badge } from '../../shared/ui/Badge.tsx';
import { readableColours } from './card-colours.ts';
import { holderNameOf, portraitOf } from './claim-values.ts';
import type { StoredCredential } from './vault.ts';

export type ShownStatus = CredentialStatus | 'expired' | 'unknown';

export function shownStatus(
  credential: StoredCredential,
  published: CredentialStatus | null,
  now: Date,
): ShownStatus {
  if (published && published !== 'valid') return published;
  if (credential.validUntil && new Date(credential.validUntil) < now) return 'expired';
  return published ?? 'unknown';
}

const TONE = {
  valid: 'success',
  revoked: 'danger',
  suspended: 'warning',
  expired: 'danger',
  unknown: 'neutral',
} as const;

export function StatusBadge({ status }: { status: ShownStatus }) {
  const { t } = useTranslation();
  return <Badge tone={TONE[status]}>{t(`wallet.status.${status}`)}</Badge>;
}

export function configurationOf(credential: StoredCredential): CredentialConfiguration {
  const configuration = credentialConfiguration(credential.configurationId);
  if (!configuration) throw new Error(`unknown credential ${credential.configurationId}`);
  return configuration;
}

/** A document as a card: its colours, photo, name, holder, expiry and status; a button opens it. */
export function DocumentCard({
  credential,
  status,
  onOpen,
}: {
  credential: StoredCredential;
  status: ShownStatus;
  onOpen: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const configuration = configurationOf(credential);
  const language = (i18n.resolvedLanguage ?? 'en') as 'en';
  const title = configuration.display[language] ?? configuration.display.en;
  const photo = portraitOf(configuration, credential.claims);
  const name = holderNameOf(configuration, credential.claims);
  const colours = readableColours(configuration.background, configuration.text);
  return (
    <li className="wallet-document" style={{ background: colours.background, color: colours.text }}>
      {photo && <img className="wallet-document__photo" src={photo} alt="" />}
      <div className="wallet-document__body">
        <h3 className="wallet-document__title">{title}</h3>
        {name && <p className="wallet-document__name">{name}</p>}
        {credential.validUntil && (
          <p>{t('wallet.validUntil', { date: format.date(credential.validUntil.slice(0, 10)) })}</p>
        )}
        <StatusBadge status={status} />
      </div>
      <button
        type="button"
        className="wallet-document__open"
        aria-label={`${t('wallet.openDocument')}: ${title}`}
        onClick={onOpen}
      >
        {t('wallet.openDocument')}
      </button>
    </li>
  );
}
