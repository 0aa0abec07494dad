import { useId } from 'react';
import type { LineChartLayout, TimeTick } from './line-chart.ts';
import { useElementWidth } from './use-element-width.ts';
import './LineChart.css';

// Colours from the design tokens (SVG attributes cannot read CSS variables through the CSP-safe path).
const BRAND = '#00563f';
const ERROR = '#b3261e';
const BAND = '#dcefe4';
const BAND_EDGE = '#7fb79a';
const GRID = '#d8dadb';
const AXIS = '#484f53';

/** How a point is drawn: a dot, or a red triangle pointing up (too high) or down (too low). */
export type PointMark = 'dot' | 'up' | 'down';

export interface LegendEntry {
  icon: 'dot' | 'band' | 'triangle';
  text: string;
}

interface LineChartProps<Point extends { x: number; y: number }, XTick extends TimeTick> {
  /** The chart's name to assistive technology. */
  title: string;
  /** The element that says in words what the chart shows (its accessible description). */
  summaryId: string;
  /** Lays the chart out once its width is known (measured, so its labels never shrink on a phone). */
  layout: (width: number) => LineChartLayout<Point, XTick>;
  /** A value tick's label; `last` for the top one (which may carry the unit). */
  yLabel: (value: number, last: boolean) => string;
  xLabel: (tick: XTick) => string;
  mark: (point: Point) => PointMark;
  /** A point in words, shown as a hover tip. */
  pointLabel: (point: Point) => string;
  legend: readonly LegendEntry[];
}

/**
 * A value over time, laid out in real pixels: a line through the points, an optional band (a
 * reference range), points out of the ordinary as red triangles. One image to assistive
 * technology, named by its title and described by the summary beside it; the values themselves
 * are in a table beside it. SVG presentation attributes only: the CSP forbids inline styles.
 */
export function LineChart<Point extends { x: number; y: number }, XTick extends TimeTick>({
  title,
  summaryId,
  layout: layOut,
  yLabel,
  xLabel,
  mark,
  pointLabel,
  legend,
}: LineChartProps<Point, XTick>) {
  const [canvas, width] = useElementWidth<HTMLDivElement>();
  const titleId = useId();
  const layout = width > 0 ? layOut(width) : null;

  return (
    <figure className="line-chart">
      <div ref={canvas} className="line-chart__canvas">
        {layout && (
          <svg
            className="line-chart__svg"
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
                className="line-chart__band"
                x={layout.plot.left}
                y={layout.band.top}
                width={layout.plot.right - layout.plot.left}
                height={Math.max(1, layout.band.bottom - layout.band.top)}
                fill={BAND}
                stroke={BAND_EDGE}
                strokeDasharray="4 3"
              />
            )}
            {layout.yTicks.map((tick, i) => (
              <g key={tick.value}>
                <line x1={layout.plot.left} x2={layout.plot.right} y1={tick.y} y2={tick.y} stroke={GRID} />
                <text x={layout.plot.left - 6} y={tick.y + 4} textAnchor="end" fontSize="12" fill={AXIS}>
                  {yLabel(tick.value, i === layout.yTicks.length - 1)}
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
              <g key={tick.x}>
                <line
                  x1={tick.x}
                  x2={tick.x}
                  y1={layout.plot.bottom}
                  y2={layout.plot.bottom + 5}
                  stroke={AXIS}
                />
                <text
                  x={tick.x}
                  y={layout.plot.bottom + 19}
                  textAnchor={tick.anchor ?? 'middle'}
                  fontSize="12"
                  fill={AXIS}
                >
                  {xLabel(tick)}
                </text>
              </g>
            ))}
            <path d={layout.line} fill="none" stroke={BRAND} strokeWidth="2.5" strokeLinejoin="round" />
            {layout.points.map((point) => (
              <Mark
                key={`${point.x}-${point.y}`}
                point={point}
                shape={mark(point)}
                label={pointLabel(point)}
              />
            ))}
          </svg>
        )}
      </div>
      <ul className="line-chart__legend">
        {legend.map((entry) => (
          <li key={entry.icon}>
            <LegendIcon icon={entry.icon} />
            {entry.text}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** A point: a dot, or a red triangle. Its title is a hover tip. */
function Mark({ point, shape, label }: { point: { x: number; y: number }; shape: PointMark; label: string }) {
  const { x, y } = point;
  if (shape === 'dot')
    return (
      <circle
        className="line-chart__point"
        cx={x}
        cy={y}
        r="4.5"
        fill={BRAND}
        stroke="#ffffff"
        strokeWidth="1.5"
      >
        <title>{label}</title>
      </circle>
    );
  const path =
    shape === 'down'
      ? `M${x} ${y + 8} L${x + 7} ${y - 5} L${x - 7} ${y - 5} Z`
      : `M${x} ${y - 8} L${x + 7} ${y + 5} L${x - 7} ${y + 5} Z`;
  return (
    <path
      className="line-chart__point line-chart__point--marked"
      d={path}
      fill={ERROR}
      stroke="#ffffff"
      strokeWidth="1.5"
    >
      <title>{label}</title>
    </path>
  );
}

function LegendIcon({ icon }: { icon: LegendEntry['icon'] }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {icon === 'dot' && <circle cx="8" cy="8" r="5" fill={BRAND} />}
      {icon === 'band' && <rect x="1" y="3" width="14" height="10" fill={BAND} stroke={BAND_EDGE} />}
      {icon === 'triangle' && <path d="M8 1 L15 14 L1 14 Z" fill={ERROR} />}
    </svg>
  );
}
