import { openApiDocument } from "~/.server/api/openapi";
import { onlyGet } from "~/.server/api/respond";
import { publicOrigin } from "~/.server/notifications/notify";

/** Public: the document describes the API, it opens nothing. */
export function loader() {
  return new Response(JSON.stringify(openApiDocument(publicOrigin()), null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}

export const action = onlyGet;
