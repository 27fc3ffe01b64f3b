import { param, readQuery } from "./query";

/** Rows per page in the long lists (issue 24, a product decision): 25 unless the user chose 50 or 100. */
export const LIST_ROWS = [25, 50, 100] as const;
export type ListRows = (typeof LIST_ROWS)[number];
export const DEFAULT_LIST_ROWS: ListRows = 25;

const isListRows = (value: number): value is ListRows => (LIST_ROWS as readonly number[]).includes(value);

/**
 * The rows a list shows: `rows` from the address when it is one of LIST_ROWS (`chosen`: the user just picked it),
 * else what the user picked last (`remembered`), else 25.
 */
export function listRowsFrom(params: URLSearchParams, remembered: number | undefined) {
  const { rows } = readQuery(params, { rows: param.oneOf(LIST_ROWS.map(String)) });
  if (rows !== null) return { rows: Number(rows) as ListRows, chosen: true };
  return { rows: remembered !== undefined && isListRows(remembered) ? remembered : DEFAULT_LIST_ROWS, chosen: false };
}
