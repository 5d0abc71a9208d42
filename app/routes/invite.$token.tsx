import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { z } from "zod";
import { NewPasswordSchema } from "~/.server/auth/password";
import { parseForm } from "~/.server/forms/parse";
import { clientIp } from "~/.server/http";
import { orgSettings } from "~/.server/notifications/settings";
import { invitationLinkState, redeemInvitation, type DeadLink } from "~/.server/people/invitation";
import { InvitationDeadEnd } from "~/components/invitation-dead-end";
import { Button, Field } from "~/components/ui";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && "deadEnd" in data ? "This link no longer works · Baton" : "Set your password · Baton" },
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await invitationLinkState(params.token ?? "", new Date());
  if (link.kind !== "usable") return deadEnd(link);
  return { name: link.invitation.person.name, email: link.invitation.person.email, reset: link.invitation.purpose === "reset" };
}

/** Why the link no longer works, as a page: 410 Gone for a link that once worked, 404 for one we never issued. */
async function deadEnd(link: DeadLink) {
  const timeZone = link.kind === "expired" ? (await orgSettings()).timeZone : "UTC";
  return data({ deadEnd: link, timeZone }, { status: link.kind === "unknown" ? 404 : 410 });
}

const SetPasswordSchema = z
  .object({ password: NewPasswordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ." });

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(await readForm(request), SetPasswordSchema);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const person = await redeemInvitation(params.token ?? "", parsed.data.password, clientIp(request));
  if (person) throw redirect("/login?welcome=1");
  // The link died while the form was open (it expired, or was used or replaced in the meantime): say why.
  const link = await invitationLinkState(params.token ?? "", new Date());
  return deadEnd(link.kind === "usable" ? { kind: "unknown" } : link);
}

export default function Invite() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if ("deadEnd" in page) return <InvitationDeadEnd link={page.deadEnd} timeZone={page.timeZone} />;
  if (actionData && "deadEnd" in actionData) return <InvitationDeadEnd link={actionData.deadEnd} timeZone={actionData.timeZone} />;
  const { name, email, reset } = page;
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
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

/** Anything unexpected (the dead ends above are ordinary pages): keep a way out on screen. */
export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status >= 500 && typeof document !== "undefined") console.error(error);
  return (
    <main id="main" tabIndex={-1} className="flex min-h-full items-center justify-center p-4 sm:p-6">
      <div role="alert" className="w-full max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-bold">Something went wrong</h1>
        <p className="text-sm text-slate-600">Please open the link again in a moment. If you already set a password, sign in.</p>
        <p className="flex flex-wrap gap-4 text-sm">
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
