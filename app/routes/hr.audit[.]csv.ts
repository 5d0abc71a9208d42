import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/.server/auth/require-user";
import { auditCsvResponse, parseAuditQuery } from "~/.server/audit/log";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  return auditCsvResponse(parseAuditQuery(new URL(request.url).searchParams).filter);
}
