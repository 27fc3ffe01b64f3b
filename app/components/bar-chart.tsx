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
  /**
   * `null` = hidden (suppressed) or not recorded: no bar but a hatched mark — one for each hidden value in grouped bars,
   * one for the whole stack in stacked bars — explained in the legend by valueLabel(null) and under the chart by
   * `hiddenNote`.
   */
  series: BarSeries[];
  /** How a value is written, e.g. the hidden mark for null. Also writes the y axis ticks. */
  valueLabel: (v: number | null) => string;
  /** The footnote that explains the hidden mark (~/domain/stats-marks hiddenFootnote); shown only when one is hidden. */
  hiddenNote?: string;
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
/** The axis labels' font size, and the hidden marks'. */
const AXIS_FONT = 12;
const MARK_FONT = 11;
/**
 * A character's width in em, estimated: wider than the average letter of the system fonts, so that labels judged to fit
 * do. Estimated, never measured, so the server's markup is final and the same everywhere.
 */
const CHAR_EM = 0.6;
const LABEL_GAP = 6;
/** The least room between a label and the edge of the chart. */
const EDGE = 2;
/** The height of a hidden value's hatched mark: small and fixed, as it stands for no amount. */
const HATCH_H = 8;
/** Points from a hidden value's mark to the footnote under the chart. */
const NOTE_REF = "*";

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

const textWidth = (text: string, fontSize: number) => [...text].length * CHAR_EM * fontSize;

/**
 * Which category labels fit along the x axis without overlapping, and where: every k-th from the first, k as small as
 * fits and preferably a step that divides a year (months run in quarters, not fives), and the last whenever it fits
 * (its crowded neighbours give way). Each label is centred under its bar but kept inside the chart's width. The
 * labels left out are still named in the bars' tooltips and in full in the table beside every chart.
 */
export function axisLabels(categories: string[], width = W, left = LEFT, right = W - RIGHT, fontSize = AXIS_FONT) {
  const n = categories.length;
  if (!n) return [];
  const slot = (right - left) / n;
  const place = (index: number) => {
    const half = textWidth(categories[index], fontSize) / 2;
    const x = Math.min(Math.max(left + slot * (index + 0.5), half + EDGE), width - half - EDGE);
    return { index, x: r(x), from: x - half, to: x + half };
  };
  const apart = (a: { to: number }, b: { from: number }) => a.to + LABEL_GAP <= b.from;
  const steps = [1, 2, 3, 4, 6, ...Array.from({ length: Math.ceil(n / 12) }, (_, i) => 12 * (i + 1))];
  for (const step of steps) {
    const shown = Array.from({ length: Math.ceil(n / step) }, (_, i) => place(i * step));
    if (!shown.every((label, i) => i === 0 || apart(shown[i - 1], label))) continue;
    if (shown[shown.length - 1].index !== n - 1) {
      const last = place(n - 1);
      while (shown.length > 1 && !apart(shown[shown.length - 1], last)) shown.pop();
      if (apart(shown[shown.length - 1], last)) shown.push(last);
    }
    return shown.map(({ index, x }) => ({ index, x }));
  }
  return [{ index: 0, x: place(0).x }];
}

/** Whether any value of the chart is hidden (null, or missing from a short series). */
const hasHidden = (categories: string[], series: BarSeries[]) =>
  series.some((s) => categories.some((_, c) => (s.values[c] ?? null) === null));

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
const hatchIdOf = (id: string) => `${id}-hidden`;
/** Fallback for --color-text: the hatch is dark lines on the background, unlike any series (white marks on colour). */
const HATCH_COLOR = "#1b1f24";
const seriesClass = (s: number) => `bar-chart__series bar-chart__series--${(s % FALLBACK.length) + 1}`;

/** One fill pattern per series, used by the bars and the legend, and the hatch of hidden values when there are any. */
function Patterns({ id, series, hidden }: { id: string; series: BarSeries[]; hidden: boolean }) {
  return (
    <defs>
      {hidden ? (
        <pattern
          id={hatchIdOf(id)}
          className="bar-chart__hatch"
          color={HATCH_COLOR}
          patternUnits="userSpaceOnUse"
          width="5"
          height="5"
        >
          <rect className="bar-chart__hatch-ground" width="5" height="5" fill="#fff" />
          <path d="M-1,-1 l7,7 M-1,4 l2,2 M4,-1 l2,2" stroke="currentColor" strokeWidth="1.2" />
        </pattern>
      ) : null}
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

/**
 * The figure around a chart: its caption, the SVG labelled by title and description, the patterns, the legend and,
 * when a value is hidden, the footnote explaining its mark.
 */
function ChartFrame({
  id,
  title,
  description,
  series,
  height,
  horizontal = false,
  hidden,
  children,
}: Pick<BarChartProps, "id" | "title" | "description" | "series"> & {
  height: number;
  horizontal?: boolean;
  /** The hidden values' mark and footnote, when the chart has any. */
  hidden: { mark: string; note?: string } | null;
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
        <Patterns id={id} series={series} hidden={hidden !== null} />
        {children}
      </svg>
      <Legend id={id} series={series} hiddenMark={hidden?.mark ?? null} />
      {hidden?.note ? <p className="bar-chart__note">{`${NOTE_REF} ${hidden.note}`}</p> : null}
    </figure>
  );
}

/** A hidden value's mark in the chart and its swatch in the legend: the hatch with a dashed outline. */
const hatchProps = (id: string) => ({
  fill: `url(#${hatchIdOf(id)})`,
  stroke: "currentColor",
  strokeDasharray: "2 1",
});

/**
 * The drawn bars, a group per series that gives them its colour, fill and outline once (a chart has hundreds of
 * bars; each repeating them made /stats's markup half again as large).
 */
function SeriesBars({ id, bars }: { id: string; bars: JSX.Element[][] }) {
  return (
    <g className="bar-chart__bars">
      {bars.map((list, i) => (
        <g
          // biome-ignore lint/suspicious/noArrayIndexKey: a series is its position (pattern, colour, values)
          key={i}
          className={seriesClass(i)}
          color={FALLBACK[i % FALLBACK.length]}
          fill={`url(#${patternIdOf(id, i)})`}
          stroke="currentColor"
          data-series={i}
        >
          {list}
        </g>
      ))}
    </g>
  );
}

function Legend({ id, series, hiddenMark }: { id: string; series: BarSeries[]; hiddenMark: string | null }) {
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
      {hiddenMark === null ? null : (
        <li className="bar-chart__legend-item bar-chart__legend-item--hidden">
          <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16">
            <rect
              className="bar-chart__hidden-swatch"
              color={HATCH_COLOR}
              x="0.5"
              y="0.5"
              width="15"
              height="15"
              {...hatchProps(id)}
            />
          </svg>
          <span>
            {hiddenMark}
            <span className="bar-chart__ref">{NOTE_REF}</span>
          </span>
        </li>
      )}
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
  hiddenNote,
}: BarChartProps) {
  const value = (s: number, c: number) => series[s].values[c] ?? null;

  const present = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const sums = categories.map((_, c) => series.reduce((sum, _s, s) => sum + Math.max(0, value(s, c) ?? 0), 0));
  const max = stacked ? Math.max(shares ? 1 : 0, ...sums) : Math.max(shares ? 1 : 0, ...present);
  const ticks = niceTicks(max, !shares && present.every(Number.isInteger));
  const yMax = ticks[ticks.length - 1];
  const hidden = hasHidden(categories, series);
  const mark = valueLabel(null);

  // A stacked chart draws a hidden value's hatch and mark on top of the stack, so leave room for them.
  const top = 12 + (stacked && hidden ? HATCH_H + MARK_FONT + 6 : 0);
  const base = H - BOTTOM;
  const plotW = W - LEFT - RIGHT;
  const y = (v: number) => base - ((base - top) * Math.max(0, v)) / yMax;
  const slot = plotW / Math.max(1, categories.length);
  const barW = stacked ? slot * 0.6 : (slot * 0.8) / Math.max(1, series.length);
  // The stack's mark is the word and the footnote reference where the word fits the bar's slot, else the reference
  // alone (the legend writes the word): neighbouring marks never overlap.
  const stackMark = textWidth(`${mark}${NOTE_REF}`, MARK_FONT) + LABEL_GAP <= slot ? `${mark}${NOTE_REF}` : NOTE_REF;

  const bars: JSX.Element[][] = series.map(() => []);
  const hatches: JSX.Element[] = [];
  categories.forEach((category, c) => {
    const center = LEFT + slot * (c + 0.5);
    let stackTop = base;
    const hiddenHere: string[] = [];
    series.forEach((s, i) => {
      const v = value(i, c);
      const x = stacked ? center - barW / 2 : center - (barW * series.length) / 2 + barW * i;
      const key = `${i}-${c}`;
      if (v === null) {
        hiddenHere.push(s.name);
        // Grouped: a hatched stub on the baseline where the bar would be, one for each hidden value, with no text.
        if (!stacked)
          hatches.push(
            <rect
              key={key}
              className="bar-chart__hidden"
              color={HATCH_COLOR}
              x={r(x)}
              y={r(base - HATCH_H)}
              width={r(barW)}
              height={HATCH_H}
              {...hatchProps(id)}
              data-series={i}
              data-category={c}
            >
              <title>{`${s.name}, ${category}: ${mark}`}</title>
            </rect>,
          );
        return;
      }
      const from = stacked ? stackTop : base;
      const to = stacked ? from - (base - y(v)) : y(v);
      stackTop = to;
      bars[i].push(
        <rect
          key={key}
          className="bar-chart__bar"
          x={r(x)}
          y={r(to)}
          width={r(barW)}
          height={r(from - to)}
          data-category={c}
          data-value={v}
        >
          <title>{`${s.name}, ${category}: ${valueLabel(v)}`}</title>
        </rect>,
      );
    });
    // Stacked: however many series are hidden, one hatched segment on top of the stack (on the baseline when all
    // are hidden) and one mark above it; its tooltip names the hidden series.
    if (stacked && hiddenHere.length) {
      hatches.push(
        // biome-ignore lint/suspicious/noArrayIndexKey: one hidden segment per category, and a category is its position
        <g key={`hidden-${c}`} className="bar-chart__hidden-stack">
          <rect
            className="bar-chart__hidden"
            color={HATCH_COLOR}
            x={r(center - barW / 2)}
            y={r(stackTop - HATCH_H)}
            width={r(barW)}
            height={HATCH_H}
            {...hatchProps(id)}
            data-category={c}
            data-hidden={hiddenHere.length}
          >
            <title>{`${category}: ${hiddenHere.join(", ")}: ${mark}`}</title>
          </rect>
          <text
            className="bar-chart__mark"
            x={r(center)}
            y={r(stackTop - HATCH_H - 4)}
            fontSize={MARK_FONT}
            textAnchor="middle"
            stroke="#fff"
            strokeWidth="3"
            paintOrder="stroke"
            data-category={c}
          >
            {stackMark}
          </text>
        </g>,
      );
    }
  });

  return (
    <ChartFrame
      id={id}
      title={title}
      description={description}
      series={series}
      height={H}
      hidden={hidden ? { mark, note: hiddenNote } : null}
    >
      <g className="bar-chart__axis" fontSize={AXIS_FONT}>
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
        {axisLabels(categories).map(({ index, x }) => (
          <g key={index}>
            <line
              x1={r(LEFT + slot * (index + 0.5))}
              x2={r(LEFT + slot * (index + 0.5))}
              y1={base}
              y2={base + 4}
              stroke="currentColor"
            />
            <text className="bar-chart__category" x={x} y={base + 18} textAnchor="middle">
              {categories[index]}
            </text>
          </g>
        ))}
      </g>
      <SeriesBars id={id} bars={bars} />
      <g className="bar-chart__hatches">{hatches}</g>
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
  hiddenNote,
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
  const hidden = hasHidden(categories, series);

  return (
    <ChartFrame
      id={id}
      title={title}
      description={description}
      series={series}
      height={height}
      horizontal
      hidden={hidden ? { mark: valueLabel(null), note: hiddenNote } : null}
    >
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
      <g className="bar-chart__hatches">
        {categories.flatMap((category, c) =>
          series.map((s, i) => {
            const v = s.values[c] ?? null;
            const y = top + rowH * c + BAR_H * i;
            // A row has room for the word: the hatch and the mark, each once, in the bar's own row.
            return v === null ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: series × category positions, as in BarChart
              <g key={`${i}-${c}`}>
                <rect
                  className="bar-chart__hidden"
                  color={HATCH_COLOR}
                  x={LABEL_W}
                  y={r(y + 1)}
                  width={HATCH_H}
                  height={BAR_H - 2}
                  {...hatchProps(id)}
                  data-series={i}
                  data-category={c}
                >
                  <title>{`${s.name}, ${category}: ${valueLabel(null)}`}</title>
                </rect>
                <text
                  className="bar-chart__null"
                  x={LABEL_W + HATCH_H + 4}
                  y={r(y + BAR_H / 2)}
                  fontSize="10"
                  dominantBaseline="middle"
                  data-series={i}
                  data-category={c}
                >
                  {valueLabel(null)}
                </text>
              </g>
            ) : null;
          }),
        )}
      </g>
      <SeriesBars
        id={id}
        bars={series.map((s, i) =>
          categories.flatMap((category, c) => {
            const v = s.values[c] ?? null;
            if (v === null) return [];
            const y = top + rowH * c + BAR_H * i;
            return [
              <rect
                // biome-ignore lint/suspicious/noArrayIndexKey: a category is its position, as in BarChart
                key={c}
                className="bar-chart__bar"
                x={LABEL_W}
                y={r(y + 1)}
                width={r(x(v) - LABEL_W)}
                height={BAR_H - 2}
                data-category={c}
                data-value={v}
              >
                <title>{`${s.name}, ${category}: ${valueLabel(v)}`}</title>
              </rect>,
            ];
          }),
        )}
      />
    </ChartFrame>
  );
}
