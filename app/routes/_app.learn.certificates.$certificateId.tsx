import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { completionScreen } from "~/.server/certificates/certificates";
import { formatCode } from "~/.server/certificates/code";
import { getEnv } from "~/.server/env";
import { invariantResponse } from "~/.server/http";
import { BackLink, Notice, PageHeader } from "~/components/ui";
import { validityLabel } from "~/utils/certificate-validity";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? data.certificate.curriculumName : "Certificate"} · Baton` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const screen = await completionScreen(viewer.id, params.certificateId ?? "", new Date());
  invariantResponse(screen, "No such certificate.");
  const code = formatCode(screen.certificate.code);
  const origin = getEnv().BATON_ORIGIN?.replace(/\/$/, "") ?? new URL(request.url).origin;
  return { ...screen, certificate: { ...screen.certificate, code }, verifyUrl: `${origin}/verify/${code}` };
}

export default function Completion() {
  const { certificate: c, open, verifyUrl } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to="/learn">My learning</BackLink>
      <PageHeader title={`You completed ${c.curriculumName}`} description={`Well done, ${c.personName}. Your certificate is below.`} />
      {c.status === "revoked" ? <Notice tone="error">This certificate was revoked on {formatDate(c.revokedAt)}.</Notice> : null}
      {c.status === "expired" ? <Notice tone="error">This certificate expired on {formatDate(c.validUntil)}.</Notice> : null}
      <section aria-labelledby="certificate" className="mb-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="certificate" className="text-lg font-semibold">
          Your certificate
        </h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-slate-600">Curriculum</dt>
          <dd className="font-medium">{c.curriculumName}</dd>
          <dt className="text-slate-600">Issued</dt>
          <dd>{formatDate(c.issuedAt)}</dd>
          <dt className="text-slate-600">Validity</dt>
          <dd>{validityLabel(c)}</dd>
          <dt className="text-slate-600">Verification code</dt>
          <dd className="font-mono">{c.code}</dd>
        </dl>
        <p className="mt-4 flex flex-wrap gap-4 text-sm">
          {/* A file download: a document request, not client-side navigation. */}
          <a href={`/certificates/${c.id}.pdf`} className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
            Download PDF
          </a>
          <a href={verifyUrl} className="self-center font-medium text-brand-700 hover:underline">
            Verification page
          </a>
        </p>
        <p className="mt-2 text-xs break-all text-slate-600">Anyone can check your certificate at {verifyUrl}.</p>
      </section>
      <section aria-labelledby="next">
        <h2 id="next" className="text-lg font-semibold">
          What comes next
        </h2>
        {open.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">Nothing else is assigned to you right now.</p>
        ) : (
          <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
            {open.map((o) => (
              <li key={o.name}>
                {o.name}: {o.left} required {o.left === 1 ? "course" : "courses"} to go
              </li>
            ))}
          </ul>
        )}
        <p className="mt-3 text-sm">
          <Link to="/learn" className="font-medium text-brand-700 hover:underline">
            Back to My learning
          </Link>
        </p>
      </section>
    </>
  );
}
