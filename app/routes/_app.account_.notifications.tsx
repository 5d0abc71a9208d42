import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { parseForm } from "~/.server/forms/parse";
import { clientIp } from "~/.server/http";
import { choiceGrid, PreferencesFormSchema } from "~/.server/notifications/forms";
import { preferencesOf, savePreferences } from "~/.server/notifications/preferences";
import { pairKey } from "~/.server/notifications/settings";
import { mailConfigured } from "~/.server/outbox/transport";
import { NotificationChoices } from "~/components/notification-choices";
import { BackLink, Button, Notice, PageHeader } from "~/components/ui";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction = () => [{ title: "Notification choices · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const own = await preferencesOf(viewer.id);
  const on = new Set(own.flatMap((row) => row.channels.filter((c) => c.enabled).map((c) => pairKey(row.kind, c.channel))));
  return { rows: choiceGrid((pair) => on.has(pair)), emailOn: mailConfigured() };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const parsed = parseForm(await readForm(request), PreferencesFormSchema);
  if (!parsed.ok) return data({ ok: false as const, message: Object.values(parsed.errors)[0] ?? "Unreadable form." }, { status: 400 });
  await savePreferences(viewer.id, new Set(parsed.data.pref), { actor: viewer, ip: clientIp(request) });
  return { ok: true as const, message: "Saved. Your choices apply from the next message." };
}

export default function NotificationPreferences() {
  const { rows, emailOn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <BackLink to="/account">Your account</BackLink>
      <PageHeader title="Notification choices" description="What Baton tells you about, and how: in Baton (the bell at the top) or by e-mail." />
      <div className="max-w-3xl space-y-4">
        {emailOn ? null : (
          <Notice>E-mail is not set up for this Baton, so only in-app notifications are sent. Your e-mail choices are kept for when it is.</Notice>
        )}
        {result ? <Notice tone={result.ok ? "success" : "error"}>{result.message}</Notice> : null}
        <Form method="post" className="space-y-4">
          <NotificationChoices rows={rows} name="pref" caption="Which messages you get, in Baton and by e-mail" />
          <p className="text-sm text-slate-600">Invitations and password reset links always come by e-mail: they are how you get into Baton.</p>
          <Button type="submit">Save choices</Button>
        </Form>
      </div>
    </>
  );
}
