import { createEvent } from "ics";
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

/**
 * An iCalendar invitation (METHOD:REQUEST) or cancellation (METHOD:CANCEL) built with the `ics` library. Times are
 * written in UTC (the instant is exact whatever the zone); the calendar shows them in the reader's zone, in Sweden
 * Europe/Stockholm. The stable UID and the rising SEQUENCE make calendars update or remove the entry in place.
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
  return value;
}
