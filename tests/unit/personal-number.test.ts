import { looksLikePersonalNumber, parsePersonalNumber } from "~/domain/personal-number";

// A Tuesday afternoon in Stockholm.
const today = new Date("2026-11-24T12:00:00Z");

/** The Luhn digit written out separately from the module, so a mistake there cannot hide here. */
function luhnDigit(nine: string) {
  const sum = [...nine].map(Number).reduce((acc, digit, i) => {
    const n = digit * (i % 2 === 0 ? 2 : 1);
    return acc + (n > 9 ? n - 9 : n);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

/** "YYMMDD-NNN" (optionally with a century in front and "+" instead of "-") with its correct check digit added. */
function valid(number: string) {
  const nine = number.replace(/\D/g, "").slice(-9);
  return number + luhnDigit(nine);
}

/** The same number with a wrong check digit. */
function wrong(number: string) {
  const nine = number.replace(/\D/g, "").slice(-9);
  return number + ((luhnDigit(nine) + 1) % 10);
}

describe("the separate Luhn helper", () => {
  it("agrees with Skatteverket's published test numbers", () => {
    expect(valid("19121212-121")).toBe("19121212-1212");
    expect(valid("811218-987")).toBe("811218-9876");
  });
});

describe("parsing personal identity numbers", () => {
  it("accepts every written form and normalises it to YYYYMMDD-NNNN", () => {
    const expected = { ok: true, normalized: "19121212-1212", birthDate: "1912-12-12", kind: "personal" };
    for (const input of ["19121212-1212", "191212121212", "121212+1212", " 19121212-1212 ", "\t121212+1212\n"]) {
      expect(parsePersonalNumber(input, today), input).toEqual(expected);
    }
    const born1981 = { ok: true, normalized: "19811218-9876", birthDate: "1981-12-18", kind: "personal" };
    for (const input of ["811218-9876", "8112189876", "19811218-9876", "198112189876", "  8112189876  "]) {
      expect(parsePersonalNumber(input, today), input).toEqual(born1981);
    }
  });

  it("reads a ten-digit number with '-' as under a hundred years old", () => {
    expect(parsePersonalNumber("121212-1212", today)).toEqual({
      ok: true,
      normalized: "20121212-1212",
      birthDate: "2012-12-12",
      kind: "personal",
    });
    const child = valid("160504-123");
    expect(parsePersonalNumber(child, today)).toMatchObject({
      ok: true,
      normalized: `20${child}`,
      birthDate: "2016-05-04",
    });
  });

  it("refuses a wrong check digit, in every form", () => {
    for (const input of ["19121212-1213", "811218-9875", "8112189870", wrong("20160504-123"), wrong("150574-123")]) {
      expect(parsePersonalNumber(input, today), input).toEqual({ ok: false, error: "checksum" });
    }
  });

  it("refuses dates that do not exist", () => {
    for (const input of [
      valid("19990230-123"), // 30 February
      valid("19990431-123"), // 31 April
      valid("19991301-123"), // month 13
      valid("19990001-123"), // month 0
      valid("19990100-123"), // day 0
      valid("19990132-123"), // day 32 (neither a birth day nor a coordination day)
      valid("991301-123"),
      valid("17991231-123"), // before anyone alive was born
    ]) {
      expect(parsePersonalNumber(input, today), input).toEqual({ ok: false, error: "date" });
    }
  });

  it("allows 29 February only in leap years", () => {
    expect(parsePersonalNumber(valid("20240229-123"), today)).toMatchObject({ ok: true, birthDate: "2024-02-29" });
    expect(parsePersonalNumber(valid("20000229-123"), today)).toMatchObject({ ok: true, birthDate: "2000-02-29" });
    expect(parsePersonalNumber(valid("000229-123"), today)).toMatchObject({ ok: true, birthDate: "2000-02-29" });
    expect(parsePersonalNumber(valid("19960229-123"), today)).toMatchObject({ ok: true, birthDate: "1996-02-29" });
    expect(parsePersonalNumber(valid("20230229-123"), today)).toEqual({ ok: false, error: "date" });
    expect(parsePersonalNumber(valid("19000229-123"), today)).toEqual({ ok: false, error: "date" }); // 1900 was not a leap year
    expect(parsePersonalNumber(valid("230229-123"), today)).toEqual({ ok: false, error: "date" });
  });

  it("refuses a birth date in the future, counted in Stockholm calendar days", () => {
    expect(parsePersonalNumber(valid("20270101-123"), today)).toEqual({ ok: false, error: "date" });
    expect(parsePersonalNumber(valid("20261125-123"), today)).toEqual({ ok: false, error: "date" });
    expect(parsePersonalNumber(valid("20261124-123"), today)).toMatchObject({ ok: true, birthDate: "2026-11-24" });
    // 23:30 UTC on the 24th is already the 25th in Stockholm.
    expect(parsePersonalNumber(valid("20261125-123"), new Date("2026-11-24T23:30:00Z"))).toMatchObject({ ok: true });
    expect(parsePersonalNumber(valid("20261125-123"), new Date("2026-11-24T22:59:00Z"))).toEqual({
      ok: false,
      error: "date",
    });
  });

  it("reads coordination numbers (day plus 60) with the real birth date", () => {
    const coordination = valid("150574-123"); // born 14 May 2015
    expect(parsePersonalNumber(coordination, today)).toEqual({
      ok: true,
      normalized: `20${coordination}`,
      birthDate: "2015-05-14",
      kind: "coordination",
    });
    expect(parsePersonalNumber(valid("19800161-123"), today)).toMatchObject({
      ok: true,
      birthDate: "1980-01-01",
      kind: "coordination",
    });
    expect(parsePersonalNumber(valid("19800191-123"), today)).toMatchObject({
      ok: true,
      birthDate: "1980-01-31",
      kind: "coordination",
    });
    expect(parsePersonalNumber(valid("20240289-123"), today)).toMatchObject({
      ok: true,
      birthDate: "2024-02-29",
      kind: "coordination",
    });
    expect(parsePersonalNumber(valid("20230289-123"), today)).toEqual({ ok: false, error: "date" }); // 29 Feb 2023
    expect(parsePersonalNumber(valid("19800192-123"), today)).toEqual({ ok: false, error: "date" }); // day 92
    expect(parsePersonalNumber(valid("19800491-123"), today)).toEqual({ ok: false, error: "date" }); // 31 April
    expect(parsePersonalNumber(valid("19800160-123"), today)).toEqual({ ok: false, error: "date" }); // day 60
    expect(parsePersonalNumber(wrong("19800161-123"), today)).toEqual({ ok: false, error: "checksum" });
  });

  it("puts a ten-digit number on the latest date that is not in the future, and '+' a century before that", () => {
    expect(parsePersonalNumber(valid("250101-123"), today)).toMatchObject({ ok: true, birthDate: "2025-01-01" });
    expect(parsePersonalNumber(valid("270101-123"), today)).toMatchObject({ ok: true, birthDate: "1927-01-01" });
    expect(parsePersonalNumber(valid("261124-123"), today)).toMatchObject({ ok: true, birthDate: "2026-11-24" });
    // Later this year has not happened yet, so it is a 99-year-old born the century before.
    expect(parsePersonalNumber(valid("261201-123"), today)).toMatchObject({
      ok: true,
      birthDate: "1926-12-01",
      normalized: `19${valid("261201-123")}`,
    });
    expect(parsePersonalNumber(valid("261201123"), today)).toMatchObject({ ok: true, birthDate: "1926-12-01" });
    expect(parsePersonalNumber(valid("250101+123"), today)).toMatchObject({ ok: true, birthDate: "1925-01-01" });
    expect(parsePersonalNumber(valid("261124+123"), today)).toMatchObject({ ok: true, birthDate: "1926-11-24" }); // a hundred today
    expect(parsePersonalNumber(valid("261201+123"), today)).toMatchObject({ ok: true, birthDate: "1826-12-01" });
    expect(parsePersonalNumber(valid("000101-123"), today)).toMatchObject({ ok: true, birthDate: "2000-01-01" });
    expect(parsePersonalNumber(valid("991231-123"), today)).toMatchObject({ ok: true, birthDate: "1999-12-31" });
    // The same digits on another day of inference.
    expect(parsePersonalNumber(valid("270101-123"), new Date("2027-06-01T12:00:00Z"))).toMatchObject({
      ok: true,
      birthDate: "2027-01-01",
    });
  });

  it("refuses what is not a number of that shape", () => {
    for (const input of [
      "",
      "   ",
      "abc",
      "1912121-1212",
      "19121212--1212",
      "19121212+1212", // '+' only belongs to the ten-digit form
      "121212 1212",
      "1912-12-12-1212",
      "19121212-12123",
      "12345",
      "121212-121a",
    ]) {
      expect(parsePersonalNumber(input, today), JSON.stringify(input)).toEqual({ ok: false, error: "format" });
    }
  });
});

describe("spotting personal identity numbers in free text", () => {
  it("finds them in every common form, even with a wrong check digit", () => {
    for (const text of [
      "Barnet 121212-1212 har",
      "pnr 19121212-1212.",
      "191212121212",
      "1212121212",
      "nummer 121212 1212 sa hon",
      "nummer 19121212 1212",
      "121212+1212",
      "121212–1212 (inklistrat med tankstreck)",
      "121212-1213 (fel siffra)",
      "samordningsnummer 150574-1234",
      "(pnr:991231-0000)",
    ]) {
      expect(looksLikePersonalNumber(text), text).toBe(true);
    }
  });

  it("leaves phone numbers, years, times, dates and ordinary numbers alone", () => {
    for (const text of [
      "",
      "Ring 042-10 50 00",
      "070-123 45 67",
      "08-123 456 78",
      "+46 70 123 45 67",
      "0123-45 67 00",
      "Sedan 2026 och 2025",
      "kl. 08.15–16.30",
      "kl 08:15",
      "mötet 2026-11-24",
      "24/11 2026",
      "ärende 12345",
      "ärende 2026-0042",
      "organisationsnummer 556677-8899",
      "121312-1212", // month 13
      "121200-1212", // day 0
      "121245-1212", // day 45
      "121212-121", // too short
      "12345678901234",
    ]) {
      expect(looksLikePersonalNumber(text), text).toBe(false);
    }
  });
});
