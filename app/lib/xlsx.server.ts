import type { CellValue, Workbook } from "exceljs";
import { csvCell } from "./csv.server";
import type { Cell, ExportTable, Sheet } from "./export-table";

/**
 * An export table (./export-table) as an Excel workbook: what a CSV cannot be for a Swedish Excel, which opens a
 * comma-separated file as one column. A sheet per table, the header in the reader's language and frozen, numbers as
 * numbers, shares as fractions shown in per cent, days and times as Excel dates, hidden figures as their mark.
 */
export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Format codes are stored in Excel's own (English) notation; a Swedish Excel shows 54,5% and 2026-03-10. */
const FORMAT = { share: "0.0%", day: "yyyy-mm-dd", time: "hh:mm" } as const;

/** What a cell holds in the workbook, and how it is shown. */
function written(cell: Cell): { value: CellValue; numFmt?: string; mark?: true } {
  // An empty text is an empty cell, as nothing is.
  if (cell === null || cell === "") return { value: null };
  if (typeof cell === "string" || typeof cell === "number") return { value: cell };
  // A workbook cell holds text as text: a leading "=" is not a formula there, so free text is kept as written.
  if ("free" in cell) return { value: cell.free };
  // The fraction at the CSV's precision (per cent to one decimal): more digits could give a hidden count away.
  if ("share" in cell) return { value: Math.round(cell.share * 1000) / 1000, numFmt: FORMAT.share };
  // Excel has no time zones: the Stockholm wall clock is written as the date's UTC reading.
  if ("day" in cell) {
    const [y, m, d] = cell.day.split("-").map(Number);
    return { value: new Date(Date.UTC(y, m - 1, d)), numFmt: FORMAT.day };
  }
  if ("time" in cell) {
    const [h, min] = cell.time.split(":").map(Number);
    return { value: new Date(Date.UTC(1899, 11, 30, h, min)), numFmt: FORMAT.time };
  }
  return { value: cell.mark, mark: true };
}

/** Excel refuses []:*?/\ in a sheet's name and more than 31 characters. */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);

/** Wide enough for the longest text in the column, within reason. */
function widths(headers: readonly string[], sheet: Sheet) {
  return headers.map((header, c) =>
    Math.min(60, Math.max(8, header.length, ...sheet.rows.map((row) => csvCell(row[c] ?? null).length)) + 2),
  );
}

function addSheet(workbook: Workbook, headers: readonly string[], sheet: Sheet) {
  const worksheet = workbook.addWorksheet(sheetName(sheet.name), { views: [{ state: "frozen", ySplit: 1 }] });
  worksheet.columns = widths(headers, sheet).map((width) => ({ width }));
  const header = worksheet.addRow([...headers]);
  header.font = { bold: true };
  worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  for (const cells of sheet.rows) {
    const row = worksheet.addRow([]);
    cells.forEach((cell, c) => {
      const { value, numFmt, mark } = written(cell);
      const target = row.getCell(c + 1);
      target.value = value;
      if (numFmt) target.numFmt = numFmt;
      // Where a number would stand: aligned with the numbers, and set apart from them.
      if (mark) target.style = { font: { italic: true }, alignment: { horizontal: "right" } };
    });
  }
}

export async function workbookBytes(table: ExportTable) {
  // Loaded when the first workbook is asked for: the library takes a fifth of a second to load, on every start.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tillsammans";
  for (const sheet of table.sheets) addSheet(workbook, table.headers, sheet);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A workbook download, as `csvResponse` is a CSV one. */
export async function xlsxResponse(filename: string, table: ExportTable) {
  return new Response(await workbookBytes(table), {
    headers: { "Content-Type": XLSX_CONTENT_TYPE, "Content-Disposition": `attachment; filename="${filename}"` },
  });
}
