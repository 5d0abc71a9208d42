import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/.server/auth/require-user";
import { readinessCsvResponse } from "~/.server/readiness/csv-stream";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  return readinessCsvResponse(new URL(request.url), "detail");
}
