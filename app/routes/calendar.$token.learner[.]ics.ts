import type { LoaderFunctionArgs } from "@remix-run/node";
import { personForCalendarToken } from "~/.server/calendar/feed-token";
import { calendarResponse, learnerFeed } from "~/.server/calendar/feeds";
import { getEnv } from "~/.server/env";

/** A learner's due dates. No session: the token in the URL is the key, and calendar apps fetch it unattended. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const person = await personForCalendarToken(params.token ?? "");
  if (!person) return calendarResponse(null);
  const origin = getEnv().BATON_ORIGIN ?? new URL(request.url).origin;
  return calendarResponse(await learnerFeed(person, origin, new Date()));
}
