import { stringify } from "csv-stringify/sync";

/** A cell that starts like a formula would run in a spreadsheet: quote it as text. Use on every free-text cell. */
export const safeCell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/**
 * A CSV download: a header row and the records, with a byte-order mark so spreadsheet programs read å, ä and ö
 * right. Cells are written as given: pass free text through `safeCell` first.
 */
export function csvResponse(filename: string, columns: readonly string[], records: readonly (readonly string[])[]) {
  const body = `\uFEFF${stringify([[...columns], ...records.map((r) => [...r])])}`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
}
