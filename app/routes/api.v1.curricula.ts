import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiCurricula } from "~/.server/api/curricula";
import { apiCaller, apiJson, onlyGet } from "~/.server/api/respond";

export async function loader({ request }: LoaderFunctionArgs) {
  await apiCaller(request, "read", new Date());
  return apiJson(await apiCurricula());
}

export const action = onlyGet;
