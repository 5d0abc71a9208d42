/**
 * Conditional requests for learner pages (issue 16): a page that opts in may be kept by the browser but is
 * checked on every visit; when nothing it shows has changed the server answers 304 with no body, without
 * rendering. The ETag is a hash of the build and of every loader's data for the URL: exactly what the page
 * shows, so no rule has to list what could change it (the data is cheap: cached per person, ./cache.ts).
 */
import type { EntryContext, HeadersFunction } from "@remix-run/node";
import { createHash } from "node:crypto";

const POLICY = "private, no-cache";

/** Loader headers for a page that may be revalidated instead of refetched. */
export const REVALIDATE = { "Cache-Control": POLICY } as const;

/** The route's `headers` export: keep the loader's caching policy on the document. */
export const revalidateHeaders: HeadersFunction = ({ loaderHeaders }) => {
  const headers = new Headers();
  const policy = loaderHeaders.get("Cache-Control");
  if (policy) headers.set("Cache-Control", policy);
  return headers;
};

type Context = Pick<EntryContext, "manifest" | "staticHandlerContext">;

/**
 * For a document that opted in: sets its ETag and says whether the browser's copy is current (answer 304).
 * Only a plain successful GET qualifies; after an action the page shows that action's outcome.
 */
export function isNotModified(request: Request, status: number, headers: Headers, context: Context): boolean {
  if (request.method !== "GET" || status !== 200 || headers.get("Cache-Control") !== POLICY) return false;
  if (context.staticHandlerContext.actionData) return false;
  const tag = etagOf(context.manifest.version, request.url, context.staticHandlerContext.loaderData);
  headers.set("ETag", tag);
  return matches(request.headers.get("If-None-Match"), tag);
}

export function etagOf(buildVersion: string, url: string, loaderData: Record<string, unknown>): string {
  // The root's request id differs on every response and only names the request on an error page: not content.
  const { requestId: _requestId, ...root } = (loaderData.root ?? {}) as Record<string, unknown>;
  const shown = { ...loaderData, root };
  // A lesson's body (its segments) follows from its course's version, which the data holds: no need to hash it again.
  const json = JSON.stringify(shown, (key, value: unknown) => (key === "segments" ? undefined : value));
  const hash = createHash("sha1").update(buildVersion).update("\n").update(url).update("\n").update(json);
  return `W/"${hash.digest("base64url")}"`;
}

/** If-None-Match holds one or more tags (or *); weak comparison, as RFC 9110 asks for GET. */
function matches(ifNoneMatch: string | null, tag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || bare(t) === bare(tag));
}
