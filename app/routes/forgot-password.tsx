import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ForgotPasswordSchema, requestPasswordReset } from "~/.server/auth/password-reset";
import { parseForm } from "~/.server/forms/parse";
import { clientIp } from "~/.server/http";
import { mailConfigured } from "~/.server/outbox/transport";
import { BrandMark } from "~/components/brand-mark";
import { Button, Field, Notice } from "~/components/ui";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction = () => [{ title: "Forgot your password? · Baton" }];

export function loader() {
  return { emailOn: mailConfigured() };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await readForm(request), ForgotPasswordSchema);
  if (!parsed.ok) return data({ sent: false as const, errors: parsed.errors }, { status: 400 });
  // Not awaited: the answer, and the time it takes, are the same whether or not the address has an account.
  void requestPasswordReset(parsed.data.email, clientIp(request)).catch((error) => console.error("[password reset]", error));
  return { sent: true as const, errors: {} };
}

export default function ForgotPassword() {
  const { emailOn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  return (
    <main id="main" tabIndex={-1} className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-sm">
        <BrandMark />
        <h1 className="mt-2 text-center text-lg text-slate-600">Forgot your password?</h1>
        <Form method="post" className="mt-8 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" noValidate>
          {actionData?.sent ? (
            <Notice tone="success">If that address belongs to an account, a link to choose a new password is on its way. It works once, for one hour.</Notice>
          ) : (
            <p className="text-sm text-slate-600">Enter the address you sign in with and we'll e-mail you a link to choose a new password.</p>
          )}
          {!emailOn ? <Notice tone="info">This Baton does not send e-mail. Ask HR for a new link instead.</Notice> : null}
          <Field label="Email" name="email" type="email" autoComplete="username" required autoFocus error={errors.email} />
          <Button type="submit" className="w-full">
            Send the link
          </Button>
        </Form>
        <p className="mt-4 text-center text-sm">
          <Link to="/login" className="text-brand-700 hover:underline">
            Back to sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
