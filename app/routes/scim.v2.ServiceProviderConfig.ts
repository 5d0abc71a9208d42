import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, scimJson, scimRequest } from "~/.server/scim/http";
import { serviceProviderConfig } from "~/.server/scim/schemas";

export async function loader({ request }: LoaderFunctionArgs) {
  return scimRequest(request, async ({ base }) => scimJson(serviceProviderConfig(base)));
}

export async function action({ request }: ActionFunctionArgs) {
  return scimRequest(request, async () => methodNotAllowed("GET"));
}
