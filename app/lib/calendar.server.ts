import { createEvent } from "ics";
import { stockholmDate, stockholmTime } from "./deadlines";
import { env } from "./env.server";

export interface CalendarMeeting {
  uid: string;
  sequence: number;
  startsAt: Date;
  durationMinutes: number;
  title: string;
  place: string;
  attendees: { email: string }[];
}

/** Europe/Stockholm as iCalendar describes a zone (RFC 5545 3.6.5): CET, and CEST from the last Sunday of March. */
const STOCKHOLM_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Stockholm",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

/**
 * An iCalendar invitation (METHOD:REQUEST) or cancellation (METHOD:CANCEL) built with the `ics` library, with the
 * start in Europe/Stockholm time (`DTSTART;TZID=Europe/Stockholm`, the zone defined in the file), which is what
 * Outlook and Google Calendar show the reader. The stable UID and the rising SEQUENCE make calendars update or remove
 * the entry in place.
 */
export function meetingCalendar(meeting: CalendarMeeting, method: "REQUEST" | "CANCEL") {
  const { value, error } = createEvent({
    productId: "tillsammans",
    method,
    uid: meeting.uid,
    sequence: meeting.sequence,
    start: meeting.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    duration: { minutes: meeting.durationMinutes },
    title: meeting.title,
    location: meeting.place || undefined,
    status: method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
    organizer: { name: "Tillsammans", email: env().mailFrom.match(/<([^>]+)>/)?.[1] ?? env().mailFrom },
    attendees: meeting.attendees.map((a) => ({ email: a.email, rsvp: true, role: "REQ-PARTICIPANT", partstat: "NEEDS-ACTION" })),
  });
  if (error || !value) throw error ?? new Error("Could not build the calendar file");
  // `ics` writes UTC or floating times only: swap in the Stockholm wall clock and the zone it refers to.
  const wallClock = `${stockholmDate(meeting.startsAt).replaceAll("-", "")}T${stockholmTime(meeting.startsAt).replace(":", "")}00`;
  const utc = /^DTSTART(;VALUE=DATE-TIME)?:\d{8}T\d{6}Z\r?$/m;
  if (!utc.test(value)) throw new Error("Unexpected DTSTART from ics");
  return value.replace(utc, `DTSTART;TZID=Europe/Stockholm:${wallClock}\r`).replace("BEGIN:VEVENT", `${STOCKHOLM_VTIMEZONE}\r\nBEGIN:VEVENT`);
}
