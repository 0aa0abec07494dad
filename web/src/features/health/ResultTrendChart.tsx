import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formattingLocaleOf } from '../../shared/i18n/languages.ts';
import { useElementWidth } from '../../shared/ui/use-element-width.ts';
import { type TrendPoint, trendChartLayout } from './lab-chart.ts';
import type { ResultGroup } from './lab-results.ts';
import { decimalsOf, formatValue } from './result-format.ts';

const HEIGHT = 200;
// Colours from the design tokens (SVG attributes cannot read CSS variables through the CSP-safe path).
const BRAND = '#00563f';
const ERROR = '#b3261e';
const BAND = '#dcefe4';
const BAND_EDGE = '#7fb79a';
const GRID = '#d8dadb';
const AXIS = '#484f53';

/**
 * A test's values over time: a line through them, the reference range as a green band, values
 * outside it as red triangles (pointing up when high, down when low). One image to assistive
 * technology, named by its title and described by the summary beside it; the values are in the
 * table below it.
 */
export function ResultTrendChart({
  group,
  title,
  summaryId,
}: {
  group: ResultGroup;
  title: string;
  summaryId: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = formattingLocaleOf(i18n.resolvedLanguage ?? i18n.language);
  const [canvas, width] = useElementWidth<HTMLDivElement>();
  const titleId = useId();
  const decimals = Math.min(2, Math.max(...group.points.map((point) => decimalsOf(point.value))));
  const axisValue = (value: number) => formatValue(value, locale, Math.max(decimalsOf(value), decimals));
  const monthYear = new Intl.DateTimeFormat(locale, { month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  const dateLabel = (date: string) => monthYear.format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
  const layout =
    width > 0
      ? trendChartLayout(group.points, group.range, { width, height: HEIGHT, formatValue: axisValue })
      : null;
  const hasOutside = layout?.points.some((point) => point.outOfRange) ?? false;

  return (
    <figure className="health-chart">
      <div ref={canvas} className="health-chart__canvas">
        {layout && (
          <svg
            className="health-chart__svg"
            role="img"
            aria-labelledby={titleId}
            aria-describedby={summaryId}
            width={layout.width}
            height={layout.height}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
          >
            <title id={titleId}>{title}</title>
            {layout.band && (
              <rect
                className="health-chart__band"
                x={layout.plot.left}
                y={layout.band.top}
                width={layout.plot.right - layout.plot.left}
                height={Math.max(1, layout.band.bottom - layout.band.top)}
                fill={BAND}
                stroke={BAND_EDGE}
                strokeDasharray="4 3"
              />
            )}
            {layout.yTicks.map((tick) => (
              <g key={tick.value}>
                <line
                  x1={layout.plot.left}
                  x2={layout.plot.right}
                  y1={tick.y}
                  y2={tick.y}
                  stroke={GRID}
                  strokeOpacity="0.7"
                />
                <text x={layout.plot.left - 6} y={tick.y + 4} textAnchor="end" fontSize="12" fill={AXIS}>
                  {axisValue(tick.value)}
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
            {layout.xTicks.map((tick, i) => (
              <text
                key={tick.date}
                x={tick.x}
                y={layout.plot.bottom + 18}
                textAnchor={
                  i === 0 && layout.xTicks.length > 1
                    ? 'start'
                    : i === layout.xTicks.length - 1 && i > 0
                      ? 'end'
                      : 'middle'
                }
                fontSize="12"
                fill={AXIS}
              >
                {dateLabel(tick.date)}
              </text>
            ))}
            <path d={layout.line} fill="none" stroke={BRAND} strokeWidth="2" strokeLinejoin="round" />
            {layout.points.map((point) => (
              <ValueMark key={`${point.date}-${point.value}-${point.x}`} point={point} />
            ))}
          </svg>
        )}
      </div>
      <ul className="health-chart__legend">
        <li>
          <LegendIcon kind="value" />
          {t('health.results.legendValue')}
        </li>
        {group.range && (
          <li>
            <LegendIcon kind="range" />
            {t('health.results.legendRange')}
          </li>
        )}
        {hasOutside && (
          <li>
            <LegendIcon kind="outside" />
            {t('health.results.legendOutside')}
          </li>
        )}
      </ul>
    </figure>
  );
}

function ValueMark({ point }: { point: TrendPoint }) {
  const { x, y } = point;
  if (!point.outOfRange)
    return <circle cx={x} cy={y} r="4" fill={BRAND} stroke="#ffffff" strokeWidth="1.5" />;
  const path =
    point.flag === 'low'
      ? `M${x} ${y + 8} L${x + 7} ${y - 5} L${x - 7} ${y - 5} Z`
      : `M${x} ${y - 8} L${x + 7} ${y + 5} L${x - 7} ${y + 5} Z`;
  return <path className="health-chart__outside" d={path} fill={ERROR} stroke="#ffffff" strokeWidth="1.5" />;
}

function LegendIcon({ kind }: { kind: 'value' | 'range' | 'outside' }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {kind === 'value' && <circle cx="8" cy="8" r="5" fill={BRAND} />}
      {kind === 'range' && <rect x="1" y="3" width="14" height="10" fill={BAND} stroke={BAND_EDGE} />}
      {kind === 'outside' && <path d="M8 1 L15 14 L1 14 Z" fill={ERROR} />}
    </svg>
  );
}
