import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, problemResponse, scimJson, scimList, scimRequest, withBody } from "~/.server/scim/http";
import { createUser, listUsers } from "~/.server/scim/users";

/** GET /scim/v2/Users: a page of users, optionally filtered by userName or externalId (RFC 7644 §3.4.2). */
export async function loader({ request }: LoaderFunctionArgs) {
  return scimRequest(request, async ({ base }) => {
    const params = new URL(request.url).searchParams;
    const list = await listUsers({ filter: params.get("filter"), startIndex: params.get("startIndex"), count: params.get("count") }, base);
    if (list.kind !== "ok") return problemResponse(list);
    return scimList(list.users, { startIndex: list.startIndex, totalResults: list.totalResults });
  });
}

/** POST /scim/v2/Users: provision a person. */
export async function action({ request }: ActionFunctionArgs) {
  return scimRequest(request, async ({ token, base, now }) => {
    if (request.method !== "POST") return methodNotAllowed("GET, POST");
    return withBody(request, async (body) => {
      const created = await createUser(body, token, base, now);
      if (created.kind !== "ok") return problemResponse(created);
      return scimJson(created.user, 201, { Location: created.user.meta.location, ETag: created.user.meta.version });
    });
  });
}
