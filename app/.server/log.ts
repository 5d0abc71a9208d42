// App code logs through the process's one JSON logger (server/logger.mjs), so every line has the same shape.
import { REQUEST_ID_HEADER, logger } from "../../server/logger.mjs";

export { logger };

/** The id server.mjs gave this request; absent only when the app runs without it (tests, scripts). */
export function requestIdOf(request: Request) {
  return request.headers.get(REQUEST_ID_HEADER) ?? undefined;
}

/** For background work, which has no request: lines carry the component's name instead. */
export function componentLogger(component: string) {
  return logger.child({ component });
}
