/**
 * iCalendar text (RFC 5545) for the private due-date feeds. Pure: plain events in, text out; `now` is the DTSTAMP,
 * so the same data at the same moment always gives the same feed.
 */
import ical, { ICalEventTransparency } from "ical-generator";

const DAY = 24 * 60 * 60 * 1000;
/** How often subscribed calendar apps are asked to check again (most check less often anyway). */
const REFRESH_SECONDS = 6 * 60 * 60;

/** One due day, shown as an all-day event. */
export type DueEvent = {
  /** The same for a person and course in every version of the feed, so apps update the event instead of adding another. */
  uid: string;
  summary: string;
  description: string;
  url: string;
  /** Midnight UTC of the due day. */
  day: Date;
};

/** `name` and `description` are written unescaped by the generator: keep them fixed text, never a person's data. */
export type DueCalendar = { name: string; description: string; events: DueEvent[] };

export function buildCalendar(calendar: DueCalendar, now: Date): string {
  const feed = ical({
    prodId: { company: "Baton", product: "Due dates", language: "EN" },
    name: calendar.name,
    description: calendar.description,
    ttl: REFRESH_SECONDS,
  });
  for (const event of calendar.events) {
    feed.createEvent({
      id: event.uid,
      stamp: now,
      allDay: true,
      start: event.day,
      // DTEND of an all-day event is exclusive: the next day makes it exactly one day long.
      end: new Date(event.day.getTime() + DAY),
      summary: event.summary,
      description: event.description,
      url: event.url,
      // A due date is a reminder, not a meeting: it must not make the person look busy.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  // RFC 5545 ends every content line with CRLF, the last one too; the generator leaves it off.
  const text = feed.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}
