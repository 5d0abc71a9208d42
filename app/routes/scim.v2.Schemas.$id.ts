import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, scimError, scimJson, scimRequest } from "~/.server/scim/http";
import { schemaDocument } from "~/.server/scim/schemas";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return scimRequest(request, async ({ base }) => {
    const schema = schemaDocument(base, params.id ?? "");
    return schema ? scimJson(schema) : scimError(404, `No schema "${params.id}".`);
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return scimRequest(request, async () => methodNotAllowed("GET"));
}
