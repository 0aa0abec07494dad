import type { ParkingPermitPrefill, PrefillSource } from '@civitas/contracts/api/parking-permit.ts';
import { useTranslation } from 'react-i18next';
import { serverDetail } from '../../shared/api/describe-error.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { localisedText } from './localised-text.ts';

/** Every register asked for the citizen's data, whether it answered, how fast and when. */
export function SourcesCard({ prefill, language }: { prefill: ParkingPermitPrefill; language: string }) {
  const { t } = useTranslation();
  return (
    <Card title={t('confirmData.sources')}>
      <p className="secondary-text">{t('confirmData.sourcesIntro', { requestId: prefill.requestId })}</p>
      <ul className="sources">
        {prefill.sources.map((source) => (
          <SourceItem key={source.key} source={source} language={language} />
        ))}
      </ul>
    </Card>
  );
}

function SourceItem({ source, language }: { source: PrefillSource; language: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  // The server explains a failure in English: shown to English readers only.
  const reason = source.status === 'ok' ? null : serverDetail(source.error, t);
  return (
    <li className="sources__item">
      <div className="sources__header">
        <h3 className="sources__name">{localisedText(source.name, language, source.key)}</h3>
        <SourceStatusBadge source={source} />
      </div>
      <FieldList>
        {reason && <Field label={t('confirmData.reason')}>{reason}</Field>}
        {source.fetchedAt && (
          <Field label={t('confirmData.askedAt')}>{format.dateTime(source.fetchedAt)}</Field>
        )}
      </FieldList>
    </li>
  );
}

function SourceStatusBadge({ source }: { source: PrefillSource }) {
  const { t } = useTranslation();
  switch (source.status) {
    case 'ok':
      return (
        <Badge tone="success">
          {typeof source.durationMs === 'number'
            ? t('confirmData.answeredIn', { ms: Math.round(source.durationMs) })
            : t('confirmData.answered')}
        </Badge>
      );
    case 'timeout':
      return <Badge tone="warning">{t('confirmData.timedOut')}</Badge>;
    default:
      return <Badge tone="danger">{t('confirmData.failed')}</Badge>;
  }
}
