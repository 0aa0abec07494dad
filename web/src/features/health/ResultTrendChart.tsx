import { useTranslation } from 'react-i18next';
import { formattingLocaleOf } from '../../shared/i18n/languages.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { type LegendEntry, LineChart } from '../../shared/ui/LineChart.tsx';
import { trendChartLayout } from './lab-chart.ts';
import type { ResultGroup } from './lab-results.ts';
import { decimalsOf, formatValue } from './result-format.ts';

const HEIGHT = 200;

/**
 * A test's values over time: a line through them, the reference range as a green band, values
 * outside it as red triangles (pointing up when high, down when low). The values are also in the
 * table below it.
 */
export function ResultTrendChart({
  group,
  unit,
  title,
  summaryId,
}: {
  group: ResultGroup;
  /** The values' unit in words ("mmol/L"), for each value's hover tip; empty when unitless. */
  unit: string;
  title: string;
  summaryId: string;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const locale = formattingLocaleOf(i18n.resolvedLanguage ?? i18n.language);
  const decimals = Math.min(2, Math.max(...group.points.map((point) => decimalsOf(point.value))));
  const axisValue = (value: number) => formatValue(value, locale, Math.max(decimalsOf(value), decimals));
  const monthYear = new Intl.DateTimeFormat(locale, { month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  const hasOutside = group.points.some((point) => ['high', 'low', 'abnormal'].includes(point.flag));
  const legend: LegendEntry[] = [
    { icon: 'dot', text: t('health.results.legendValue') },
    ...(group.range ? [{ icon: 'band' as const, text: t('health.results.legendRange') }] : []),
    ...(hasOutside ? [{ icon: 'triangle' as const, text: t('health.results.legendOutside') }] : []),
  ];

  return (
    <LineChart
      title={title}
      summaryId={summaryId}
      layout={(width) =>
        trendChartLayout(group.points, group.range, { width, height: HEIGHT, formatValue: axisValue })
      }
      yLabel={axisValue}
      xLabel={(tick) => monthYear.format(new Date(`${tick.date}T00:00:00Z`))}
      mark={(point) => (!point.outOfRange ? 'dot' : point.flag === 'low' ? 'down' : 'up')}
      pointLabel={(point) =>
        `${format.shortDate(point.date.slice(0, 10))}: ${formatValue(point.value, locale)}${unit ? `\u00a0${unit}` : ''}`
      }
      legend={legend}
    />
  );
}
