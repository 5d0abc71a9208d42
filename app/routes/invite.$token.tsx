import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { z } from "zod";
import { NewPasswordSchema } from "~/.server/auth/password";
import { parseForm } from "~/.server/forms/parse";
import { clientIp, invariantResponse } from "~/.server/http";
import { findUsableInvitation, redeemInvitation } from "~/.server/people/invitation";
import { Button, Field } from "~/components/ui";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction = () => [{ title: "Set your password · Baton" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await findUsableInvitation(params.token ?? "");
  invariantResponse(invitation, "This link has expired or was already used.");
  return { name: invitation.person.name, email: invitation.person.email, reset: invitation.purpose === "reset" };
}

const SetPasswordSchema = z
  .object({ password: NewPasswordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ." });

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(await readForm(request), SetPasswordSchema);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const person = await redeemInvitation(params.token ?? "", parsed.data.password, clientIp(request));
  invariantResponse(person, "This link has expired or was already used.");
  throw redirect("/login?welcome=1");
}

export default function Invite() {
  const { name, email, reset } = useLoaderData<typeof loader>();
  const errors: Partial<Record<string, string>> = useActionData<typeof action>()?.errors ?? {};
  return (
    <main id="main" tabIndex={-1} className="flex min-h-full items-center justify-center p-6">
      <Form method="post" className="w-full max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" noValidate>
        <h1 className="text-xl font-bold">{reset ? `Choose a new password, ${name}` : `Welcome to Baton, ${name}`}</h1>
        <p className="text-sm text-slate-600">
          Choose {reset ? "a new" : "a"} password for {email}. At least 8 characters; a few unrelated words make a strong one.
        </p>
        <Field label="Password" name="password" type="password" autoComplete="new-password" error={errors.password} />
        <Field label="Repeat the password" name="confirmPassword" type="password" autoComplete="new-password" error={errors.confirmPassword} />
        <Button type="submit" className="w-full">
          Set password
        </Button>
      </Form>
    </main>
  );
}

/** A used or expired link: say so, and where to get a new one (the generic 404 page would leave them stuck). */
export function ErrorBoundary() {
  const error = useRouteError();
  const gone = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main id="main" tabIndex={-1} className="flex min-h-full items-center justify-center p-6">
      <div role="alert" className="w-full max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-bold">{gone ? "This link no longer works" : "Something went wrong"}</h1>
        <p className="text-sm text-slate-600">
          {gone ? "This link has expired or was already used." : "Please try again in a moment."} If you already set a password, sign in; if you forgot it, ask
          for a new link.
        </p>
        <p className="flex gap-4 text-sm">
          <Link to="/login" className="font-medium text-brand-700 hover:underline">
            Sign in
          </Link>
          <Link to="/forgot-password" className="font-medium text-brand-700 hover:underline">
            Forgot your password?
          </Link>
        </p>
      </div>
    </main>
  );
}
