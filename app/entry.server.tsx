import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./utils/nonce";

import { contentSecurityPolicy, createNonce } from "./.server/csp";
import { getEnv } from "./.server/env";
import { startHousekeeping } from "./.server/housekeeping";
import { logger, requestIdOf } from "./.server/log";
import { startNotificationWorker } from "./.server/outbox/worker";
import { startReadinessRefresher } from "./.server/readiness/upkeep";

const ABORT_DELAY = 5_000;

// A wrong setting stops the server at start-up with a readable message, not at the first request that needs it.
getEnv();

// Readiness rows that time made stale are recomputed by readers anyway; this does it early, off the request path.
if (!process.env.VITEST) startReadinessRefresher();
// Reminders, digests and escalations are queued, and the outbox sent, by this process (docs/notifications.md).
if (!process.env.VITEST) startNotificationWorker();
// Expired sessions and devices, and audit events past their retention.
if (!process.env.VITEST) startHousekeeping();

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  const nonce = createNonce();
  responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" }));
  noStore(responseHeaders);
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error, requestId: requestIdOf(request) }, "Rendering the page failed after it began streaming");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
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
