import { MaxPartSizeExceededError, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";

/**
 * The one way actions read a submitted form: only the two encodings a browser form sends are accepted (anything
 * else is 415), and a body that cannot be parsed is 400 — never a 500 (issue 15). The size of the body is capped
 * before Remix sees it (server/limits.mjs); that cap also bounds how many fields request.formData() can make,
 * since it has no option to limit them.
 */
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

const plain = (message: string, status: number) => new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
const unreadable = () => plain("The form could not be read. Reload the page and try again.", 400);

const mediaType = (request: Request) => (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();

export async function readForm(request: Request): Promise<FormData> {
  if (!FORM_TYPES.includes(mediaType(request))) {
    throw plain("Send this as a form (application/x-www-form-urlencoded or multipart/form-data).", 415);
  }
  try {
    return await request.formData();
  } catch {
    throw unreadable();
  }
}

/**
 * A file upload read with Remix's streaming parser: 415 unless multipart, 400 when the body does not parse, 413
 * past `maxParts` parts (the parser has no such option, and a large upload allowance would otherwise allow
 * hundreds of thousands of tiny fields). MaxPartSizeExceededError reaches the caller unchanged, so the page can say
 * how large a file may be. The parser's errors surface inside the upload handler (it reads the part's stream), so
 * any other error is taken as an unreadable body: with the memory handler there is no other kind.
 */
export async function readUploadForm(request: Request, uploadHandler: UploadHandler, { maxParts = 10 } = {}): Promise<FormData> {
  if (mediaType(request) !== "multipart/form-data") throw plain("Send this as a file upload (multipart/form-data).", 415);
  let parts = 0;
  const tooManyParts = plain(`This upload has more than ${maxParts} parts; the form sends fewer. Reload the page and try again.`, 413);
  const counted: UploadHandler = (part) => {
    if (++parts > maxParts) throw tooManyParts;
    return uploadHandler(part);
  };
  try {
    return await unstable_parseMultipartFormData(request, counted);
  } catch (error) {
    if (error === tooManyParts || error instanceof MaxPartSizeExceededError) throw error;
    throw unreadable(); // a missing boundary, a body cut short, a broken part header
  }
}
