import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiReadiness, ReadinessQuerySchema } from "~/.server/api/readiness";
import { apiCaller, apiJson, apiQuery, onlyGet } from "~/.server/api/respond";

export async function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  await apiCaller(request, "read", now);
  return apiJson(await apiReadiness(apiQuery(request, ReadinessQuerySchema), now));
}

export const action = onlyGet;
