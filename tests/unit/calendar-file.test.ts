import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarFile, foldLines, meetingCalendar } from "~/lib/calendar.server";

/** Issue 19 items 8 and 10: what Outlook and Gmail receive. */

const meeting = {
  uid: "3f0c6f3e-1b2a-4c7e-9d1f-0a1b2c3d4e5f@tillsammans",
  sequence: 2,
  startsAt: new Date("2027-03-02T09:00:00Z"),
  durationMinutes: 60,
  title: "Anmälningsmöte",
  // 83 octets on its line with å/ä/ö, under 75 characters.
  place: "Lilla konferensrummet Gullvivan, Brynolfsgatan 17, våning två, vid ån",
  attendees: [{ email: "larare@exempelstad.example", name: "Johan Berg" }],
};

describe("calendar files", () => {
  it("fold every line at 75 octets, never inside a character, and unfold to the same text", () => {
    const file = meetingCalendar(meeting, "REQUEST");
    for (const line of file.split("\r\n")) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    const event = new ICAL.Component(ICAL.parse(file)).getFirstSubcomponent("vevent");
    expect(event?.getFirstPropertyValue("location")).toBe(meeting.place);
  });

  it("name each attendee and ask for no reply by e-mail (answers are given in the portal)", () => {
    const event = new ICAL.Component(ICAL.parse(meetingCalendar(meeting, "REQUEST"))).getFirstSubcomponent("vevent");
    const attendee = event?.getFirstProperty("attendee");
    expect(attendee?.getParameter("cn")).toBe("Johan Berg");
    expect(attendee?.getParameter("rsvp")).toBe("FALSE");
  });

  it("folding is a no-op on short lines and splits long ones on character boundaries", () => {
    expect(foldLines("BEGIN:VCALENDAR\r\nEND:VCALENDAR")).toBe("BEGIN:VCALENDAR\r\nEND:VCALENDAR");
    const long = `LOCATION:${"å".repeat(60)}`;
    const folded = foldLines(long);
    expect(folded.split("\r\n").every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(long);
    expect(calendarFile([], "PUBLISH")).toContain("BEGIN:VCALENDAR");
  });
});
