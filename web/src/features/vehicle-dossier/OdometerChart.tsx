import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { useElementWidth } from '../../shared/ui/use-element-width.ts';
import { type ChartPoint, odometerChartLayout } from './odometer-chart.ts';
import type { OdometerAnalysis } from './report.ts';

const HEIGHT = 240;
// Colours from the design tokens (SVG attributes cannot read CSS variables through the CSP-safe path).
const BRAND = '#00563f';
const ERROR = '#b3261e';
const GRID = '#d8dadb';
const AXIS = '#484f53';

interface OdometerChartProps {
  odometer: OdometerAnalysis;
  /** The element that says in words what the chart shows (its accessible description). */
  summaryId: string;
}

/**
 * The readings as a line over the years, readings lower than an earlier one marked with a red
 * triangle. The drawing is one image to assistive technology, named by its title and described
 * by the summary beside it; the readings themselves are in a table below.
 */
export function OdometerChart({ odometer, summaryId }: OdometerChartProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [canvas, width] = useElementWidth<HTMLDivElement>();
  const titleId = useId();
  const kmLabel = (km: number) => `${format.number(km)} ${t('vehicleReport.odometer.axisKm')}`;
  const layout =
    width > 0
      ? odometerChartLayout(odometer.readings, odometer.rollbacks, {
          width,
          height: HEIGHT,
          formatKm: kmLabel,
        })
      : null;
  const hasRollbacks = odometer.rollbacks.length > 0;

  return (
    <figure className="odometer-chart">
      <div ref={canvas} className="odometer-chart__canvas">
        {layout && (
          <svg
            className="odometer-chart__svg"
            role="img"
            aria-labelledby={titleId}
            aria-describedby={summaryId}
            width={layout.width}
            height={layout.height}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
          >
            <title id={titleId}>{t('vehicleReport.odometer.chartTitle')}</title>
            {layout.yTicks.map((tick, i) => (
              <g key={tick.km}>
                <line x1={layout.plot.left} x2={layout.plot.right} y1={tick.y} y2={tick.y} stroke={GRID} />
                <text x={layout.plot.left - 6} y={tick.y + 4} textAnchor="end" fontSize="12" fill={AXIS}>
                  {i === layout.yTicks.length - 1 ? kmLabel(tick.km) : format.number(tick.km)}
                </text>
              </g>
            ))}
            <line
              x1={layout.plot.left}
              x2={layout.plot.right}
              y1={layout.plot.bottom}
              y2={layout.plot.bottom}
              stroke={AXIS}
            />
            {layout.xTicks.map((tick) => (
              <g key={tick.year}>
                <line
                  x1={tick.x}
                  x2={tick.x}
                  y1={layout.plot.bottom}
                  y2={layout.plot.bottom + 5}
                  stroke={AXIS}
                />
                <text x={tick.x} y={layout.plot.bottom + 19} textAnchor="middle" fontSize="12" fill={AXIS}>
                  {tick.year}
                </text>
              </g>
            ))}
            <path d={layout.line} fill="none" stroke={BRAND} strokeWidth="2.5" strokeLinejoin="round" />
            {layout.points.map((point) => (
              <ReadingMark
                key={`${point.date}-${point.km}`}
                point={point}
                label={`${format.shortDate(point.date)}: ${kmLabel(point.km)}`}
              />
            ))}
          </svg>
        )}
      </div>
      <ul className="odometer-chart__legend">
        <li className="odometer-chart__legend-item">
          <LegendIcon rollback={false} />
          {t('vehicleReport.odometer.legendReading')}
        </li>
        {hasRollbacks && (
          <li className="odometer-chart__legend-item">
            <LegendIcon rollback />
            {t('vehicleReport.odometer.legendRollback')}
          </li>
        )}
      </ul>
    </figure>
  );
}

/** A reading: a dot, or a red triangle when it is lower than an earlier one. Its title is a hover tip. */
function ReadingMark({ point, label }: { point: ChartPoint; label: string }) {
  if (point.rollback) {
    const { x, y } = point;
    return (
      <path
        d={`M${x} ${y - 8} L${x + 7} ${y + 5} L${x - 7} ${y + 5} Z`}
        fill={ERROR}
        stroke="#ffffff"
        strokeWidth="1.5"
      >
        <title>{label}</title>
      </path>
    );
  }
  return (
    <circle cx={point.x} cy={point.y} r="4.5" fill={BRAND} stroke="#ffffff" strokeWidth="1.5">
      <title>{label}</title>
    </circle>
  );
}

function LegendIcon({ rollback }: { rollback: boolean }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {rollback ? <path d="M8 1 L15 14 L1 14 Z" fill={ERROR} /> : <circle cx="8" cy="8" r="5" fill={BRAND} />}
    </svg>
  );
}
