import { createEvents } from "ics";
import { stockholmDate, stockholmTime } from "../domain/deadlines";
import { env } from "./env.server";

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

export interface CalendarEvent {
  uid: string;
  sequence: number;
  startsAt: Date;
  durationMinutes: number;
  title: string;
  place: string;
  description?: string;
  cancelled?: boolean;
  attendees?: { email: string; name: string }[];
}

/**
 * Content lines folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character: `ics` folds at 75 characters,
 * so a line with å, ä or ö came out longer than the standard allows.
 */
export function foldLines(content: string) {
  const unfolded = content.replace(/\r\n[ \t]/g, "");
  return unfolded
    .split("\r\n")
    .map((line) => {
      const parts: string[] = [];
      let part = "";
      let octets = 0;
      for (const char of line) {
        const size = Buffer.byteLength(char);
        // The first line holds 75 octets; each continuation 74 after its leading space.
        if (octets + size > (parts.length ? 74 : 75)) {
          parts.push(part);
          part = "";
          octets = 0;
        }
        part += char;
        octets += size;
      }
      parts.push(part);
      return parts.join("\r\n ");
    })
    .join("\r\n");
}

/**
 * An iCalendar file built with the `ics` library, every start in Europe/Stockholm time (`DTSTART;TZID=…`, the zone
 * defined in the file), which is what Outlook and Google Calendar show the reader. Stable UIDs and rising SEQUENCEs
 * make calendars update (or, with CANCEL, remove) entries in place. No METHOD makes a subscribable feed.
 */
export function calendarFile(events: CalendarEvent[], method?: "REQUEST" | "CANCEL" | "PUBLISH") {
  const organizer = { name: "Tillsammans", email: env().mailFrom.match(/<([^>]+)>/)?.[1] ?? env().mailFrom };
  const { value, error } = createEvents(
    events.map((e) => ({
      uid: e.uid,
      sequence: e.sequence,
      start: e.startsAt.getTime(),
      startInputType: "utc" as const,
      startOutputType: "utc" as const,
      duration: { minutes: e.durationMinutes },
      title: e.title,
      description: e.description || undefined,
      location: e.place || undefined,
      status: e.cancelled || method === "CANCEL" ? ("CANCELLED" as const) : ("CONFIRMED" as const),
      organizer,
      // RSVP=FALSE: replies would go to a no-reply address and be lost; answers are given in the portal.
      attendees: (e.attendees ?? []).map((a) => ({
        email: a.email,
        name: a.name,
        rsvp: false,
        role: "REQ-PARTICIPANT" as const,
        partstat: "NEEDS-ACTION" as const,
      })),
    })),
    { productId: "tillsammans", method },
  );
  if (error || value == null) throw error ?? new Error("Could not build the calendar file");
  // `ics` writes UTC or floating times only: swap in each event's Stockholm wall clock and the zone it refers to.
  let index = 0;
  const withZone = value.replace(/^DTSTART(;VALUE=DATE-TIME)?:\d{8}T\d{6}Z\r?$/gm, () => {
    const at = events[index++].startsAt;
    return `DTSTART;TZID=Europe/Stockholm:${stockholmDate(at).replaceAll("-", "")}T${stockholmTime(at).replace(":", "")}00\r`;
  });
  if (index !== events.length) throw new Error("Unexpected DTSTART from ics");
  return foldLines(
    events.length ? withZone.replace("BEGIN:VEVENT", `${STOCKHOLM_VTIMEZONE}\r\nBEGIN:VEVENT`) : withZone,
  );
}

export type CalendarMeeting = Omit<CalendarEvent, "cancelled" | "description"> & {
  attendees: { email: string; name: string }[];
};

/** A report meeting's invitation (METHOD:REQUEST) or cancellation (METHOD:CANCEL). */
export function meetingCalendar(meeting: CalendarMeeting, method: "REQUEST" | "CANCEL") {
  return calendarFile([meeting], method);
}
