import type { LoaderFunctionArgs } from "@remix-run/node";
import { logoFile } from "~/.server/branding/brand";

/**
 * The organisation's logo, public: the sign-in page and e-mails show it. Served with the type its bytes were found
 * to be and a policy that runs nothing, so even a file that fooled the checks cannot act as a page. A URL naming
 * this logo's version may be cached for good (a new logo gets a new URL); any other briefly.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const logo = await logoFile(new URL(request.url).searchParams.get("v"));
  // X-Content-Type-Options: nosniff is on every response already (server/security.mjs).
  const safety = { "Content-Security-Policy": "default-src 'none'" };
  if (!logo) return new Response("This organisation has no logo.", { status: 404, headers: { ...safety, "Content-Type": "text/plain; charset=utf-8" } });
  const headers = {
    ...safety,
    "Content-Type": logo.mimeType,
    "Cache-Control": logo.current ? "public, max-age=31536000, immutable" : "public, max-age=300",
    ETag: logo.etag,
  };
  if (request.headers.get("If-None-Match") === logo.etag) return new Response(null, { status: 304, headers });
  return new Response(Buffer.from(logo.bytes), { headers: { ...headers, "Content-Length": String(logo.bytes.length) } });
}
