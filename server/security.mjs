// Cross-cutting HTTP rules applied to every request before Remix sees it.

const CLIENT_IP_HEADER = "x-baton-client-ip";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Is this request's Origin (or, failing that, Referer) our own origin?
 * `allowed` is the list of origins we serve from, e.g. ["http://localhost:3000"].
 */
export function isSameOrigin(headers, allowed) {
  const origin = headers.origin;
  if (typeof origin === "string" && origin !== "null") return allowed.includes(origin);
  const referer = headers.referer;
  if (typeof referer === "string") {
    try {
      return allowed.includes(new URL(referer).origin);
    } catch {
      return false;
    }
  }
  return false;
}

// RFC 8058 one-click unsubscribe: the mail provider POSTs from its own servers, without our Origin. The link's
// signature is the permission, and all it can do is switch one kind of e-mail off.
const ONE_CLICK_UNSUBSCRIBE = /^\/unsubscribe\/[A-Za-z0-9._-]+$/;

// The JSON API and SCIM are called by other systems, never by a browser session: they accept only a bearer token
// in the Authorization header (app/.server/api-tokens), which a cross-site form cannot send, and ignore cookies.
const BEARER_ONLY = /^\/(api\/v1|scim\/v2)(\/|$)/;

/** Every non-GET request whose Origin is not ours gets 403: one place for all actions. */
export function originGuard({ publicOrigin } = {}) {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (req.method === "POST" && ONE_CLICK_UNSUBSCRIBE.test(req.path)) return next();
    if (BEARER_ONLY.test(req.path)) return next();
    const allowed = [`${req.protocol}://${req.get("host")}`];
    if (publicOrigin) allowed.push(publicOrigin);
    if (isSameOrigin(req.headers, allowed)) return next();
    console.warn(`[security] refused ${req.method} ${req.originalUrl}: origin ${req.headers.origin ?? "(none)"}`);
    res.status(403).type("text/plain").send("Forbidden: this request did not come from Baton.");
  };
}

/** Record the client address in a header we control, overwriting anything the client sent. */
export function clientIp(req, _res, next) {
  req.headers[CLIENT_IP_HEADER] = req.ip ?? "";
  next();
}

/**
 * HSTS whenever Baton is meant to be reached over HTTPS: the request itself is TLS (or arrived through a trusted
 * proxy that says so), or the configured public origin is https.
 */
export const wantsHsts = (req, publicOrigin = process.env.BATON_ORIGIN) => Boolean(req.secure || publicOrigin?.startsWith("https://"));

export function securityHeaders(req, res, next) {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (wantsHsts(req)) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  next();
}
