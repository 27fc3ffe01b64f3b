import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { BarChart, HorizontalBarChart, niceTicks, type BarChartProps } from "~/components/bar-chart";

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

function bars(html: string) {
  return [...html.matchAll(/<rect class="bar-chart__bar [^>]*>/g)].map((m) => {
    const a = attrs(m[0]);
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

  it("writes the value label for a null instead of drawing a bar", () => {
    const html = render();
    expect(bars(html).some((b) => b.series === 0 && b.category === 2)).toBe(false);
    const nulls = [...html.matchAll(/<text class="bar-chart__null"[^>]*>([^<]*)<\/text>/g)];
    expect(nulls).toHaveLength(1);
    expect(nulls[0][1]).toBe("&lt; 5");
    expect(attrs(nulls[0][0])).toMatchObject({ "data-series": "0", "data-category": "2" });
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
    // A null in the stack is labelled above it, not drawn as a bar.
    expect(bars(html)).toHaveLength(5);
    expect(html).toContain('<text class="bar-chart__null"');
    expect(html).toContain("&lt; 5</text>");
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
    const drawn = [...html.matchAll(/<rect class="bar-chart__bar [^>]*>/g)].map((m) => attrs(m[0]));
    expect(drawn.map((a) => [a["data-series"], a["data-category"], a["data-value"]])).toEqual([
      ["0", "0", "12"],
      ["1", "0", "0"],
      ["1", "1", "6"],
      ["0", "2", "30"],
    ]);
    const width = (value: string) => Number(drawn.find((a) => a["data-value"] === value)!.width);
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
