import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiAttempts, AttemptsQuerySchema } from "~/.server/api/attempts";
import { apiCaller, apiJson, apiQuery, notFound, onlyGet } from "~/.server/api/respond";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await apiCaller(request, "read", new Date());
  const attempts = await apiAttempts(params.id ?? "", apiQuery(request, AttemptsQuerySchema));
  if (!attempts) throw notFound("person");
  return apiJson(attempts);
}

export const action = onlyGet;
