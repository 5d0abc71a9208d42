// One JSON logger per process, and the request id that ties a request's log lines to the reference on the error page.
import { randomUUID } from "node:crypto";
import pino from "pino";

/** A header Baton controls: the id of this request, overwriting anything the client sent. */
export const REQUEST_ID_HEADER = "x-baton-request-id";
// What a proxy's id may look like before we repeat it in logs, a response header and the error page.
const VALID_REQUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Plain JSON lines on stdout, written synchronously (no worker threads); `destination` is for tests.
 * @param {import("pino").DestinationStream} [destination]
 */
export function createLogger(destination = process.stdout) {
  return pino(
    {
      level: "info",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

// The Remix server build bundles its own copy of this module: both copies share the instance through globalThis.
const shared = Symbol.for("baton.logger");
/** @type {import("pino").Logger} */
export const logger = (globalThis[shared] ??= createLogger());

/**
 * Gives every request an id (a proxy's X-Request-Id only when we trust the proxy), returns it as X-Request-Id,
 * hands it to Remix in REQUEST_ID_HEADER, and logs one line when the response is done. Static assets are not logged.
 */
export function requestIds({ trustProxy = false, log = logger } = {}) {
  return (req, res, next) => {
    const incoming = req.headers["x-request-id"];
    const requestId = trustProxy && typeof incoming === "string" && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader("X-Request-Id", requestId);
    const path = req.originalUrl.split("?")[0];
    if (path.startsWith("/assets/")) return next();
    const started = process.hrtime.bigint();
    res.once("close", () => {
      const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      // A response that never finished was cut off: the client went away, or the server destroyed the socket.
      const aborted = !res.writableFinished;
      log.info(
        { requestId, method: req.method, path, status: res.statusCode, durationMs, ip: req.ip ?? "", ...(aborted && { aborted }) },
        `${req.method} ${path} ${res.statusCode} ${durationMs}ms${aborted ? " (aborted)" : ""}`,
      );
    });
    next();
  };
}
