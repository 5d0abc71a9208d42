import { createCookie } from "@remix-run/node";
import { isProduction } from "../env";
import { ATTEMPT_TTL_MS } from "./sign-in";

/**
 * The state of the sign-in this browser started, so a callback opened in another browser signs no one in. Lax: the
 * provider's redirect back is a top-level GET from another site, which Lax cookies accompany.
 */
function stateCookie() {
  const production = isProduction();
  return createCookie(production ? "__Host-baton_sso" : "baton_sso", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: production,
    maxAge: Math.floor(ATTEMPT_TTL_MS / 1000),
  });
}

export function ssoStateCookieHeader(state: string): Promise<string> {
  return stateCookie().serialize(state);
}

export function clearSsoStateCookieHeader(): Promise<string> {
  return stateCookie().serialize("", { maxAge: 0 });
}

export async function readSsoState(request: Request): Promise<string | null> {
  const value: unknown = await stateCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}
