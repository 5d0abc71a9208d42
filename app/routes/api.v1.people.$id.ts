import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiPerson } from "~/.server/api/people";
import { apiCaller, apiJson, notFound, onlyGet } from "~/.server/api/respond";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await apiCaller(request, "read", new Date());
  const person = await apiPerson(params.id ?? "");
  if (!person) throw notFound("person");
  return apiJson(person);
}

export const action = onlyGet;
