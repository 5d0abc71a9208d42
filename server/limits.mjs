// Size limits applied to every request before Remix (or the static files) sees it (issue 15).
//
// - Request line: Node answers 431 itself when the request line and headers pass its 16 KB
//   --max-http-header-size default; we keep that default. Below it, a URL over URL_LIMIT is 414.
// - A path with a broken percent escape ("/learn/%E0%A4%A") is 400 here: further in, express's "*" route
//   fails to decode it and the error became a 500.
// - Body: a total cap per request, by route class. A declared Content-Length over the cap is answered 413 at
//   once, unread. A chunked body is counted as Node's HTTP parser hands it to the request stream, so nothing
//   is read ahead of Remix; the moment the count passes the cap the request gets 413 and the connection is
//   closed. The reader (Remix) never holds more than the cap.
// - Multipart parts: neither request.formData() nor Remix's unstable_parseMultipartFormData has an option to
//   cap the number of parts; the total cap bounds them (an ordinary form holds at most a few thousand). The
//   import's 32 MB allowance is counted per part by readUploadForm (app/.server/forms/read.ts).

const KB = 1024;
const MB = 1024 * KB;

/** Every ordinary form. The largest is "assign to several people": 1,000 addresses URL-encoded ≈ 55 KB. */
export const FORM_BODY_LIMIT = 128 * KB;
/** The same number as MAX_IMPORT_BYTES in app/.server/people/import/limits.ts (server/limits.test.ts checks). */
export const IMPORT_FILE_LIMIT = 32 * MB;
/** The import upload: the file plus its multipart envelope (boundaries, part headers, the intent field). */
export const IMPORT_BODY_LIMIT = IMPORT_FILE_LIMIT + 64 * KB;
/** The same number as MAX_LOGO_BYTES in app/.server/branding/logo.ts, plus the envelope: the logo upload. */
export const LOGO_FILE_LIMIT = 512 * KB;
export const LOGO_BODY_LIMIT = LOGO_FILE_LIMIT + 16 * KB;
export const URL_LIMIT = 8 * KB;

// A page's form posts to the page itself, or to its `.data` twin when JavaScript submits it (single fetch).
const IMPORT_PATH = /^\/hr\/import(\.data)?\/?$/i;
const LOGO_PATH = /^\/hr\/settings\/branding(\.data)?\/?$/i;

/** How many body bytes this request may carry: the people import's upload may carry a whole file, the logo an image. */
export function bodyLimitFor(method, path, contentType) {
  const multipart = /^multipart\/form-data\s*(;|$)/i.test(contentType ?? "");
  if (method !== "POST" || !multipart) return FORM_BODY_LIMIT;
  if (IMPORT_PATH.test(path)) return IMPORT_BODY_LIMIT;
  return LOGO_PATH.test(path) ? LOGO_BODY_LIMIT : FORM_BODY_LIMIT;
}

const megabytes = (bytes) => (bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / KB)} KB`);

const answered = new WeakSet();

/** Whether this response is a 413 this module sent while the handler behind it was still reading. */
export const answeredByLimits = (res) => answered.has(res);

const API_PATH = /^\/api\/v1(\/|$)/;
const SCIM_PATH = /^\/scim\/v2(\/|$)/;

/** The refusal in the shape the caller reads: the JSON API's error object, a SCIM error, or plain text for people. */
export function refusalBody(path, status, message) {
  if (API_PATH.test(path)) {
    const code = { 400: "invalid_request", 413: "payload_too_large", 414: "uri_too_long" }[status] ?? "invalid_request";
    return { type: "application/json; charset=utf-8", body: JSON.stringify({ error: { code, message } }) };
  }
  if (SCIM_PATH.test(path)) {
    const body = { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: String(status), detail: message };
    return { type: "application/scim+json; charset=utf-8", body: JSON.stringify(body) };
  }
  return { type: "text/plain; charset=utf-8", body: message };
}

function refuse(res, status, message) {
  if (res.headersSent) return;
  const { type, body } = refusalBody(res.req?.path ?? "", status, message);
  res.statusCode = status;
  res.setHeader("Content-Type", type);
  // The body was not read: keeping the connection would mean reading (and throwing away) all of it first.
  res.setHeader("Connection", "close");
  res.end(body);
}

const tooLargeMessage = (limit) => `This request is too large: Baton takes at most ${megabytes(limit)} here. Nothing was saved.`;

function decodable(path) {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Count the body as the HTTP parser pushes it into `req` (the stream Remix's adapter reads). Past the limit
 * nothing more reaches the reader: the client gets 413, the socket is closed once that is sent, and the
 * request stream fails, so the handler stops waiting and nothing half-read is ever taken for a whole form.
 */
function capBody(req, res, limit) {
  let received = 0;
  let over = false;
  const push = req.push;
  req.push = function countedPush(chunk, encoding) {
    if (over) return false;
    if (chunk !== null && chunk !== undefined) {
      received += typeof chunk === "string" ? Buffer.byteLength(chunk, encoding) : chunk.length;
      if (received > limit) {
        over = true;
        tooLarge(req, res, limit);
        return false; // the parser stops reading the socket
      }
    }
    return push.call(this, chunk, encoding);
  };
}

function tooLarge(req, res, limit) {
  const error = Object.assign(new Error(`Request body over ${limit} bytes`), { status: 413, code: "BATON_BODY_TOO_LARGE" });
  const socket = req.socket;
  const fail = () => req.destroy(error);
  if (res.headersSent) {
    // The handler has already answered (Node is discarding the rest of the body): just stop.
    fail();
    socket?.destroy();
    return;
  }
  answered.add(res);
  refuse(res, 413, tooLargeMessage(limit));
  // Node closes the socket once the 413 is flushed (Connection: close); failing the stream only then keeps
  // the 413 from being cut off.
  if (!socket || socket.destroyed) fail();
  else socket.once("close", fail);
}

/** Express middleware: URL and body limits, before anything reads the request. */
export function requestLimits({ urlLimit = URL_LIMIT, bodyLimit = bodyLimitFor } = {}) {
  return (req, res, next) => {
    if (req.originalUrl.length > urlLimit) return refuse(res, 414, `This address is too long: Baton takes at most ${megabytes(urlLimit)}.`);
    if (!decodable(req.path)) return refuse(res, 400, "This address is not valid: it has a broken %-escape.");
    const limit = bodyLimit(req.method, req.path, req.headers["content-type"]);
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit) return refuse(res, 413, tooLargeMessage(limit));
    capBody(req, res, limit);
    next();
  };
}
