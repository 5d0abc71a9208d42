import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiAssign, apiAssignments, AssignmentBodySchema, AssignmentsQuerySchema } from "~/.server/api/assignments";
import { apiBody, apiCaller, apiError, apiJson, apiQuery } from "~/.server/api/respond";
import { clientIp } from "~/.server/http";

export async function loader({ request }: LoaderFunctionArgs) {
  await apiCaller(request, "read", new Date());
  return apiJson(await apiAssignments(apiQuery(request, AssignmentsQuerySchema)));
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "This path answers GET and POST.", { Allow: "GET, POST" });
  const now = new Date();
  const token = await apiCaller(request, "write", now);
  const input = await apiBody(request, AssignmentBodySchema);
  // The audit log names the token as who assigned.
  const actor = { id: `api-token:${token.id}`, email: `API token “${token.name}”` };
  const outcome = await apiAssign(input, { actor, ip: clientIp(request) }, now);
  switch (outcome.kind) {
    case "created":
      return apiJson(outcome.assignment, 201);
    case "already-assigned":
      return apiJson(outcome.assignment, 200);
    case "not-found":
      return apiError(404, "not_found", `No ${outcome.what} with this id.`);
    case "refused":
      return apiError(409, "conflict", outcome.message);
  }
}
