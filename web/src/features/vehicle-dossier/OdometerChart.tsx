import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { type LegendEntry, LineChart } from '../../shared/ui/LineChart.tsx';
import { odometerChartLayout } from './odometer-chart.ts';
import type { OdometerAnalysis } from './report.ts';

const HEIGHT = 240;

interface OdometerChartProps {
  odometer: OdometerAnalysis;
  /** The element that says in words what the chart shows (its accessible description). */
  summaryId: string;
}

/**
 * The readings as a line over the years, readings lower than an earlier one marked with a red
 * triangle. The readings themselves are in a table below.
 */
export function OdometerChart({ odometer, summaryId }: OdometerChartProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const kmLabel = (km: number) => `${format.number(km)} ${t('vehicleReport.odometer.axisKm')}`;
  const legend: LegendEntry[] = [
    { icon: 'dot', text: t('vehicleReport.odometer.legendReading') },
    ...(odometer.rollbacks.length > 0
      ? [{ icon: 'triangle' as const, text: t('vehicleReport.odometer.legendRollback') }]
      : []),
  ];

  return (
    <LineChart
      title={t('vehicleReport.odometer.chartTitle')}
      summaryId={summaryId}
      layout={(width) =>
        odometerChartLayout(odometer.readings, odometer.rollbacks, {
          width,
          height: HEIGHT,
          formatValue: kmLabel,
        })
      }
      // The unit once, on the top tick.
      yLabel={(km, last) => (last ? kmLabel(km) : format.number(km))}
      xLabel={(tick) => String(tick.year)}
      mark={(point) => (point.rollback ? 'up' : 'dot')}
      pointLabel={(point) => `${format.shortDate(point.date)}: ${kmLabel(point.km)}`}
      legend={legend}
    />
  );
}
