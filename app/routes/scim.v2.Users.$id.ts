import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, problemResponse, scimJson, scimRequest, withBody } from "~/.server/scim/http";
import { deleteUser, getUser, patchUser, replaceUser, type UserOutcome } from "~/.server/scim/users";

const userResponse = (outcome: UserOutcome) =>
  outcome.kind === "ok" ? scimJson(outcome.user, 200, { Location: outcome.user.meta.location, ETag: outcome.user.meta.version }) : problemResponse(outcome);

/** GET /scim/v2/Users/{id}: a person, deactivated ones too (active false). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return scimRequest(request, async ({ base }) => userResponse(await getUser(params.id ?? "", base)));
}

/** PUT replaces, PATCH modifies, DELETE deactivates (the person and their history stay). */
export async function action({ request, params }: ActionFunctionArgs) {
  const id = params.id ?? "";
  return scimRequest(request, async ({ token, base, now }) => {
    switch (request.method) {
      case "PUT":
        return withBody(request, async (body) => userResponse(await replaceUser(id, body, token, base, now)));
      case "PATCH":
        return withBody(request, async (body) => userResponse(await patchUser(id, body, token, base, now)));
      case "DELETE": {
        const outcome = await deleteUser(id, token, base, now);
        return outcome.kind === "deleted" ? new Response(null, { status: 204 }) : problemResponse(outcome);
      }
      default:
        return methodNotAllowed("GET, PUT, PATCH, DELETE");
    }
  });
}
