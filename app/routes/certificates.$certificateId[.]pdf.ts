import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/.server/auth/require-user";
import { certificateForDownload } from "~/.server/certificates/certificates";
import { formatCode } from "~/.server/certificates/code";
import { renderCertificatePdf } from "~/.server/certificates/pdf";
import { getEnv } from "~/.server/env";
import { invariantResponse } from "~/.server/http";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const certificate = await certificateForDownload(viewer, params.certificateId ?? "");
  invariantResponse(certificate, "No such certificate.");
  const pdf = await renderCertificatePdf(certificate, getEnv().BATON_ORIGIN?.replace(/\/$/, "") ?? new URL(request.url).origin);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="certificate-${formatCode(certificate.code)}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
