import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiPeople, PeopleQuerySchema } from "~/.server/api/people";
import { apiCaller, apiJson, apiQuery, onlyGet } from "~/.server/api/respond";

export async function loader({ request }: LoaderFunctionArgs) {
  await apiCaller(request, "read", new Date());
  return apiJson(await apiPeople(apiQuery(request, PeopleQuerySchema)));
}

export const action = onlyGet;
