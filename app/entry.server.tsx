import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./utils/nonce";

import { bufferedBody } from "./.server/buffered-body";
import { contentSecurityPolicy, createNonce } from "./.server/csp";
import { getEnv, runsSharedUpkeep } from "./.server/env";
import { startHousekeeping } from "./.server/housekeeping";
import { logger, requestIdOf } from "./.server/log";
import { startNotificationWorker } from "./.server/outbox/worker";
import { startReadinessRefresher } from "./.server/readiness/upkeep";
import { recordFirstVersions } from "./.server/content/versions/apply";
import { isNotModified } from "./.server/views/revalidate";

const ABORT_DELAY = 5_000;

// A wrong setting stops the server at start-up with a readable message, not at the first request that needs it.
getEnv();

// With several server processes (WEB_CONCURRENCY), work that would be the same in each runs in the first only: it
// would be correct in all (keys dedupe, deletes and recomputes repeat harmlessly) but N times the reading and
// writing for nothing. The first process is restarted with the same index if it dies (docs/decisions/016).
const upkeep = !process.env.VITEST && runsSharedUpkeep();
// Readiness rows that time made stale are recomputed by readers anyway; this does it early, off the request path.
if (upkeep) startReadinessRefresher();
// A course's first version re-opens nothing: record it at start, so the first change has a baseline (docs/course-versions.md).
if (upkeep) void recordFirstVersions(new Date()).catch((err: unknown) => logger.error({ err }, "Recording first course versions failed"));
// Reminders, digests and escalations are queued by the first process; every process sends the outbox (leased
// claims), so a message queued by a request goes out in seconds from the process that queued it (docs/notifications.md).
if (!process.env.VITEST) startNotificationWorker({ schedule: upkeep });
// Expired sessions and devices, and audit events past their retention.
if (upkeep) startHousekeeping();

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  // A learner page the browser already holds unchanged: no render, no body. No CSP either: the browser keeps the
  // policy it stored with the page, whose nonce is the one in that page's HTML.
  if (isNotModified(request, responseStatusCode, responseHeaders, remixContext)) return new Response(null, { status: 304, headers: responseHeaders });
  const nonce = createNonce();
  responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" }));
  noStore(responseHeaders);
  return new Promise((resolve, reject) => {
    // Baton's pages defer nothing: the whole page is ready as soon as its loaders are. It is sent as one buffer,
    // not as React's many small chunks, each of which would cost a stream hop and a socket write (issue 16).
    const body = bufferedBody((html) => {
      clearTimeout(timer);
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }));
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          logger.error({ err: error, requestId: requestIdOf(request) }, "Rendering the page failed");
        },
      },
    );
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Pages and data can hold personal details: no browser or proxy may keep a copy (a shared computer's Back
 * button, a cache). Responses that chose their own policy (calendar feeds, CSVs) keep it.
 */
function noStore(headers: Headers) {
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
}

export function handleDataRequest(response: Response) {
  noStore(response.headers);
  return response;
}

/** Logs keep the detail, under the request id the error page shows as its reference; the browser sees only that page. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  const path = new URL(request.url).pathname;
  logger.error({ err: error, requestId: requestIdOf(request), method: request.method, path }, `${request.method} ${path} failed`);
};
