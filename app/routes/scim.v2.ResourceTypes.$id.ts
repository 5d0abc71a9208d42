import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, scimError, scimJson, scimRequest } from "~/.server/scim/http";
import { resourceTypeDocument } from "~/.server/scim/schemas";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return scimRequest(request, async ({ base }) => {
    const type = resourceTypeDocument(base, params.id ?? "");
    return type ? scimJson(type) : scimError(404, `No resource type "${params.id}".`);
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return scimRequest(request, async () => methodNotAllowed("GET"));
}
