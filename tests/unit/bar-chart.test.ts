import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { BarChart, HorizontalBarChart, niceTicks, type BarChartProps } from "~/components/bar-chart";
import { formatMonth } from "~/lib/i18n";

const valueLabel = (v: number | null) => (v === null ? "< 5" : String(v));

function render(overrides: Partial<BarChartProps> = {}) {
  const props: BarChartProps = {
    id: "reports-per-month",
    title: "Reports per month",
    description: "January 20 reports, February 40, March fewer than 5.",
    categories: ["Jan", "Feb", "Mar"],
    series: [
      { name: "Reports", values: [20, 40, null] },
      { name: "Advice", values: [10, 5, 30] },
    ],
    valueLabel,
    ...overrides,
  };
  return renderToStaticMarkup(createElement(BarChart, props));
}

const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));

/** The drawn bars' attributes, each with the series of the group it is drawn in. */
const drawn = (html: string) =>
  [...html.matchAll(/<g class="bar-chart__series [^>]*>.*?<\/g>/g)].flatMap((group) => {
    const series = attrs(group[0].match(/^<g[^>]*>/)![0])["data-series"];
    return [...group[0].matchAll(/<rect class="bar-chart__bar"[^>]*>/g)].map(
      (m): Record<string, string> => ({ "data-series": series, ...attrs(m[0]) }),
    );
  });

function bars(html: string) {
  return drawn(html).map((a) => {
    return {
      series: Number(a["data-series"]),
      category: Number(a["data-category"]),
      value: Number(a["data-value"]),
      y: Number(a.y),
      height: Number(a.height),
    };
  });
}

const bar = (html: string, series: number, category: number) => {
  const found = bars(html).find((b) => b.series === series && b.category === category);
  if (!found) throw new Error(`no bar for series ${series}, category ${category}`);
  return found;
};

const ticks = (html: string) =>
  [...html.matchAll(/<g class="bar-chart__tick">.*?<text[^>]*>([^<]*)<\/text>/g)].map((m) => Number(m[1]));

describe("the bar chart", () => {
  it("is an image labelled by its title and description, inside a captioned figure", () => {
    const html = render();
    const svg = attrs(html.match(/<svg role="img"[^>]*>/)?.[0] ?? "");
    expect(svg.role).toBe("img");
    expect(svg["aria-labelledby"]).toBe("reports-per-month-title reports-per-month-desc");
    expect(svg.viewBox).toMatch(/^0 0 \d+ \d+$/);
    expect(svg.width).toBe("100%");
    expect(html).toContain('<title id="reports-per-month-title">Reports per month</title>');
    expect(html).toContain(
      '<desc id="reports-per-month-desc">January 20 reports, February 40, March fewer than 5.</desc>',
    );
    expect(html).toMatch(/^<figure[^>]*><figcaption[^>]*>Reports per month<\/figcaption>/);
  });

  it("draws one bar per non-null value, with heights proportional to the values", () => {
    const html = render();
    expect(bars(html)).toHaveLength(5);
    expect(bar(html, 0, 1).height).toBeCloseTo(2 * bar(html, 0, 0).height, 1);
    expect(bar(html, 0, 0).height).toBeCloseTo(2 * bar(html, 1, 0).height, 1);
    expect(bar(html, 1, 1).height).toBeCloseTo(bar(html, 1, 0).height / 2, 1);
  });

  it("draws a hatched placeholder for a null instead of a bar, named in its tooltip, with no text at the axis", () => {
    const html = render();
    expect(bars(html).some((b) => b.series === 0 && b.category === 2)).toBe(false);
    const placeholders = [...html.matchAll(/<rect class="bar-chart__hidden"[^>]*>(.*?)<\/rect>/g)];
    expect(placeholders).toHaveLength(1);
    expect(attrs(placeholders[0][0])).toMatchObject({ "data-series": "0", "data-category": "2" });
    expect(placeholders[0][1]).toBe("<title>Reports, Mar: &lt; 5</title>");
    expect(html).not.toContain('<text class="bar-chart__null"');
  });

  it("lists each series by name in the legend, each with its own pattern", () => {
    const html = render({ series: ["A", "B", "C"].map((name) => ({ name, values: [1, 2, 3] })) });
    const legend = html.match(/<ul class="bar-chart__legend">.*<\/ul>/)?.[0] ?? "";
    expect([...legend.matchAll(/<span>([^<]*)<\/span>/g)].map((m) => m[1])).toEqual(["A", "B", "C"]);
    const patterns = [...legend.matchAll(/fill="url\(#([^)]+)\)"/g)].map((m) => m[1]);
    expect(patterns).toEqual([
      "reports-per-month-pattern-0",
      "reports-per-month-pattern-1",
      "reports-per-month-pattern-2",
    ]);
    for (const id of patterns) expect(html).toContain(`<pattern id="${id}"`);
  });

  it("has a y axis of 4–5 round ticks whose top reaches the largest value", () => {
    const html = render();
    const ys = ticks(html);
    expect(ys[0]).toBe(0);
    expect(ys.length).toBeGreaterThanOrEqual(4);
    expect(ys.length).toBeLessThanOrEqual(5);
    expect(Math.max(...ys)).toBeGreaterThanOrEqual(40);
    for (const max of [0, 1, 3, 7, 10, 19, 40, 99, 100, 1234]) {
      const t = niceTicks(max);
      expect(t.length, `max ${max}`).toBeGreaterThanOrEqual(4);
      expect(t.length, `max ${max}`).toBeLessThanOrEqual(5);
      expect(t[t.length - 1]).toBeGreaterThanOrEqual(max);
      for (const v of t) expect(Number.isInteger(v)).toBe(true);
    }
    expect(niceTicks(0.6, false).at(-1)).toBeGreaterThanOrEqual(0.6);
  });

  it("stacks the series in stacked mode, the second bar sitting on the first", () => {
    const html = render({ stacked: true });
    const first = bar(html, 0, 0);
    const second = bar(html, 1, 0);
    expect(second.y + second.height).toBeCloseTo(first.y, 1);
    expect(first.height).toBeCloseTo(2 * second.height, 1);
    // The axis counts the stack: 40 + 5 = 45.
    expect(Math.max(...ticks(html))).toBeGreaterThanOrEqual(45);
    // A null in the stack is a hatched segment with one mark above it, not drawn as a bar.
    expect(bars(html)).toHaveLength(5);
    expect([...html.matchAll(/<rect class="bar-chart__hidden" [^>]*data-category="2"/g)]).toHaveLength(1);
    expect(html).toMatch(/<text class="bar-chart__mark"[^>]*>&lt; 5\*<\/text>/);
  });

  it("renders the same markup every time, with ids taken from the id prop", () => {
    expect(render()).toBe(render());
    const ids = [...render().matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    for (const id of ids) expect(id.startsWith("reports-per-month")).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("the horizontal bar chart (a row per unit)", () => {
  const units = ["Hamnskolan", "Norrskolan", "Skolan med det mycket långa namnet i norra stadsdelen"];
  const horizontal = (overrides: Partial<BarChartProps> = {}) =>
    renderToStaticMarkup(
      createElement(HorizontalBarChart, {
        id: "units-school",
        title: "Schools",
        description: "Reports and calls per school.",
        categories: units,
        series: [
          { name: "Reports", values: [12, null, 30] },
          { name: "Calls", values: [0, 6, null] },
        ],
        valueLabel,
        ...overrides,
      }),
    );

  it("draws a bar for each shown value, lengths in proportion, and writes hidden ones in words", () => {
    const html = horizontal();
    const shown = drawn(html);
    expect(shown.map((a) => [a["data-series"], a["data-category"], a["data-value"]])).toEqual([
      ["0", "0", "12"],
      ["0", "2", "30"],
      ["1", "0", "0"],
      ["1", "1", "6"],
    ]);
    const width = (value: string) => Number(shown.find((a) => a["data-value"] === value)!.width);
    expect(width("30") / width("12")).toBeCloseTo(30 / 12, 1);
    expect(width("0")).toBe(0);
    expect([...html.matchAll(/class="bar-chart__null"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(["&lt; 5", "&lt; 5"]);
  });

  it("grows with the number of units, shortens a long name on the axis and keeps it whole in the bar's title", () => {
    const height = (html: string) => Number(/viewBox="0 0 600 ([\d.]+)"/.exec(html)![1]);
    const two = horizontal({ categories: units.slice(0, 2), series: [{ name: "Reports", values: [5, 6] }] });
    const three = horizontal({ series: [{ name: "Reports", values: [5, 6, 7] }] });
    expect(height(three)).toBeGreaterThan(height(two));
    expect(three).toContain("Skolan med det mycket långa n…");
    expect(three).toContain("Reports, Skolan med det mycket långa namnet i norra stadsdelen: 7");
    expect(three).toContain('aria-labelledby="units-school-title units-school-desc"');
  });

  it("runs a share axis to 100 % even when every share is hidden", () => {
    const percent = (v: number | null) => (v === null ? "hidden" : `${Math.round(v * 100)} %`);
    const html = horizontal({
      series: [{ name: "Opened", values: [null, null, null] }],
      valueLabel: percent,
      shares: true,
    });
    const ticks = [...html.matchAll(/<text x="[\d.]+" y="[\d.]+" text-anchor="middle">([^<]*)</g)].map((m) => m[1]);
    expect(ticks.at(-1)).toBe("100 %");
    expect(ticks).toContain("50 %");
  });
});

/** `n` months from January 2024, labelled as the statistics page labels them. */
const months = (n: number, locale: "sv" | "en") =>
  Array.from({ length: n }, (_, i) => {
    const month = `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
    return formatMonth(month, locale);
  });

const viewBoxWidth = (html: string) => Number(/viewBox="0 0 ([\d.]+) /.exec(html)?.[1]);

/**
 * A text's box as estimated independently of the chart: 0.6 em a character (about 7 px at 12 px), which is wider than
 * the average letter of the system fonts, around its anchor.
 */
function textBoxes(html: string, className: string) {
  const fontSize = Number(/<g class="bar-chart__axis" font-size="(\d+)"/.exec(html)?.[1]);
  return [...html.matchAll(new RegExp(`<text class="${className}"[^>]*>(.*?)</text>`, "g"))].map((m) => {
    const a = attrs(m[0]);
    const text = m[1]
      .replace(/<[^>]+>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&amp;/g, "&");
    const size = Number(a["font-size"] ?? fontSize);
    const width = [...text].length * 0.6 * size;
    const x = Number(a.x);
    const left = a["text-anchor"] === "end" ? x - width : a["text-anchor"] === "middle" ? x - width / 2 : x;
    return { text, left, right: left + width };
  });
}

function expectNoOverlap(boxes: { text: string; left: number; right: number }[], width: number) {
  const sorted = [...boxes].sort((a, b) => a.left - b.left);
  for (const box of sorted) {
    expect(box.left, box.text).toBeGreaterThanOrEqual(0);
    expect(box.right, box.text).toBeLessThanOrEqual(width);
  }
  for (let i = 1; i < sorted.length; i++) {
    expect(sorted[i].left, `${sorted[i - 1].text} | ${sorted[i].text}`).toBeGreaterThanOrEqual(sorted[i - 1].right + 2);
  }
}

/** The chart's own drawing: the first <svg>, without its bars' and placeholders' tooltips. */
const drawing = (html: string) => (html.split("</svg>")[0] ?? "").replace(/<title>.*?<\/title>/g, "");

const hiddenValueLabel = (v: number | null) => (v === null ? "dold" : String(v));

describe("the x axis of a long period", () => {
  for (const n of [24, 36]) {
    for (const locale of ["sv", "en"] as const) {
      for (const stacked of [false, true]) {
        it(`draws labels that do not overlap for ${n} months (${locale}, ${stacked ? "stacked" : "grouped"})`, () => {
          const categories = months(n, locale);
          const html = render({
            categories,
            stacked,
            series: [
              { name: "Reports", values: categories.map((_, i) => (i % 5) * 3) },
              { name: "Advice", values: categories.map((_, i) => (i % 7) * 2) },
            ],
          });
          const labels = textBoxes(html, "bar-chart__category");
          expectNoOverlap(labels, viewBoxWidth(html));
          expect(labels[0].text).toBe(categories[0]);
          expect(labels.at(-1)?.text).toBe(categories.at(-1));
          // Thinned, not emptied: every few months keeps its label, in order.
          expect(labels.length).toBeGreaterThanOrEqual(5);
          const indices = labels.map((l) => categories.indexOf(l.text));
          expect(indices).toEqual([...indices].sort((a, b) => a - b));
          // Every month is still named in its bars' tooltips (and in full in the table beside the chart).
          for (const month of categories) expect(html).toContain(`Reports, ${month}:`);
        });
      }
    }
  }

  it("writes every label when they fit", () => {
    const html = render({ categories: months(6, "sv"), series: [{ name: "Reports", values: [1, 2, 3, 4, 5, 6] }] });
    expect(textBoxes(html, "bar-chart__category").map((l) => l.text)).toEqual(months(6, "sv"));
  });

  it("keeps a lone category's label", () => {
    const html = render({ categories: ["jan. 2024"], series: [{ name: "Reports", values: [3] }] });
    expect(textBoxes(html, "bar-chart__category").map((l) => l.text)).toEqual(["jan. 2024"]);
  });
});

/** The hatched marks of hidden values in the chart, with what they stand for. */
function hatches(html: string) {
  return [...drawing(html).matchAll(/<rect class="bar-chart__hidden"[^>]*>/g)].map((m) => {
    const a = attrs(m[0]);
    return {
      category: Number(a["data-category"]),
      series: a["data-series"] === undefined ? undefined : Number(a["data-series"]),
      hidden: Number(a["data-hidden"] ?? 1),
      fill: a.fill,
      y: Number(a.y),
      height: Number(a.height),
    };
  });
}

const markTexts = (html: string) => [
  ...drawing(html).matchAll(/<text[^>]*>(?:(?!<\/text>).)*dold(?:(?!<\/text>).)*<\/text>/g),
];

describe("hidden values", () => {
  const note = "“dold”: the count is hidden because it is under 5.";
  const sources = (values: (number | null)[][]) =>
    ["Preschool", "School", "Student health", "Other"].map((name, s) => ({ name, values: values.map((v) => v[s]) }));

  it("draws a stacked bar with four hidden series as one hatched segment with one mark, at the baseline", () => {
    const html = render({
      stacked: true,
      valueLabel: hiddenValueLabel,
      hiddenNote: note,
      series: sources([
        [3, 10, 0, 6],
        [null, null, null, null],
        [null, 12, 0, null],
      ]),
    });
    const marks = hatches(html);
    expect(marks.map((m) => [m.category, m.hidden])).toEqual([
      [1, 4],
      [2, 2],
    ]);
    for (const m of marks) expect(m.fill).toBe("url(#reports-per-month-hidden)");
    expect(html).toContain('<pattern id="reports-per-month-hidden"');
    // One mark for each bar with something hidden, not one for each hidden series.
    expect(markTexts(html)).toHaveLength(2);
    expect(drawing(html).match(/dold/g)).toHaveLength(2);
    expect(markTexts(html)[0][0]).toContain("*");
    // All hidden: the segment stands on the baseline; else it tops the stack.
    const baseline = bar(html, 0, 0).y + bar(html, 0, 0).height;
    expect(marks[0].y + marks[0].height).toBeCloseTo(baseline, 1);
    expect(marks[0].height).toBeGreaterThan(0);
    expect(marks[0].height).toBeLessThan(15);
    expect(marks[1].y + marks[1].height).toBeCloseTo(bar(html, 1, 2).y, 1);
    expect(marks[1].height).toBe(marks[0].height);
  });

  it("draws one hatched placeholder for each hidden value of a grouped chart, with no text at the axis", () => {
    const html = render({
      valueLabel: hiddenValueLabel,
      hiddenNote: note,
      series: sources([
        [3, null, 0, 6],
        [null, null, 7, null],
        [8, 12, 9, 10],
      ]),
    });
    expect(hatches(html).map((m) => [m.series, m.category])).toEqual([
      [1, 0],
      [0, 1],
      [1, 1],
      [3, 1],
    ]);
    expect(markTexts(html)).toHaveLength(0);
    expect(html).not.toContain("bar-chart__null");
    // A hidden value is no bar, and no zero: a zero draws nothing.
    expect(bars(html).filter((b) => b.value === 0)).toHaveLength(1);
    expect(bar(html, 2, 0).height).toBe(0);
  });

  it("explains the hatch in the legend and the footnote under the chart, once each", () => {
    const html = render({ stacked: true, valueLabel: hiddenValueLabel, hiddenNote: note });
    const legend = html.match(/<ul class="bar-chart__legend">.*?<\/ul>/)?.[0] ?? "";
    expect(legend).toContain('fill="url(#reports-per-month-hidden)"');
    expect(legend.replace(/<[^>]+>/g, "|")).toMatch(/\|dold\|*\*\|/);
    const footnotes = [...html.matchAll(/<p class="bar-chart__note"[^>]*>(.*?)<\/p>/g)];
    expect(footnotes).toHaveLength(1);
    expect(footnotes[0][1].replace(/<[^>]+>/g, "")).toBe(`* ${note}`);
    // The footnote belongs to the figure, after the legend.
    expect(html.indexOf("bar-chart__note")).toBeGreaterThan(html.indexOf("bar-chart__legend"));
    expect(html.indexOf("bar-chart__note")).toBeLessThan(html.indexOf("</figure>"));
  });

  it("has no hatch, hatch legend or footnote when nothing is hidden", () => {
    for (const stacked of [false, true]) {
      const html = render({
        stacked,
        valueLabel: hiddenValueLabel,
        hiddenNote: note,
        series: [{ name: "Reports", values: [1, 0, 7] }],
      });
      expect(html).not.toContain("reports-per-month-hidden");
      expect(html).not.toContain("bar-chart__note");
      expect(html).not.toContain("dold");
      expect(html).not.toContain("*");
    }
  });

  it("keeps the marks of many hidden months apart", () => {
    const categories = months(36, "sv");
    const html = render({
      categories,
      stacked: true,
      valueLabel: hiddenValueLabel,
      hiddenNote: note,
      series: sources(categories.map((_, i) => (i % 3 ? [null, i, null, null] : [null, null, null, null]))),
    });
    expect(hatches(html)).toHaveLength(36);
    const marks = textBoxes(html, "bar-chart__mark");
    expect(marks).toHaveLength(36);
    expectNoOverlap(marks, viewBoxWidth(html));
    // Too narrow for the word: the reference alone, the word in the legend.
    for (const m of marks) expect(m.text).toBe("*");
  });

  it("hatches a hidden value of the horizontal chart too, with the legend and footnote", () => {
    const html = renderToStaticMarkup(
      createElement(HorizontalBarChart, {
        id: "units-school",
        title: "Schools",
        description: "Reports per school.",
        categories: ["Hamnskolan", "Norrskolan"],
        series: [{ name: "Reports", values: [12, null] }],
        valueLabel: hiddenValueLabel,
        hiddenNote: note,
      }),
    );
    expect(hatches(html).map((m) => [m.series, m.category])).toEqual([[0, 1]]);
    expect(html).toContain('<p class="bar-chart__note"');
    const none = renderToStaticMarkup(
      createElement(HorizontalBarChart, {
        id: "units-school",
        title: "Schools",
        description: "Reports per school.",
        categories: ["Hamnskolan", "Norrskolan"],
        series: [{ name: "Reports", values: [12, 3] }],
        valueLabel: hiddenValueLabel,
        hiddenNote: note,
      }),
    );
    expect(none).not.toContain("units-school-hidden");
    expect(none).not.toContain("bar-chart__note");
  });
});
