import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, scimList, scimRequest } from "~/.server/scim/http";
import { schemaDocuments } from "~/.server/scim/schemas";

export async function loader({ request }: LoaderFunctionArgs) {
  return scimRequest(request, async ({ base }) => {
    const schemas = schemaDocuments(base);
    return scimList(schemas);
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return scimRequest(request, async () => methodNotAllowed("GET"));
}
