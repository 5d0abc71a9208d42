import { createCookie } from "@remix-run/node";
import { isProduction } from "../env";
import { SESSION_MAX_LIFETIME_MS } from "./session-rules";
import { TRUSTED_DEVICE_LIFETIME_MS } from "./trusted-device";

// In production the __Host- prefix makes the browser insist on Secure, Path=/ and no Domain.
// The cookie may outlive what it stands for: the server decides validity, the browser only keeps the token.
function tokenCookie(name: string, maxAgeMs: number) {
  const production = isProduction();
  return createCookie(production ? `__Host-${name}` : name, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: production,
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

const sessionCookie = () => tokenCookie("baton_session", SESSION_MAX_LIFETIME_MS);
/** Marks a browser that has signed in to an account before (docs/decisions/013); it survives signing out. */
const deviceCookie = () => tokenCookie("baton_device", TRUSTED_DEVICE_LIFETIME_MS);

async function readToken(cookie: ReturnType<typeof tokenCookie>, request: Request): Promise<string | null> {
  const value: unknown = await cookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function readSessionToken(request: Request): Promise<string | null> {
  return readToken(sessionCookie(), request);
}

export function sessionCookieHeader(token: string): Promise<string> {
  return sessionCookie().serialize(token);
}

export function clearSessionCookieHeader(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0 });
}

export function readDeviceToken(request: Request): Promise<string | null> {
  return readToken(deviceCookie(), request);
}

export function deviceCookieHeader(token: string): Promise<string> {
  return deviceCookie().serialize(token);
}
