/**
 * A server-rendered SVG bar chart (grouped or stacked). No effects, no window, no random ids:
 * the markup depends only on the props, so it hydrates cleanly and works without JavaScript.
 * Styles (colours from tokens, print rules) live in ~/styles/stats.css; without them the chart
 * still draws with the fallback colours below and text in currentColor.
 */

export type BarSeries = { name: string; values: (number | null)[] };

export type BarChartProps = {
  /** Prefix for the ids inside the chart (title, description, patterns); unique on the page. */
  id: string;
  title: string;
  /** Text alternative summarising the figures; read out with the title. */
  description: string;
  /** Labels along the x axis, e.g. months. */
  categories: string[];
  /** `null` = suppressed or not recorded: no bar, but valueLabel(null) is written at the baseline. */
  series: BarSeries[];
  /** How a value is written, e.g. the hidden mark for null. Also writes the y axis ticks. */
  valueLabel: (v: number | null) => string;
  stacked?: boolean;
  /** The values are shares from 0 to 1: the axis runs to 1 (100 %) whatever they are, in fractional steps. */
  shares?: boolean;
};

/** Fallbacks for --chart-1..5 in stats.css; each ≥ 5:1 against --color-bg and --color-surface. */
const FALLBACK = ["#0b5394", "#b34700", "#00735c", "#8f3f71", "#4a5361"];
const W = 600;
const H = 300;
const LEFT = 48;
const RIGHT = 8;
const BOTTOM = 28;
const NULL_STEP = 14;

/** 0 and 3–4 round steps (1, 2, 2.5, 5 × 10ⁿ) up to at least `max`: 4–5 ticks in all. */
export function niceTicks(max: number, integral = true): number[] {
  const top = max > 0 ? max : 1;
  const magnitude = 10 ** Math.floor(Math.log10(top / 4));
  const steps = [1, 2, 2.5, 5, 10].map((m) => m * magnitude);
  const step =
    steps.find((s) => (!integral || (Number.isInteger(s) && s >= 1)) && Math.ceil(top / s) <= 4) ??
    Math.max(1, steps[steps.length - 1]);
  const intervals = Math.max(3, Math.ceil(top / step));
  return Array.from({ length: intervals + 1 }, (_, i) => +(i * step).toPrecision(12));
}

const r = (n: number) => +n.toFixed(2);

/** White marks over the series colour, so series differ in greyscale and without colour vision. */
function PatternMarks({ kind }: { kind: number }) {
  switch (kind) {
    case 1:
      return <path d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2" stroke="#fff" strokeWidth="1.6" />;
    case 2:
      return <circle cx="4" cy="4" r="1.6" fill="#fff" />;
    case 3:
      return <path d="M0,2 h8 M0,6 h8" stroke="#fff" strokeWidth="1.4" />;
    case 4:
      return <path d="M0,4 h8 M4,0 v8" stroke="#fff" strokeWidth="1.4" />;
    default:
      return null;
  }
}

const patternIdOf = (id: string, s: number) => `${id}-pattern-${s}`;
const seriesClass = (s: number) => `bar-chart__series bar-chart__series--${(s % FALLBACK.length) + 1}`;

/** One fill pattern per series, used by the bars and the legend. */
function Patterns({ id, series }: { id: string; series: BarSeries[] }) {
  return (
    <defs>
      {series.map((_s, i) => (
        <pattern
          // biome-ignore lint/suspicious/noArrayIndexKey: a series is its position (pattern, colour, values); names may repeat
          key={i}
          id={patternIdOf(id, i)}
          className={seriesClass(i)}
          color={FALLBACK[i % FALLBACK.length]}
          patternUnits="userSpaceOnUse"
          width="8"
          height="8"
        >
          <rect width="8" height="8" fill="currentColor" />
          <PatternMarks kind={i % 5} />
        </pattern>
      ))}
    </defs>
  );
}

/** The figure around a chart: its caption, the SVG labelled by title and description, the patterns and the legend. */
function ChartFrame({
  id,
  title,
  description,
  series,
  height,
  horizontal = false,
  children,
}: Pick<BarChartProps, "id" | "title" | "description" | "series"> & {
  height: number;
  horizontal?: boolean;
  children: React.ReactNode;
}) {
  return (
    <figure className={horizontal ? "bar-chart bar-chart--horizontal" : "bar-chart"} id={id}>
      <figcaption className="bar-chart__caption">{title}</figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${W} ${height}`}
        width="100%"
        preserveAspectRatio="xMidYMid meet"
        className="bar-chart__svg"
        fill="currentColor"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <Patterns id={id} series={series} />
        {children}
      </svg>
      <Legend id={id} series={series} />
    </figure>
  );
}

function Legend({ id, series }: { id: string; series: BarSeries[] }) {
  return (
    <ul className="bar-chart__legend">
      {series.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a series is its position (pattern, colour, values); names may repeat
        <li key={i} className="bar-chart__legend-item">
          <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16">
            <rect
              className={seriesClass(i)}
              color={FALLBACK[i % FALLBACK.length]}
              x="0.5"
              y="0.5"
              width="15"
              height="15"
              fill={`url(#${patternIdOf(id, i)})`}
              stroke="currentColor"
            />
          </svg>
          <span>{s.name}</span>
        </li>
      ))}
    </ul>
  );
}

export function BarChart({
  id,
  title,
  description,
  categories,
  series,
  valueLabel,
  stacked = false,
  shares = false,
}: BarChartProps) {
  const patternId = (s: number) => patternIdOf(id, s);
  const value = (s: number, c: number) => series[s].values[c] ?? null;

  const present = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const sums = categories.map((_, c) => series.reduce((sum, _s, s) => sum + Math.max(0, value(s, c) ?? 0), 0));
  const nullsPerCategory = categories.map((_, c) => series.filter((_s, s) => value(s, c) === null).length);
  const max = stacked ? Math.max(shares ? 1 : 0, ...sums) : Math.max(shares ? 1 : 0, ...present);
  const ticks = niceTicks(max, !shares && present.every(Number.isInteger));
  const yMax = ticks[ticks.length - 1];

  // Stacked charts write the null labels above the stack, so leave room for them.
  const top = 12 + (stacked ? NULL_STEP * Math.max(0, ...nullsPerCategory) : 0);
  const base = H - BOTTOM;
  const plotW = W - LEFT - RIGHT;
  const y = (v: number) => base - ((base - top) * Math.max(0, v)) / yMax;
  const slot = plotW / Math.max(1, categories.length);
  const barW = stacked ? slot * 0.6 : (slot * 0.8) / Math.max(1, series.length);

  const bars: JSX.Element[] = [];
  const nulls: JSX.Element[] = [];
  categories.forEach((category, c) => {
    const center = LEFT + slot * (c + 0.5);
    let stackTop = base;
    let stackedNulls = 0;
    let nullLevel = 0;
    series.forEach((s, i) => {
      const v = value(i, c);
      const x = stacked ? center - barW / 2 : center - (barW * series.length) / 2 + barW * i;
      const key = `${i}-${c}`;
      if (v === null) {
        const label = valueLabel(null);
        if (!stacked) {
          // Upright (a rotated "<" reads as "v"), haloed, and raised when the neighbour is null too.
          nullLevel = i > 0 && value(i - 1, c) === null ? nullLevel + 1 : 0;
          nulls.push(
            <text
              key={key}
              className="bar-chart__null"
              x={r(x + barW / 2)}
              y={base - 6 - nullLevel * NULL_STEP}
              fontSize="11"
              textAnchor="middle"
              stroke="#fff"
              strokeWidth="3"
              paintOrder="stroke"
              data-series={i}
              data-category={c}
            >
              {label}
            </text>,
          );
        } else {
          nulls.push(
            <g
              key={key}
              className={seriesClass(i)}
              color={FALLBACK[i % FALLBACK.length]}
              data-series={i}
              data-category={c}
            >
              <rect
                x={r(center - 15)}
                y={r(y(sums[c]) - 11 - stackedNulls * NULL_STEP)}
                width="8"
                height="8"
                fill={`url(#${patternId(i)})`}
                stroke="currentColor"
              />
              <text
                className="bar-chart__null"
                x={r(center - 4)}
                y={r(y(sums[c]) - 7 - stackedNulls * NULL_STEP)}
                fontSize="11"
                dominantBaseline="middle"
                fill="currentColor"
              >
                {label}
              </text>
            </g>,
          );
          stackedNulls++;
        }
        return;
      }
      const from = stacked ? stackTop : base;
      const to = stacked ? from - (base - y(v)) : y(v);
      stackTop = to;
      bars.push(
        <rect
          key={key}
          className={`bar-chart__bar ${seriesClass(i)}`}
          color={FALLBACK[i % FALLBACK.length]}
          x={r(x)}
          y={r(to)}
          width={r(barW)}
          height={r(from - to)}
          fill={`url(#${patternId(i)})`}
          stroke="currentColor"
          data-series={i}
          data-category={c}
          data-value={v}
        >
          <title>{`${s.name}, ${category}: ${valueLabel(v)}`}</title>
        </rect>,
      );
    });
  });

  return (
    <ChartFrame id={id} title={title} description={description} series={series} height={H}>
      <g className="bar-chart__axis" fontSize="12">
        {ticks.map((t) => (
          <g key={t} className="bar-chart__tick">
            <line
              x1={LEFT}
              x2={W - RIGHT}
              y1={r(y(t))}
              y2={r(y(t))}
              stroke="currentColor"
              strokeOpacity={t === 0 ? 1 : 0.25}
            />
            <text x={LEFT - 6} y={r(y(t))} textAnchor="end" dominantBaseline="middle">
              {valueLabel(t)}
            </text>
          </g>
        ))}
        {categories.map((category, c) => (
          <text
            // biome-ignore lint/suspicious/noArrayIndexKey: a category is its position (values[c]); labels may repeat
            key={c}
            className="bar-chart__category"
            x={r(LEFT + slot * (c + 0.5))}
            y={base + 18}
            textAnchor="middle"
          >
            {category}
          </text>
        ))}
      </g>
      <g className="bar-chart__bars">{bars}</g>
      <g className="bar-chart__nulls">{nulls}</g>
    </ChartFrame>
  );
}

const LABEL_W = 200;
/** Longest category label drawn in full; the table beside the chart has every name whole. */
const LABEL_CHARS = 30;
const BAR_H = 10;
const ROW_GAP = 6;

/**
 * The same chart lying down, for many categories with long names (units): one row per category with the series side
 * by side within it, so the chart grows in height instead of crowding its labels. Not stacked.
 */
export function HorizontalBarChart({
  id,
  title,
  description,
  categories,
  series,
  valueLabel,
  shares = false,
}: Omit<BarChartProps, "stacked">) {
  const present = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const ticks = niceTicks(Math.max(shares ? 1 : 0, ...present), !shares && present.every(Number.isInteger));
  const xMax = ticks[ticks.length - 1];
  const rowH = BAR_H * series.length + ROW_GAP;
  const top = 8;
  const axisY = top + rowH * categories.length;
  const height = axisY + BOTTOM;
  const plotW = W - LABEL_W - RIGHT - 24;
  const x = (v: number) => LABEL_W + (plotW * Math.max(0, v)) / xMax;
  const short = (label: string) => (label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label);

  return (
    <ChartFrame id={id} title={title} description={description} series={series} height={height} horizontal>
      <g className="bar-chart__axis" fontSize="12">
        {ticks.map((t) => (
          <g key={t} className="bar-chart__tick">
            <line
              x1={r(x(t))}
              x2={r(x(t))}
              y1={top}
              y2={axisY}
              stroke="currentColor"
              strokeOpacity={t === 0 ? 1 : 0.25}
            />
            <text x={r(x(t))} y={axisY + 16} textAnchor="middle">
              {valueLabel(t)}
            </text>
          </g>
        ))}
        {categories.map((category, c) => (
          <text
            // biome-ignore lint/suspicious/noArrayIndexKey: a category is its position (values[c]); labels may repeat
            key={c}
            className="bar-chart__category"
            x={LABEL_W - 8}
            y={r(top + rowH * c + (rowH - ROW_GAP) / 2)}
            textAnchor="end"
            dominantBaseline="middle"
          >
            {short(category)}
          </text>
        ))}
      </g>
      <g className="bar-chart__bars">
        {categories.flatMap((category, c) =>
          series.map((s, i) => {
            const v = s.values[c] ?? null;
            const y = top + rowH * c + BAR_H * i;
            return v === null ? (
              <text
                // biome-ignore lint/suspicious/noArrayIndexKey: series × category positions, as in BarChart
                key={`${i}-${c}`}
                className="bar-chart__null"
                x={LABEL_W + 4}
                y={r(y + BAR_H / 2)}
                fontSize="10"
                dominantBaseline="middle"
                data-series={i}
                data-category={c}
              >
                {valueLabel(null)}
              </text>
            ) : (
              <rect
                // biome-ignore lint/suspicious/noArrayIndexKey: series × category positions, as in BarChart
                key={`${i}-${c}`}
                className={`bar-chart__bar ${seriesClass(i)}`}
                color={FALLBACK[i % FALLBACK.length]}
                x={LABEL_W}
                y={r(y + 1)}
                width={r(x(v) - LABEL_W)}
                height={BAR_H - 2}
                fill={`url(#${patternIdOf(id, i)})`}
                stroke="currentColor"
                data-series={i}
                data-category={c}
                data-value={v}
              >
                <title>{`${s.name}, ${category}: ${valueLabel(v)}`}</title>
              </rect>
            );
          }),
        )}
      </g>
    </ChartFrame>
  );
}
