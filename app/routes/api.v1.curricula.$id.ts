import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiCurriculum } from "~/.server/api/curricula";
import { apiCaller, apiJson, notFound, onlyGet } from "~/.server/api/respond";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await apiCaller(request, "read", new Date());
  const curriculum = await apiCurriculum(params.id ?? "");
  if (!curriculum) throw notFound("curriculum");
  return apiJson(curriculum);
}

export const action = onlyGet;
