import { redirect } from "@remix-run/node";
import type { Role } from "~/generated/prisma/enums";
import { recordAudit } from "../audit/audit";
import { clientIp } from "../http";
import { readSessionToken } from "./cookie";
import { validateSessionToken } from "./session";

export type Viewer = NonNullable<Awaited<ReturnType<typeof validateSessionToken>>>["person"];

/** The signed-in person and their session id, or null. */
export async function getViewer(request: Request) {
  const token = await readSessionToken(request);
  if (!token) return null;
  return validateSessionToken(token);
}

type RequireOptions = { role?: Role | readonly Role[] };

/**
 * The one way into every loader and action that needs a person: signs-in or redirects to /login,
 * then checks the role on the server and records a refusal.
 */
export async function requireUser(request: Request, options: RequireOptions = {}): Promise<Viewer> {
  return (await requireSession(request, options)).person;
}

/** The same check as requireUser, also giving the session's id (the account page lists and ends sessions). */
export async function requireSession(request: Request, options: RequireOptions = {}) {
  const found = await getViewer(request);
  if (!found) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`);
  }
  const allowed = options.role === undefined ? null : ([] as Role[]).concat(options.role);
  if (allowed && !allowed.includes(found.person.role)) {
    await recordAudit({
      action: "authorization.refused",
      actor: found.person,
      target: new URL(request.url).pathname,
      ip: clientIp(request),
      details: { method: request.method, role: found.person.role, needed: allowed },
    });
    throw new Response("You do not have access to this page.", { status: 403 });
  }
  return found;
}

/** Where each role lands after signing in. */
export function homeFor(role: Role): string {
  switch (role) {
    case "HR":
      return "/hr/people";
    case "MANAGER":
      return "/team";
    default:
      return "/learn";
  }
}
