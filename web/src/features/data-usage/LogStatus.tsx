import { useTranslation } from 'react-i18next';
import { logKeyLabel } from '../../shared/api/log-key-pin.ts';
import type { LogState } from '../../shared/api/use-usage-verification.ts';
import type { LogKeyPin, LogTrust } from '../../shared/api/verify-usage.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';

/** What the browser found when it opened the public log, before any record is checked. */
export function LogStatus({ log }: { log: LogState }) {
  const { t } = useTranslation();
  if (log.kind === 'checking') return <LoadingIndicator label={t('dataUsage.log.checking')} />;
  const { trust, pin } = log;
  if (trust.kind === 'untrusted') {
    return <UntrustedLogAlert title={t('dataUsage.log.untrustedTitle')} trust={trust} pin={pin} />;
  }
  const witnesses = trust.cosignedBy.length;
  const key = pin && pin.kind !== 'changed' ? logKeyLabel(pin.key) : trust.origin;
  return (
    <Alert tone="success" title={t('dataUsage.log.trustedTitle')}>
      <p>
        {t('dataUsage.log.trusted', { count: trust.size, key })}{' '}
        {witnesses === 0 ? t('dataUsage.log.notCosigned') : t('dataUsage.log.cosigned', { count: witnesses })}
      </p>
      {pin?.kind === 'first-use' && <p>{t('dataUsage.log.firstUse')}</p>}
    </Alert>
  );
}

/** The log failed its check: why, and the key pinned before beside the key served now when it changed. */
export function UntrustedLogAlert({
  title,
  trust,
  pin,
}: {
  title: string;
  trust: Extract<LogTrust, { kind: 'untrusted' }>;
  pin: LogKeyPin | null;
}) {
  const { t } = useTranslation();
  return (
    <Alert tone="error" title={title}>
      <p>{t(`dataUsage.failure.${trust.reason}`, { field: '' })}</p>
      {pin?.kind === 'changed' && (
        <ul className="log-keys">
          <li>{t('dataUsage.log.keyBefore', { key: logKeyLabel(pin.pinned) })}</li>
          <li>{t('dataUsage.log.keyNow', { key: logKeyLabel(pin.served) })}</li>
        </ul>
      )}
    </Alert>
  );
}
