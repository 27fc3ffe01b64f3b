import { z } from "zod";
import { isCalendarDate, isCalendarMonth } from "./dates";
import { isUuid } from "./ids";

/**
 * The one way a loader reads its query string. Each parameter has a zod schema with its fallback (`.catch`), so an
 * address that was typed, cut off or tampered with gives the page with its defaults, never an error. A parameter
 * given twice counts once (its first value) unless its schema is an array. NUL is dropped before anything reads a
 * value: PostgreSQL refuses it in text, and no one means it.
 */
type Shape = Record<string, z.ZodCatch<z.ZodTypeAny>>;

export function readQuery<S extends Shape>(
  from: Request | URL | URLSearchParams,
  shape: S,
): { [K in keyof S]: z.output<S[K]> } {
  const params = from instanceof URLSearchParams ? from : (from instanceof URL ? from : new URL(from.url)).searchParams;
  const raw: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(shape)) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point (see above)
    const values = params.getAll(name).map((v) => v.replace(/\u0000/g, ""));
    raw[name] = takesList(schema) ? values : values[0];
  }
  // Every field has a fallback, so this cannot fail.
  return z.object(shape).parse(raw) as never;
}

function takesList(schema: z.ZodTypeAny): boolean {
  if (schema instanceof z.ZodCatch) return takesList(schema.removeCatch());
  if (schema instanceof z.ZodEffects) return takesList(schema.innerType());
  return schema instanceof z.ZodArray;
}

/** Building blocks for readQuery; each falls back to its default (null unless given). */
export const param = {
  /** A day the calendar has, "YYYY-MM-DD". */
  date: () => z.string().refine(isCalendarDate).nullable().catch(null),
  /** A month, "YYYY-MM". */
  month: () => z.string().refine(isCalendarMonth).nullable().catch(null),
  /** A year, "YYYY", from `min` to `max`. */
  year: (min: number, max: number) =>
    z
      .string()
      .regex(/^\d{4}$/)
      .transform(Number)
      .pipe(z.number().min(min).max(max))
      .nullable()
      .catch(null),
  uuid: () => z.string().refine(isUuid).nullable().catch(null),
  /** One of a list of words, or null. */
  oneOf: <const T extends string>(values: readonly T[]) =>
    z
      .enum(values as [T, ...T[]])
      .nullable()
      .catch(null),
  /** One of a list of words, or `fallback`. */
  choice: <const T extends string>(values: readonly T[], fallback: NoInfer<T>) =>
    z.enum(values as [T, ...T[]]).catch(fallback),
  /** Free text such as a search, cut to `max` characters. */
  text: (max: number) =>
    z
      .string()
      .transform((v) => v.trim().slice(0, max))
      .catch(""),
  /** Every value of a repeated parameter, at most `max` of them, each at most 100 characters. */
  list: (max: number) =>
    z
      .array(z.string().max(100))
      .transform((v) => v.slice(0, max))
      .catch([]),
  /** A page number of a paged list, 1–100 000. */
  page: () => z.coerce.number().int().min(1).max(100_000).catch(1),
};
