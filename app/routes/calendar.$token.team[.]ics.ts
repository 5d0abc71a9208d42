import type { LoaderFunctionArgs } from "@remix-run/node";
import { personForCalendarToken } from "~/.server/calendar/feed-token";
import { calendarResponse, teamFeed } from "~/.server/calendar/feeds";
import { getEnv } from "~/.server/env";

/** A manager's direct reports' due dates, by the manager's own calendar link (no session, as for learner.ics). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const person = await personForCalendarToken(params.token ?? "");
  if (!person) return calendarResponse(null);
  const origin = getEnv().BATON_ORIGIN ?? new URL(request.url).origin;
  return calendarResponse(await teamFeed(person, origin, new Date()), "There is no team calendar for this link: it belongs to someone without direct reports.");
}
