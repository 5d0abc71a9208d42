import { createCookie } from "@remix-run/node";
import { isProduction } from "../env";
import { SESSION_MAX_LIFETIME_MS } from "./session-rules";

// In production the __Host- prefix makes the browser insist on Secure, Path=/ and no Domain.
function sessionCookie() {
  const production = isProduction();
  return createCookie(production ? "__Host-baton_session" : "baton_session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: production,
    // The cookie may outlive the session: the server decides validity, the browser only keeps the token.
    maxAge: Math.floor(SESSION_MAX_LIFETIME_MS / 1000),
  });
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function sessionCookieHeader(token: string): Promise<string> {
  return sessionCookie().serialize(token);
}

export function clearSessionCookieHeader(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0 });
}
