import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/.server/auth/require-user";
import { startDataExport } from "~/.server/export/zip";
import { clientIp } from "~/.server/http";

/** Everything the organisation keeps in Baton, as one zip of CSV files (GET: it changes nothing but the audit log). */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const { fileName, stream } = await startDataExport({ actor: viewer, ip: clientIp(request), now: new Date() });
  return new Response(createReadableStreamFromReadable(stream), {
    headers: { "Content-Type": "application/zip", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store" },
  });
}
