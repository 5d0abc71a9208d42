/**
 * The one way actions read a submitted form: only the two encodings a browser form sends are accepted (anything
 * else is 415), and a body that cannot be parsed is 400 — never a 500 (issue 15). The size of the body is capped
 * before Remix sees it (server/limits.mjs).
 */
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    throw new Response("Send this as a form (application/x-www-form-urlencoded or multipart/form-data).", { status: 415, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  try {
    return await request.formData();
  } catch {
    throw new Response("The form could not be read. Reload the page and try again.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
