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
  throw redirect("/login", { headers: { "Set-Cookie": await clearSessionCookieHeader() } });
}
