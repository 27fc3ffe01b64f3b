import type { LoaderFunctionArgs } from "@remix-run/node";
import { and, eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, trainingRegistrations } from "#db/schema";
import { stockholmInstant } from "~/domain/deadlines";
import { hiddenFootnote, hiddenMark } from "~/domain/stats-marks";
import { safeCell } from "~/lib/csv.server";
import { type AppLocale, i18nFor } from "~/lib/i18n";
import { monthsBefore } from "~/models/coverage.server";
import { getCurrentUser } from "~/models/user.server";
import * as adviceCsv from "~/routes/advice[.csv]";
import * as adviceXlsx from "~/routes/advice[.xlsx]";
import * as statsCsv from "~/routes/stats[.csv]";
import * as statsXlsx from "~/routes/stats[.xlsx]";
import * as coverageCsv from "~/routes/trainings.coverage[.csv]";
import * as coverageXlsx from "~/routes/trainings.coverage[.xlsx]";
import { createConsultation, createUnit, createUser, createWorld, sessionCookieFor, testContext } from "../factories";
import { hiddenFiguresIn2025, reportingDutyTraining } from "../stats-fixtures";

/**
 * Issue 23, item 6: each CSV export is also a workbook. Read back with exceljs, the workbook's data rows (every sheet's,
 * in order, below its header) are the CSV's rows cell for cell: numbers as numbers (a share as its fraction, shown in
 * per cent), dates as dates, text as text (the CSV's copy of a formula-like text is quoted, the workbook's is typed as
 * text and kept as written), hidden figures as the same mark.
 */

type Loader = (args: LoaderFunctionArgs) => unknown;
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const NUMBER = /^-?\d+(\.\d+)?$/;

/** RFC 4180 as csv-stringify writes it: quoted cells, doubled quotes, a newline per record. */
function parseCsv(text: string) {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      rows.push([...row, cell]);
      row = [];
      cell = "";
    } else if (c !== "\r") cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** The same address as CSV and as a workbook, both answered for the same user. */
async function both(csv: Loader, xlsx: Loader, path: string, cookie: string) {
  const call = async (loader: Loader, ext: string, requestId: string) => {
    const request = new Request(`http://localhost${path.replace("{ext}", ext)}`, { headers: { Cookie: cookie } });
    const response = (await loader({ request, params: {}, context: testContext({ requestId }) })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(ext === "csv" ? "text/csv; charset=utf-8" : XLSX_TYPE);
    return response;
  };
  const requestId = `xlsx-${crypto.randomUUID()}`;
  const csvResponse = await call(csv, "csv", `csv-${crypto.randomUUID()}`);
  const xlsxResponse = await call(xlsx, "xlsx", requestId);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await xlsxResponse.arrayBuffer()) as never);
  return {
    csv: parseCsv((await csvResponse.text()).replace(/^\uFEFF/, "")),
    xlsxResponse,
    workbook,
    requestId,
  };
}

/** A workbook cell against the CSV's text of it. */
function sameCell(csv: string, cell: ExcelJS.Cell, where: string) {
  const value = cell.value;
  if (NUMBER.test(csv)) expect(cell.type, `${where}: ${csv} is a number cell`).toBe(ExcelJS.ValueType.Number);
  if (value === null || value === undefined) {
    expect(csv, where).toBe("");
  } else if (typeof value === "number") {
    expect(csv, where).toMatch(NUMBER);
    // A share is its fraction in the workbook, shown as per cent; the CSV writes the per cent to one decimal.
    const share = cell.numFmt?.includes("%");
    const shown = share ? Math.round(value * 1000) / 10 : value;
    expect(Number(csv), where).toBe(shown);
    // No more precision than the CSV's: more digits of a share could give a hidden count away.
    if (share) expect(Math.round(value * 1000) / 1000, where).toBe(value);
  } else if (value instanceof Date) {
    // Dates and times are written as the Stockholm wall clock, so the serial's UTC reading is that clock.
    const iso = value.toISOString();
    expect(csv, where).toBe(/h/.test(cell.numFmt ?? "") ? iso.slice(11, 16) : iso.slice(0, 10));
  } else {
    expect(typeof value, `${where}: ${JSON.stringify(value)}`).toBe("string");
    expect(csv, where).toBe(safeCell(value as string));
  }
}

/**
 * Every sheet: the header in the reader's language (namespace `ns`), frozen, widths set; below it, the CSV's data rows
 * in order, the sheets one after the other, and no more.
 */
function expectSameCells(csv: string[][], workbook: ExcelJS.Workbook, ns: string, locale: AppLocale = "sv") {
  const [csvHeader, ...csvRows] = csv;
  const headers = translated(
    locale,
    csvHeader.map((c) => `${ns}:export.columns.${c}`),
  );
  expect(workbook.worksheets.length).toBeGreaterThan(0);
  const names = workbook.worksheets.map((s) => s.name);
  expect(new Set(names).size, "sheet names differ").toBe(names.length);
  let next = 0;
  for (const sheet of workbook.worksheets) {
    expect(sheet.views[0], sheet.name).toMatchObject({ state: "frozen", ySplit: 1 });
    const header = sheet.getRow(1);
    expect(
      headers.map((_, c) => header.getCell(c + 1).value),
      sheet.name,
    ).toEqual(headers);
    for (let c = 1; c <= headers.length; c++) expect(sheet.getColumn(c).width, sheet.name).toBeGreaterThan(5);
    expect(sheet.rowCount, `${sheet.name} has rows below its header`).toBeGreaterThan(1);
    for (let r = 2; r <= sheet.rowCount; r++, next++) {
      const expected = csvRows[next];
      expect(expected, `${sheet.name} row ${r}: more rows than the CSV`).toBeDefined();
      const row = sheet.getRow(r);
      for (let c = 0; c < csvHeader.length; c++) {
        sameCell(expected[c], row.getCell(c + 1), `${sheet.name}!${row.getCell(c + 1).address}`);
      }
      expect(row.cellCount, `${sheet.name} row ${r}: no cells beyond the CSV's`).toBeLessThanOrEqual(csvHeader.length);
    }
  }
  expect(next, "as many rows as the CSV").toBe(csvRows.length);
}

const texts = (locale: AppLocale) => i18nFor(locale).getFixedT(locale);

/** The translated texts of the keys, each of them a text of its own (not the key shown raw). */
function translated(locale: AppLocale, keys: string[]) {
  const t = texts(locale);
  return keys.map((key) => {
    const text = t(key);
    expect(text, key).not.toBe(key.split(":")[1]);
    expect(text, key).not.toBe(key);
    return text;
  });
}

async function auditedExport(requestId: string) {
  const entries = await getDb()
    .select({ details: auditEvents.details, action: auditEvents.action })
    .from(auditEvents)
    .where(and(eq(auditEvents.requestId, requestId), inArray(auditEvents.action, ["read", "list"])));
  expect(entries).toHaveLength(1);
  return entries[0].details as Record<string, unknown>;
}

/** The year of stats-marks: hidden counts (the preschool's 3, the police's 10, 3 calls), too few for a median. */
async function statsWorld() {
  const world = await createWorld();
  await hiddenFiguresIn2025(world);
  return { world, cookie: await sessionCookieFor(world.user.steering) };
}

const statsColumns = ["figure", "month", "group", "value"];

describe("the statistics as a workbook", () => {
  for (const locale of ["sv", "en"] as const) {
    it(`has the CSV's cells, hidden figures as the mark, a sheet per table (${locale})`, async () => {
      const { cookie } = await statsWorld();
      const got = await both(
        statsCsv.loader,
        statsXlsx.loader,
        "/stats.{ext}?period=year&year=2025",
        `${cookie}; lang=${locale}`,
      );
      expect(got.xlsxResponse.headers.get("Content-Disposition")).toBe(
        'attachment; filename="statistik-2025-01-01-2025-12-31.xlsx"',
      );
      expect(got.csv[0]).toEqual(statsColumns);
      expectSameCells(got.csv, got.workbook, "stats", locale);

      // A sheet per table, named in the reader's language: more than one, none of them the CSV's figure names.
      const sheets = got.workbook.worksheets;
      expect(sheets.length).toBeGreaterThan(5);
      const sheetNames = Object.values(
        i18nFor(locale).getResourceBundle(locale, "stats").export.sheets as Record<string, string>,
      );
      for (const sheet of sheets) {
        expect(sheetNames, sheet.name).toContain(sheet.name);
        expect(sheet.name.length).toBeLessThanOrEqual(31);
      }
      // Rows of one figure stay on one sheet.
      const sheetOf = new Map<string, string>();
      for (const sheet of sheets) {
        for (let r = 2; r <= sheet.rowCount; r++) {
          const figure = String(sheet.getRow(r).getCell(1).value);
          expect(sheetOf.get(figure) ?? sheet.name, figure).toBe(sheet.name);
          sheetOf.set(figure, sheet.name);
        }
      }

      // The hidden figures: the police's and the preschool's counts, the advice calls, the preschool's median.
      const t = texts(locale);
      const countMark = t(hiddenMark("count"));
      const tooFewMark = t(hiddenMark("share"));
      const cellOf = (figure: string, month: string, group: string) => {
        for (const sheet of sheets) {
          for (let r = 2; r <= sheet.rowCount; r++) {
            const row = sheet.getRow(r);
            if ([1, 2, 3].every((c, i) => String(row.getCell(c).value ?? "") === [figure, month, group][i])) {
              return row.getCell(4);
            }
          }
        }
        throw new Error(`no ${figure} ${month} ${group}`);
      };
      for (const hidden of [
        cellOf("reports", "period", "other_channel"),
        cellOf("reports", "period", "preschool"),
        cellOf("advice_calls", "period", "all"),
      ]) {
        expect(hidden.type).toBe(ExcelJS.ValueType.String);
        expect(hidden.value).toBe(countMark);
      }
      expect(cellOf("median_days_to_decision", "period", "preschool").value).toBe(tooFewMark);
      const shown = cellOf("reports", "period", "school");
      expect(shown.type).toBe(ExcelJS.ValueType.Number);
      expect(shown.value).toBe(30);
      const share = cellOf("investigation_share_percent", "period", "school");
      expect(share.type).toBe(ExcelJS.ValueType.Number);
      expect(share.value).toBeCloseTo(20 / 30, 3);
      expect(share.numFmt).toContain("%");
      // A month is the text the CSV has ("2025-03"), not a day.
      expect(cellOf("reports", "2025-03", "school").value).toBe(30);
      // The notes close the workbook: what each mark means.
      const notes = sheets[sheets.length - 1];
      expect(notes.getRow(2).getCell(3).value).toBe(countMark);
      expect(notes.getRow(2).getCell(4).value).toBe(t(hiddenFootnote("count")));
      expect(notes.getRow(3).getCell(3).value).toBe(tooFewMark);
      expect(notes.getRow(3).getCell(4).value).toBe(t(hiddenFootnote("share")));

      expect(await auditedExport(got.requestId)).toMatchObject({ export: "xlsx", from: "2025-01-01" });
    });
  }
});

describe("the advice log as a workbook", () => {
  it("has the CSV's cells: dates and times as such, minutes as numbers, formula-like text as text", async () => {
    const world = await createWorld();
    await createConsultation(world.user.reception_worker, {
      occurredAt: stockholmInstant("2026-03-10", "14:05"),
      durationMinutes: 25,
      callerUnitId: world.unit.school.id,
      acute: true,
      summary: '=HYPERLINK("http://x") står i texten',
      adviceNote: "-1 kan se ut som ett tal",
    });
    await createConsultation(world.user.reception_worker, {
      // Summer time: the Stockholm clock, not UTC.
      occurredAt: stockholmInstant("2026-07-01", "08:30"),
      ageBand: null,
    });
    const cookie = await sessionCookieFor(world.user.reception_worker);
    const got = await both(adviceCsv.loader, adviceXlsx.loader, "/advice.{ext}", cookie);
    expect(got.xlsxResponse.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="radgivning-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );
    expect(got.csv[0]).toEqual([...adviceCsv.adviceCsvColumns]);
    expect(got.csv).toHaveLength(3);
    expectSameCells(got.csv, got.workbook, "advice");
    const [sheet] = got.workbook.worksheets;
    expect(got.workbook.worksheets).toHaveLength(1);
    expect(sheet.name).toBe(texts("sv")("advice:export.sheet"));
    const column = (name: string) => adviceCsv.adviceCsvColumns.indexOf(name as never) + 1;
    // Newest first, as in the CSV.
    const older = sheet.getRow(3);
    expect(older.getCell(column("date")).value).toEqual(new Date(Date.UTC(2026, 2, 10)));
    expect(older.getCell(column("date")).numFmt).toBe("yyyy-mm-dd");
    expect(older.getCell(column("time")).value).toEqual(new Date(Date.UTC(1899, 11, 30, 14, 5)));
    expect(older.getCell(column("duration_minutes")).value).toBe(25);
    expect(older.getCell(column("summary")).value).toBe('=HYPERLINK("http://x") står i texten');
    expect(older.getCell(column("summary")).type).toBe(ExcelJS.ValueType.String);
    expect(older.getCell(column("advice_note")).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(2).getCell(column("time")).value).toEqual(new Date(Date.UTC(1899, 11, 30, 8, 30)));
    expect(await auditedExport(got.requestId)).toMatchObject({ export: "xlsx", count: 2 });
  });
});

describe("the training coverage as a workbook", () => {
  it("has the CSV's cells: counts as numbers, shares in per cent, no share where a unit has no staff", async () => {
    const world = await createWorld();
    const coordinator = (await getCurrentUser(world.user.coordinator.id, world.municipality.id))!;
    const training = await reportingDutyTraining(coordinator, monthsBefore(new Date(), 3));
    const third = await createUnit(world.municipality.id, "school", "Tredjedelsskolan");
    const thirdStaff = [];
    for (let i = 0; i < 3; i++) {
      thirdStaff.push(await createUser({ municipalityId: world.municipality.id, unitId: third.id, role: "staff" }));
    }
    await createUnit(world.municipality.id, "preschool", '=HYPERLINK("http://x")');
    for (const userId of [world.user.staff.id, thirdStaff[0].id]) {
      await getDb().insert(trainingRegistrations).values({
        municipalityId: world.municipality.id,
        trainingId: training.id,
        userId,
        status: "registered",
        attended: true,
      });
    }
    const got = await both(
      coverageCsv.loader,
      coverageXlsx.loader,
      "/trainings/coverage.{ext}",
      await sessionCookieFor(world.user.coordinator),
    );
    expect(got.xlsxResponse.headers.get("Content-Disposition")).toBe('attachment; filename="utbildningstackning.xlsx"');
    expect(got.csv).toHaveLength(5);
    expectSameCells(got.csv, got.workbook, "coverage");
    const [sheet] = got.workbook.worksheets;
    expect(sheet.name).toBe(texts("sv")("coverage:export.sheet"));
    const rowOf = (name: string) => {
      for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === name) return sheet.getRow(r);
      throw new Error(`no row ${name}`);
    };
    expect(rowOf(world.unit.school.name).getCell(5).value).toBe(0.5);
    expect(rowOf("Tredjedelsskolan").getCell(5).value).toBe(0.333);
    expect(rowOf("Tredjedelsskolan").getCell(5).numFmt).toContain("%");
    expect(rowOf(world.unit.preschool.name).getCell(5).value).toBeNull();
    expect(rowOf('=HYPERLINK("http://x")').getCell(3).value).toBe(0);
    expect(await auditedExport(got.requestId)).toMatchObject({ export: "xlsx", scope: "all" });
  });
});
