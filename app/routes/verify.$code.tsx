import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ReactNode } from "react";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { RateLimit } from "~/.server/auth/rate-limit";
import { verifyCertificate } from "~/.server/certificates/certificates";
import { formatCode } from "~/.server/certificates/code";
import { clientIp, invariantResponse } from "~/.server/http";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Verify a certificate · Baton" }, { name: "robots", content: "noindex" }];

/** Public: anyone holding a code may check it, but nobody may try codes in bulk. */
const lookups = new RateLimit("certificate-verify", 30, 10 * 60 * 1000);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date();
  if (!(await lookups.take(clientIp(request) ?? "unknown", now.getTime()))) {
    throw new Response("Too many lookups from your address. Please wait a few minutes and try again.", { status: 429 });
  }
  const certificate = await verifyCertificate(params.code ?? "", now);
  invariantResponse(certificate, "No certificate has this code.");
  const { code, ...shown } = certificate;
  return data({ ...shown, code: formatCode(code) }, { headers: { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" } });
}

const STATUS = {
  valid: { label: "Valid", tone: "border-green-300 bg-green-50 text-green-900" },
  expired: { label: "Expired", tone: "border-amber-300 bg-amber-50 text-amber-900" },
  revoked: { label: "Revoked", tone: "border-red-300 bg-red-50 text-red-900" },
} as const;

function Card({ children }: { children: ReactNode }) {
  return (
    <main id="main" tabIndex={-1} className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <p className="text-sm font-bold tracking-wide text-brand-700">Baton</p>
        {children}
      </div>
    </main>
  );
}

export default function VerifyCertificate() {
  const c = useLoaderData<typeof loader>();
  const status = STATUS[c.status];
  return (
    <Card>
      <h1 className="text-xl font-bold">Certificate {c.code}</h1>
      <p className={`rounded-md border px-3 py-2 font-semibold ${status.tone}`} role="status">
        {status.label}
        {c.status === "revoked" && c.revokedAt ? ` on ${formatDate(c.revokedAt)}` : null}
        {c.status === "expired" && c.validUntil ? ` on ${formatDate(c.validUntil)}` : null}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-600">Awarded to</dt>
        <dd className="font-medium">{c.personName}</dd>
        <dt className="text-slate-600">Curriculum</dt>
        <dd className="font-medium">{c.curriculumName}</dd>
        <dt className="text-slate-600">Issued</dt>
        <dd>{formatDate(c.issuedAt)}</dd>
        <dt className="text-slate-600">Valid until</dt>
        <dd>{c.validUntil ? formatDate(c.validUntil) : "No expiry"}</dd>
      </dl>
    </Card>
  );
}

/** Unknown codes and too many lookups: a plain page, with no hint of what a valid code looks like. */
export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <Card>
      <h1 className="text-xl font-bold">{status === 404 ? "No certificate has this code" : status === 429 ? "Too many lookups" : "Something went wrong"}</h1>
      <p className="text-sm text-slate-600">
        {status === 404
          ? "Check the code on the certificate and try again."
          : status === 429
            ? "Please wait a few minutes and try again."
            : "Please try again in a moment."}
      </p>
    </Card>
  );
}
