import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { certificateList } from "~/.server/certificates/certificates";
import { formatCode } from "~/.server/certificates/code";
import { RevokeSchema, revokeCertificate } from "~/.server/certificates/revoke";
import { parseForm, type FieldErrors } from "~/.server/forms/parse";
import { readForm } from "~/.server/forms/read";
import { clientIp } from "~/.server/http";
import { Button, DataTable, EmptyState, Notice, PageHeader, TextAreaField } from "~/components/ui";
import { validityLabel } from "~/utils/certificate-validity";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Certificates · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const rows = await certificateList(new Date());
  return { certificates: rows.map((c) => ({ ...c, code: formatCode(c.code) })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const form = await readForm(request);
  const parsed = parseForm(form, RevokeSchema);
  const certificateId = String(form.get("certificateId") ?? "");
  if (!parsed.ok) return data({ certificateId, errors: parsed.errors, message: null }, { status: 400 });
  const outcome = await revokeCertificate(parsed.data, { actor: viewer, ip: clientIp(request) }, new Date());
  const none: FieldErrors = {};
  const gone: FieldErrors = { form: "This certificate no longer exists." };
  switch (outcome.kind) {
    case "not-found":
      return data({ certificateId, errors: gone, message: null }, { status: 404 });
    case "already-revoked":
      return { certificateId, errors: none, message: `This certificate was already revoked on ${formatDate(outcome.revokedAt)}: nothing changed.` };
    case "revoked":
      return { certificateId, errors: none, message: `Revoked ${outcome.personName}'s certificate for ${outcome.curriculumName}. They have been told.` };
  }
}

export default function HrCertificates() {
  const { certificates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title="Certificates"
        description="Issued when a person completes a curriculum. Anyone can check one at /verify/<code>; revoke one that should no longer stand."
      />
      {result?.message ? <Notice tone="success">{result.message}</Notice> : null}
      {result?.errors.form ? <Notice tone="error">{result.errors.form}</Notice> : null}
      {certificates.length === 0 ? (
        <EmptyState title="No certificates yet">A certificate is issued when someone completes every required course of a curriculum.</EmptyState>
      ) : (
        <DataTable headers={["Person", "Curriculum", "Issued", "Code", "Status", "Revoke"]} caption="Every certificate issued, newest first">
          {certificates.map((c) => (
            <tr key={c.id}>
              <th scope="row" className="px-4 py-3 text-left font-medium">
                {c.personName}
              </th>
              <td className="px-4 py-3">{c.curriculumName}</td>
              <td className="px-4 py-3">{formatDate(c.issuedAt)}</td>
              <td className="px-4 py-3 font-mono text-xs">{c.code}</td>
              <td className="px-4 py-3">
                {validityLabel(c)}
                {c.revokedAt ? <span className="block text-xs text-slate-600">{c.revokedReason ?? ""}</span> : null}
              </td>
              <td className="px-4 py-3 max-sm:col-span-2">
                {c.status === "revoked" ? null : (
                  <Form method="post" className="space-y-2" noValidate>
                    <input type="hidden" name="certificateId" value={c.id} />
                    <TextAreaField
                      id={`reason-${c.id}`}
                      label={`Reason for revoking ${c.personName}'s certificate`}
                      name="reason"
                      rows={2}
                      maxLength={500}
                      error={result?.certificateId === c.id ? result.errors.reason : undefined}
                    />
                    <Button type="submit" variant="secondary">
                      Revoke
                    </Button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
