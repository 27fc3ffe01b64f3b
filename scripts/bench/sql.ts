/**
 * SQL building blocks for the benchmark seeder. Every random choice is a hash of a row's key (md5), never random():
 * the same municipality number and row number give the same value whatever order or session computes it.
 */

export const TZ = "'Europe/Stockholm'";

export const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** A uniform number in [0, 1) from the k-th 32 bits (k = 0..3) of an md5 hex column. */
export const u = (hash: string, k: number) =>
  `((('x' || substr(${hash}, ${1 + 8 * k}, 8))::bit(32)::int::float8 + 2147483648) / 4294967296)`;

/** One of the strings, evenly. */
export const pick = (values: readonly string[], r: string) =>
  `(array[${values.map(lit).join(",")}])[1 + floor(${r} * ${values.length})::int]`;

/** One of the SQL expressions by weight, e.g. chooseSql(r, [["'a'", 3], ["'b'", 1]]). */
export function chooseSql(r: string, options: [string, number][]) {
  const total = options.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  const whens = options.slice(0, -1).map(([v, w]) => {
    acc += w / total;
    return `when ${r} < ${acc.toFixed(6)} then ${v}`;
  });
  return `(case ${whens.join(" ")} else ${options[options.length - 1][0]} end)`;
}

/** One of the strings by weight. */
export const choose = (r: string, options: [string, number][]) =>
  chooseSql(
    r,
    options.map(([v, w]) => [lit(v), w]),
  );

/** Stockholm wall-clock: a date plus (fractional) hours, as an instant. */
export const at = (date: string, hours: string) =>
  `(((${date})::date + (${hours}) * interval '1 hour') at time zone ${TZ})`;

/** The Stockholm calendar date of an instant. */
export const dayOf = (ts: string) => `(${ts} at time zone ${TZ})::date`;

/** The instant a Stockholm calendar date begins: how app/domain/deadlines.ts bounds every deadline. */
export const startOfDay = (date: string) => `((${date})::date::timestamp at time zone ${TZ})`;

/** Monday–Friday: a weekend date moves to the Monday after. */
export const weekday = (date: string) =>
  `((${date})::date + case extract(isodow from (${date})::date) when 6 then 2 when 7 then 1 else 0 end)`;

/** A deterministic uuid from a key expression. */
export const uuid = (key: string) => `md5(${key})::uuid`;

/**
 * Rows (day, j) that place `n` items over the days of b_day in proportion to a weight column: day d gets
 * floor(n·cum(d)) − floor(n·cum(d−1)) items, so the total is exactly n and no random draw is needed.
 */
export const spread = (n: number, weight: string, where = "true") => `
  select day, generate_series(1, (floor(${n} * hi + 1e-9) - floor(${n} * lo + 1e-9))::int) as j
  from (
    select day, sum(${weight}) over w / t.total as hi, (sum(${weight}) over w - ${weight}) / t.total as lo
    from b_day, (select sum(${weight}) as total from b_day where ${where}) t
    where ${where}
    window w as (order by day)
  ) d`;

/** "30 november 2026", as formatDate in app/lib/i18n.ts writes it in Swedish. */
export function svDate(ts: string, months: readonly string[]) {
  const local = `(${ts} at time zone ${TZ})`;
  const month = `(array[${months.map(lit).join(",")}])[extract(month from ${local})::int]`;
  return `(extract(day from ${local})::int || ' ' || ${month} || ' ' || extract(year from ${local})::int)`;
}
