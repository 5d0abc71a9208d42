import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { changePassword } from "~/.server/auth/change-password";
import { NewPasswordSchema } from "~/.server/auth/password";
import { requireSession, requireUser } from "~/.server/auth/require-user";
import { parseForm } from "~/.server/forms/parse";
import { clientIp } from "~/.server/http";
import { Button, Field, Notice, PageHeader } from "~/components/ui";
import { formatDate, roleLabel } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Account · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  return { viewer: { name: viewer.name, email: viewer.email, role: viewer.role, department: viewer.department, startDate: viewer.startDate } };
}

const ChangePasswordSchema = z
  .object({ currentPassword: z.string().min(1, "Enter your current password."), newPassword: NewPasswordSchema, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ." });

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const { person, sessionId } = await requireSession(request);
  const parsed = parseForm(await request.formData(), ChangePasswordSchema);
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors }, { status: 400 });
  const result = await changePassword({
    personId: person.id,
    sessionId,
    currentPassword: parsed.data.currentPassword,
    newPassword: parsed.data.newPassword,
    ip: clientIp(request),
  });
  if (!result.ok) return data({ ok: false as const, errors: { [result.field]: result.message } }, { status: 400 });
  return { ok: true as const, errors: {} };
}

export default function Account() {
  const { viewer } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  return (
    <>
      <PageHeader title="Your account" description={`${viewer.email} · ${roleLabel[viewer.role]}${viewer.department ? ` · ${viewer.department}` : ""} · started ${formatDate(viewer.startDate)}`} />
      <Form method="post" className="max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6" noValidate>
        <h2 className="text-lg font-semibold">Change your password</h2>
        {actionData?.ok ? <Notice tone="success">Password changed. Your other browsers have been signed out.</Notice> : null}
        <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={errors.currentPassword} />
        <Field label="New password" name="newPassword" type="password" autoComplete="new-password" hint="At least 8 characters. A few unrelated words make a strong one." error={errors.newPassword} />
        <Field label="Repeat the new password" name="confirmPassword" type="password" autoComplete="new-password" error={errors.confirmPassword} />
        <Button type="submit">Change password</Button>
      </Form>
    </>
  );
}
