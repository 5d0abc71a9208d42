import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { scimError, scimRequest } from "~/.server/scim/http";

/** Anything else under /scim/v2, Groups included (Baton provisions people only): a SCIM 404. */
function notHere(request: Request) {
  return scimRequest(request, async () =>
    scimError(404, `${new URL(request.url).pathname} is not a SCIM endpoint of Baton. Groups are not supported; Users are.`),
  );
}

export const loader = ({ request }: LoaderFunctionArgs) => notHere(request);
export const action = ({ request }: ActionFunctionArgs) => notHere(request);
