import { useTranslation } from 'react-i18next';
import type { UsageCheck } from '../../shared/api/verify-usage.ts';
import { Badge, type BadgeTone } from '../../shared/ui/Badge.tsx';

const VIEW: Record<UsageCheck['state'] | 'checking', { tone: BadgeTone; icon: string }> = {
  checking: { tone: 'neutral', icon: '…' },
  verified: { tone: 'success', icon: '✓' },
  pending: { tone: 'warning', icon: '◷' },
  failed: { tone: 'danger', icon: '✗' },
};

/** The record's verification state: the words carry it; the icon and colour repeat it. */
export function VerificationMark({ check }: { check: UsageCheck | undefined }) {
  const { t } = useTranslation();
  const state = check?.state ?? 'checking';
  const { tone, icon } = VIEW[state];
  return (
    <Badge tone={tone}>
      <span aria-hidden="true" className="verification-mark__icon">
        {icon}
      </span>{' '}
      {t(`dataUsage.mark.${state}`)}
    </Badge>
  );
}

/** Why a record is pending or failed, in a sentence (nothing for verified or still checking). */
export function VerificationDetail({ check }: { check: UsageCheck | undefined }) {
  const { t } = useTranslation();
  if (check?.state === 'pending') {
    return <p className="usage-entry__detail">{t('dataUsage.mark.pendingDetail')}</p>;
  }
  if (check?.state !== 'failed') return null;
  const field = check.field ? t(`dataUsage.fields.${check.field}`) : '';
  return (
    <p className="usage-entry__detail usage-entry__detail--failed">
      {t(`dataUsage.failure.${check.reason}`, { field })}
    </p>
  );
}
