import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, scimList, scimRequest } from "~/.server/scim/http";
import { resourceTypeDocuments } from "~/.server/scim/schemas";

export async function loader({ request }: LoaderFunctionArgs) {
  return scimRequest(request, async ({ base }) => {
    const types = resourceTypeDocuments(base);
    return scimList(types);
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return scimRequest(request, async () => methodNotAllowed("GET"));
}
