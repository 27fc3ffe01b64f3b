import { stringify } from "csv-stringify/sync";
import { type Cell, type ExportTable, sharePercent } from "./export-table";

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

/** A cell of an export table (./export-table) as the CSV writes it. */
export function csvCell(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell;
  if (typeof cell === "number") return String(cell);
  if ("free" in cell) return safeCell(cell.free);
  if ("share" in cell) return cell.padded ? sharePercent(cell.share).toFixed(1) : String(sharePercent(cell.share));
  if ("day" in cell) return cell.day;
  if ("time" in cell) return cell.time;
  return cell.mark;
}

/** An export table as one CSV: its sheets' rows one after the other, under the machine names of the columns. */
export function csvTableResponse(filename: string, table: ExportTable) {
  const records = table.sheets.flatMap((sheet) => sheet.rows.map((row) => row.map(csvCell)));
  return csvResponse(filename, table.columns, records);
}
