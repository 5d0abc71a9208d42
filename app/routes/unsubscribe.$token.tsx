import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientIp, invariantResponse } from "~/.server/http";
import { unsubscribe, unsubscribeTarget } from "~/.server/notifications/unsubscribe-action";
import { Button, Notice } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "Stop these e-mails · Baton" }, { name: "referrer", content: "no-referrer" }];

// No session: the signed link is the permission, so it works from any mail client (docs/notifications.md).
export async function loader({ params }: LoaderFunctionArgs) {
  const target = await unsubscribeTarget(params.token ?? "");
  invariantResponse(target, "This unsubscribe link is not valid.");
  return { label: target.label, email: target.person.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const target = await unsubscribe(params.token ?? "", clientIp(request));
  invariantResponse(target, "This unsubscribe link is not valid.");
  return { done: true, label: target.label };
}

export default function Unsubscribe() {
  const { label, email } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>()?.done;
  return (
    <main id="main" tabIndex={-1} className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-bold">{done ? "Done" : "Stop these e-mails?"}</h1>
        {done ? (
          <Notice tone="success">
            {email} will no longer get e-mails about “{label}”. You still see them in Baton.
          </Notice>
        ) : (
          <>
            <p className="text-sm text-slate-700">
              {email} will no longer get e-mails about “{label}”. They still appear in Baton.
            </p>
            <Form method="post">
              <Button type="submit">Stop these e-mails</Button>
            </Form>
          </>
        )}
        <p className="text-sm text-slate-600">
          Choose what you hear about on your{" "}
          <Link to="/account/notifications" className="text-brand-700 hover:underline">
            account page
          </Link>
          .
        </p>
      </div>
    </main>
  );
}
