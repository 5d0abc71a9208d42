import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiProgress } from "~/.server/api/progress";
import { apiCaller, apiJson, notFound, onlyGet } from "~/.server/api/respond";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date();
  await apiCaller(request, "read", now);
  const progress = await apiProgress(params.id ?? "", now);
  if (!progress) throw notFound("person");
  return apiJson(progress);
}

export const action = onlyGet;
