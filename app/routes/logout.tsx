import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { recordAudit } from "~/.server/audit/audit";
import { clearSessionCookieHeader } from "~/.server/auth/cookie";
import { getViewer } from "~/.server/auth/require-user";
import { invalidateSession } from "~/.server/auth/session";
import { clientIp } from "~/.server/http";

export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const found = await getViewer(request);
  if (found) {
    await invalidateSession(found.sessionId);
    await recordAudit({ action: "sign_out", actor: found.person, target: found.person.email, ip: clientIp(request) });
  }
  // Learner pages may sit in the browser's cache to be revalidated (docs/decisions/014): signing out empties it, and
  // the back-forward cache with it, so the next person at a shared computer cannot page back through them.
  throw redirect("/login", { headers: { "Set-Cookie": await clearSessionCookieHeader(), "Clear-Site-Data": '"cache"' } });
}
