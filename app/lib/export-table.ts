/**
 * A table to download, before it is a file: each cell says what it is, so the CSV (./csv.server, `csvTableResponse`)
 * can write it as the text it has always written and the workbook (./xlsx.server) as a number, a date or text. One
 * function per export builds it (app/server/exports.server.ts), so the two files cannot disagree.
 */
export type Cell =
  /** Text as it stands: a code, a month ("2025-03"), a label. Nothing: `null`. */
  | string
  | null
  /** A count, minutes, days. */
  | number
  /** Text someone typed: the CSV defuses what a spreadsheet would run as a formula; a workbook cell is text anyway. */
  | { free: string }
  /**
   * A share from 0 to 1. The CSV writes it in per cent to one decimal, "50.0" (`padded`) or "50"; the workbook keeps
   * the fraction at the same precision (no more than the page shows) and shows it in per cent.
   */
  | { share: number; padded: boolean }
  /** A day (YYYY-MM-DD) or a time (HH:MM), on the Stockholm clock. */
  | { day: string }
  | { time: string }
  /** A figure hidden to protect someone, written as its mark ("dold", "för få"): text in both files. */
  | { mark: string };

export interface Sheet {
  name: string;
  rows: Cell[][];
}

export interface ExportTable {
  /** The CSV's header: machine names that programs reading the file rely on. */
  columns: readonly string[];
  /** The workbook's header: the same columns in the reader's language. */
  headers: readonly string[];
  /** A sheet per table in the workbook; the CSV's records are their rows, one sheet after the other. */
  sheets: Sheet[];
}

/** The share as the CSV and the workbook both round it: per cent to one decimal. */
export const sharePercent = (share: number) => Math.round(share * 1000) / 10;
