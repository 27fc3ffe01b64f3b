import { looksLikePersonalNumber, parsePersonalNumber } from "~/lib/personal-number";

const today = new Date("2026-11-24T12:00:00Z");

/** The Luhn digit written out separately from the module, so a mistake there cannot hide here. */
function withCheckDigit(nine: string) {
  const sum = [...nine].map(Number).reduce((acc, digit, i) => {
    const n = digit * (i % 2 === 0 ? 2 : 1);
    return acc + (n > 9 ? n - 9 : n);
  }, 0);
  return nine + ((10 - (sum % 10)) % 10);
}

describe("parsing personal identity numbers", () => {
  it("accepts the usual forms and normalises them", () => {
    // 19121212-1212 is Skatteverket's well-known test number.
    for (const input of ["19121212-1212", "191212121212", "121212+1212", " 19121212-1212 "]) {
      expect(parsePersonalNumber(input, today)).toEqual({ ok: true, normalized: "19121212-1212", birthDate: "1912-12-12", kind: "personal" });
    }
    const child = withCheckDigit("160504123");
    expect(parsePersonalNumber(`${child.slice(0, 6)}-${child.slice(6)}`, today)).toMatchObject({
      ok: true,
      normalized: `20${child.slice(0, 6)}-${child.slice(6)}`,
      birthDate: "2016-05-04",
    });
  });

  it("refuses a wrong check digit", () => {
    expect(parsePersonalNumber("19121212-1213", today)).toEqual({ ok: false, error: "checksum" });
  });

  it("refuses dates that do not exist, and dates in the future", () => {
    expect(parsePersonalNumber(`1999${withCheckDigit("990230123").slice(2)}`, today)).toEqual({ ok: false, error: "date" });
    expect(parsePersonalNumber(`20${withCheckDigit("230229123").slice(0, 6)}-${withCheckDigit("230229123").slice(6)}`, today)).toEqual({ ok: false, error: "date" });
    const leap = withCheckDigit("240229123");
    expect(parsePersonalNumber(`20${leap.slice(0, 6)}-${leap.slice(6)}`, today)).toMatchObject({ ok: true, birthDate: "2024-02-29" });
    const future = withCheckDigit("270101123");
    expect(parsePersonalNumber(`20${future.slice(0, 6)}-${future.slice(6)}`, today)).toEqual({ ok: false, error: "date" });
    expect(parsePersonalNumber(`${withCheckDigit("991301123")}`, today)).toEqual({ ok: false, error: "date" });
  });

  it("reads coordination numbers (day plus 60)", () => {
    const coordination = withCheckDigit("150574123"); // born 14 May 2015
    expect(parsePersonalNumber(`${coordination.slice(0, 6)}-${coordination.slice(6)}`, today)).toEqual({
      ok: true,
      normalized: `20${coordination.slice(0, 6)}-${coordination.slice(6)}`,
      birthDate: "2015-05-14",
      kind: "coordination",
    });
    expect(parsePersonalNumber(withCheckDigit("150592123"), today)).toEqual({ ok: false, error: "date" });
  });

  it("puts a ten-digit number in the latest century that is not in the future, '+' a century earlier", () => {
    const recent = withCheckDigit("250101123");
    expect(parsePersonalNumber(recent, today)).toMatchObject({ ok: true, birthDate: "2025-01-01" });
    const old = withCheckDigit("270101123");
    expect(parsePersonalNumber(old, today)).toMatchObject({ ok: true, birthDate: "1927-01-01" });
    expect(parsePersonalNumber(`${recent.slice(0, 6)}+${recent.slice(6)}`, today)).toMatchObject({ ok: true, birthDate: "1925-01-01" });
  });

  it("refuses what is not a number of that shape", () => {
    for (const input of ["", "abc", "1912121-1212", "19121212--1212", "19121212+1212", "12345"]) {
      expect(parsePersonalNumber(input, today)).toEqual({ ok: false, error: "format" });
    }
  });
});

describe("spotting personal identity numbers in free text", () => {
  it("finds them in every common form, even with a wrong check digit", () => {
    for (const text of [
      "Barnet 121212-1212 har",
      "pnr 19121212-1212.",
      "191212121212",
      "nummer 121212 1212 sa hon",
      "121212-1213 (fel siffra)",
      "samordningsnummer 150574-1234",
    ]) {
      expect(looksLikePersonalNumber(text), text).toBe(true);
    }
  });

  it("leaves phone numbers, years, times and ordinary numbers alone", () => {
    for (const text of [
      "Ring 042-10 50 00",
      "Sedan 2026 och 2025",
      "kl. 08.15–16.30",
      "070-123 45 67",
      "ärende 12345",
      "0123-45 67 00",
    ]) {
      expect(looksLikePersonalNumber(text), text).toBe(false);
    }
  });
});
