/**
 * The HTTP side of SCIM (RFC 7644 §3): bearer-token authentication, request bodies (application/scim+json or
 * application/json, at most 64 KB), and responses — every one application/scim+json, errors in the SCIM Error schema.
 * Routes hand their work to `scimRequest`, which turns anything unexpected into a SCIM error instead of an HTML page.
 */
import SCIMMY from "scimmy";
import { authenticateToken } from "../api-tokens/authenticate";
import { getEnv } from "../env";
import { logger, requestIdOf } from "../log";
import { scimLimits } from "./schemas";
import type { ScimProblem, TokenActor } from "./users";

const CONTENT_TYPE = "application/scim+json; charset=utf-8";
const ERROR_SCHEMA = SCIMMY.Messages.ErrorResponse.id;

export function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { ...headers, "Content-Type": CONTENT_TYPE, "Cache-Control": "no-store" } });
}

/** scimmy's ErrorResponse knows the statuses RFC 7644 §3.12 lists; 405, 415 and 429 get the same shape by hand. */
export function scimError(status: number, detail: string, scimType?: string, headers: Record<string, string> = {}) {
  const known = [400, 401, 403, 404, 409, 412, 413, 500, 501];
  const body = known.includes(status)
    ? new SCIMMY.Messages.ErrorResponse({ status, detail, scimType } as ConstructorParameters<typeof SCIMMY.Messages.ErrorResponse>[0] & object)
    : { schemas: [ERROR_SCHEMA], status: String(status), detail, ...(scimType ? { scimType } : {}) };
  return scimJson(body, status, headers);
}

export function problemResponse(problem: ScimProblem) {
  const status = problem.kind === "not-found" ? 404 : problem.kind === "conflict" ? 409 : 400;
  return scimError(status, problem.detail, "scimType" in problem ? problem.scimType : undefined);
}

export const methodNotAllowed = (allowed: string) => scimError(405, `This endpoint accepts ${allowed}.`, undefined, { Allow: allowed });

/** Where SCIM lives, for meta.location and $ref: the configured origin, else the request's. */
function scimBase(request: Request) {
  return `${getEnv().BATON_ORIGIN ?? new URL(request.url).origin}/scim/v2`;
}

type Refused = { kind: "refused"; response: Response };

/**
 * The request body as JSON: a body type SCIM clients use (a missing Content-Type is read as JSON), no larger than
 * 64 KB (counted as it arrives, whatever Content-Length claims), and well-formed.
 */
async function readScimBody(request: Request): Promise<{ kind: "ok"; body: unknown } | Refused> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type && type !== "application/scim+json" && type !== "application/json") {
    return { kind: "refused", response: scimError(415, `Send the body as application/scim+json or application/json, not ${type}.`) };
  }
  const tooLarge = () => ({ kind: "refused", response: scimError(413, `The request body is larger than ${scimLimits.maxPayloadBytes / 1024} KB.`) }) as const;
  if (Number(request.headers.get("content-length") ?? 0) > scimLimits.maxPayloadBytes) return tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > scimLimits.maxPayloadBytes) {
        await reader.cancel();
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  try {
    return { kind: "ok", body: JSON.parse(text) };
  } catch {
    return { kind: "refused", response: scimError(400, "The request body is not valid JSON.", "invalidSyntax") };
  }
}

export type ScimContext = { token: TokenActor; base: string; now: Date; request: Request };

/** Authenticates the SCIM token, runs the handler, and answers a SCIM error for anything it did not expect. */
export async function scimRequest(request: Request, handle: (ctx: ScimContext) => Promise<Response>): Promise<Response> {
  try {
    const now = new Date();
    const auth = await authenticateToken(request, ["SCIM"], now);
    switch (auth.kind) {
      case "unauthenticated":
        return scimError(401, auth.message, undefined, { "WWW-Authenticate": 'Bearer realm="Baton SCIM"' });
      case "forbidden":
        return scimError(403, auth.message);
      case "rate-limited":
        return scimError(429, `Too many requests: try again in ${auth.retryAfterSeconds} s.`, undefined, { "Retry-After": String(auth.retryAfterSeconds) });
    }
    return await handle({ token: { id: auth.token.id, name: auth.token.name }, base: scimBase(request), now, request });
  } catch (error) {
    if (error instanceof Response) return scimError(error.status >= 400 ? error.status : 500, error.statusText || "The request could not be handled.");
    logger.error({ err: error, requestId: requestIdOf(request) }, "SCIM request failed");
    return scimError(500, "Something went wrong on Baton's side; the change was not made. Try again.");
  }
}

/** A request body handed to a domain function, or the response that refused it. */
export async function withBody(request: Request, run: (body: unknown) => Promise<Response>): Promise<Response> {
  const read = await readScimBody(request);
  return read.kind === "ok" ? run(read.body) : read.response;
}

/**
 * A ListResponse (RFC 7644 §3.4.2). Built here rather than with scimmy's ListResponse, whose types take only its own
 * Schema instances; the shape and schema URN are the same.
 */
export function scimList(resources: unknown[], page: { startIndex: number; totalResults: number } = { startIndex: 1, totalResults: resources.length }) {
  return scimJson({
    schemas: [SCIMMY.Messages.ListResponse.id],
    totalResults: page.totalResults,
    startIndex: page.startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  });
}
