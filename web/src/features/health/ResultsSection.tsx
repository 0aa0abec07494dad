import type { Observation } from '@medplum/fhirtypes';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formattingLocaleOf } from '../../shared/i18n/languages.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Badge, type BadgeTone } from '../../shared/ui/Badge.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { groupResults, latestOutOfRange, type ResultFlag, type ResultGroup } from './lab-results.ts';
import { ResultTrendChart } from './ResultTrendChart.tsx';
import { formatQuantity, formatRange, formatValue } from './result-format.ts';
import { conceptLabel, termLocale } from './terms.ts';
import { unitLabel } from './units.ts';

const FLAG_TONES: Record<ResultFlag, BadgeTone> = {
  high: 'danger',
  low: 'danger',
  abnormal: 'warning',
  normal: 'success',
  unknown: 'neutral',
};

/** Laboratory results and vital signs grouped by test, each with its trend against the reference range. */
export function ResultsSection({ observations }: { observations: readonly Observation[] }) {
  const { t } = useTranslation();
  // Within laboratory tests and vital signs each, those whose latest value is out of range first.
  const groups = groupResults(observations).sort((a, b) =>
    a.kind === b.kind ? Number(latestOutOfRange(b)) - Number(latestOutOfRange(a)) : 0,
  );
  return (
    <>
      <Card title={t('health.results.title')}>
        <p>{t('health.results.intro')}</p>
        {groups.length === 0 && <p>{t('health.results.empty')}</p>}
      </Card>
      {groups.map((group) => (
        <ResultGroupCard key={group.key} group={group} />
      ))}
    </>
  );
}

function ResultGroupCard({ group }: { group: ResultGroup }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const summaryId = useId();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const locale = formattingLocaleOf(language);
  const terms = termLocale(language);
  const name = conceptLabel(group.code, language) ?? t('health.results.unnamedTest');
  const latest = group.points.at(-1)!;
  const unit = unitLabel(latest.quantity, terms);
  const outside = group.points.filter(
    (point) => point.flag === 'high' || point.flag === 'low' || point.flag === 'abnormal',
  );
  const range = group.range ? formatRange(group.range, unit, locale) : null;
  const values = group.points.map((point) => point.value);
  return (
    <Card
      title={name}
      headingLevel={3}
      aside={<Badge tone={FLAG_TONES[latest.flag]}>{t(`health.results.flag.${latest.flag}`)}</Badge>}
    >
      <p className="health-result-latest">
        {t('health.results.latest', {
          value: formatQuantity(latest.quantity, locale, terms),
          date: format.date(latest.date.slice(0, 10)),
        })}
      </p>
      {range && <p>{t('health.results.range', { range })}</p>}
      {group.points.length > 1 && (
        <>
          <p id={summaryId} className="secondary-text">
            {t('health.results.summary', {
              count: group.points.length,
              from: format.date(group.points[0]!.date.slice(0, 10)),
              to: format.date(latest.date.slice(0, 10)),
              min: formatValue(Math.min(...values), locale),
              max: formatValue(Math.max(...values), locale),
              unit,
            })}{' '}
            {outside.length > 0
              ? t('health.results.outsideCount', { count: outside.length })
              : group.range && t('health.results.allInside')}
          </p>
          <ResultTrendChart
            group={group}
            unit={unit}
            title={t('health.results.chartTitle', { name })}
            summaryId={summaryId}
          />
        </>
      )}
      <details className="health-details">
        <summary>{t('health.results.showTable')}</summary>
        <table className="health-table">
          <caption>{t('health.results.tableCaption', { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('health.results.date')}</th>
              <th scope="col" className="health-table__number">
                {t('health.results.value')}
              </th>
              <th scope="col">{t('health.results.assessment')}</th>
            </tr>
          </thead>
          <tbody>
            {group.points.toReversed().map((point) => (
              <tr
                key={`${point.date}-${point.observationId}-${point.value}`}
                className={
                  point.flag === 'high' || point.flag === 'low' ? 'health-table__row--alert' : undefined
                }
              >
                <th scope="row">{format.shortDate(point.date.slice(0, 10))}</th>
                <td className="health-table__number">{formatQuantity(point.quantity, locale, terms)}</td>
                <td>{t(`health.results.flag.${point.flag}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Card>
  );
}
