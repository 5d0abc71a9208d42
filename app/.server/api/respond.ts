/**
 * The JSON API's edge: who is calling (a bearer token), reading the query and the body, and the one error shape
 * `{ "error": { "code", "message" } }`. Helpers throw a Response, as Remix loaders do for 404s, so a route reads
 * as: caller, input, domain call, json.
 */
import type { z } from "zod";
import type { ApiTokenScope } from "~/generated/prisma/enums";
import { authenticateToken } from "../api-tokens/authenticate";

export const API_ERROR_CODES = [
  "invalid_request",
  "unauthenticated",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
] as const;
type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** The largest JSON body the API reads. */
export const MAX_BODY_BYTES = 64 * 1024;

const JSON_TYPE = "application/json; charset=utf-8";

export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": JSON_TYPE, "Cache-Control": "no-store", ...headers } });
}

export function apiError(status: number, code: ApiErrorCode, message: string, headers: Record<string, string> = {}): Response {
  return apiJson({ error: { code, message } }, status, headers);
}

/** What each kind of call needs: READ tokens only read; SCIM tokens never reach the JSON API. */
const SCOPES: Record<"read" | "write", readonly ApiTokenScope[]> = { read: ["READ", "READ_WRITE"], write: ["READ_WRITE"] };

/** The token making this call, or a thrown 401/403/429. */
export async function apiCaller(request: Request, access: "read" | "write", now: Date) {
  const outcome = await authenticateToken(request, SCOPES[access], now);
  switch (outcome.kind) {
    case "ok":
      return outcome.token;
    case "unauthenticated":
      throw apiError(401, "unauthenticated", outcome.message, { "WWW-Authenticate": 'Bearer realm="baton"' });
    case "forbidden":
      throw apiError(403, "forbidden", outcome.message);
    case "rate-limited":
      throw apiError(429, "rate_limited", `Too many requests with this token: try again in ${outcome.retryAfterSeconds} s.`, {
        "Retry-After": String(outcome.retryAfterSeconds),
      });
  }
}

/** The first problem zod found, said with the parameter it is about. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "The request is not valid.";
  const where = issue.path.join(".");
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** The query string through a schema; unknown parameters are refused, so a typo is not silently ignored. */
export function apiQuery<S extends z.ZodTypeAny>(request: Request, schema: S): z.output<S> {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in raw) throw apiError(400, "invalid_request", `${key}: give this parameter once.`);
    raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw apiError(400, "invalid_request", firstIssue(parsed.error));
  return parsed.data;
}

/** Reads at most MAX_BODY_BYTES, whatever Content-Length claims (it may be missing or lie). */
async function readCapped(request: Request): Promise<string> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // Not cancelled: that would tear down the socket before the 413 is sent. The connection closes after it.
    if (size > MAX_BODY_BYTES) throw tooLarge();
    parts.push(value);
  }
  return Buffer.concat(parts).toString("utf8");
}

const tooLarge = () => apiError(413, "payload_too_large", `The body is larger than ${MAX_BODY_BYTES / 1024} KB.`, { Connection: "close" });

/** A JSON body through a schema: 415 unless application/json, 413 when too large, 400 when unreadable or invalid. */
export async function apiBody<S extends z.ZodTypeAny>(request: Request, schema: S): Promise<z.output<S>> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw apiError(415, "unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
  const text = await readCapped(request);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw apiError(400, "invalid_request", "The body is not valid JSON.");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw apiError(400, "invalid_request", firstIssue(parsed.error));
  return parsed.data;
}

export const notFound = (what: string) => apiError(404, "not_found", `No ${what} with this id.`);

/** For routes that only read: any other method is 405, with the methods that work. */
export function onlyGet() {
  return apiError(405, "method_not_allowed", "This path only answers GET.", { Allow: "GET" });
}
