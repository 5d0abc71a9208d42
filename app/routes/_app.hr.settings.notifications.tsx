import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { parseForm } from "~/.server/forms/parse";
import { clientIp } from "~/.server/http";
import { choiceGrid, SettingsFormSchema, timeZoneChoices } from "~/.server/notifications/forms";
import { orgSettings, updateOrgSettings } from "~/.server/notifications/settings";
import { NotificationChoices } from "~/components/notification-choices";
import { BackLink, Button, Field, Notice, PageHeader } from "~/components/ui";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction = () => [{ title: "Notification settings · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  // Not the whole row: it holds the secret that signs unsubscribe links.
  const { timeZone, emailFromHour, emailUntilHour, emailWeekdaysOnly, escalationDays, defaultsOff } = await orgSettings();
  return {
    settings: { timeZone, emailFromHour, emailUntilHour, emailWeekdaysOnly, escalationDays },
    defaults: choiceGrid((pair) => !defaultsOff.includes(pair)),
    timeZones: timeZoneChoices(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const parsed = parseForm(await readForm(request), SettingsFormSchema);
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors }, { status: 400 });
  await updateOrgSettings(parsed.data, { actor: viewer, ip: clientIp(request) });
  return { ok: true as const, errors: {} };
}

export default function NotificationSettings() {
  const { settings, defaults, timeZones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = result?.errors ?? {};
  const otherError = errors.defaultOn ?? errors.defaultsOff ?? errors.form;
  return (
    <>
      <BackLink to="/hr/outbox">Outbox</BackLink>
      <PageHeader
        title="Notification settings"
        description="When e-mail goes out, when HR hears about people who are stuck, and what everyone gets unless they choose otherwise."
      />
      <Form method="post" noValidate className="max-w-3xl space-y-6">
        {result?.ok ? <Notice tone="success">Settings saved.</Notice> : null}
        {result && !result.ok ? <Notice tone="error">Some settings need fixing{otherError ? `: ${otherError}` : " (see below)."}</Notice> : null}

        <fieldset className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-6">
          <legend className="px-1 text-lg font-semibold">Time and e-mail hours</legend>
          <Field
            label="Time zone"
            name="timeZone"
            list="time-zones"
            defaultValue={settings.timeZone}
            autoComplete="off"
            hint="Due days, e-mail hours and the weekly digest follow this time zone, e.g. Europe/Berlin."
            error={errors.timeZone}
          />
          <datalist id="time-zones">
            {timeZones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Send e-mail from (hour)"
              name="emailFromHour"
              type="number"
              min={0}
              max={23}
              defaultValue={settings.emailFromHour}
              hint="0 to 23, local time"
              error={errors.emailFromHour}
            />
            <Field
              label="Until (hour)"
              name="emailUntilHour"
              type="number"
              min={1}
              max={24}
              defaultValue={settings.emailUntilHour}
              hint="1 to 24; 18 means until 18:00"
              error={errors.emailUntilHour}
            />
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="emailWeekdaysOnly" defaultChecked={settings.emailWeekdaysOnly} className="h-4 w-4" />
            Send e-mail on weekdays only (Monday to Friday)
          </label>
          <p className="text-sm text-slate-600">Outside these hours e-mail waits for the next morning. Invitations and password resets always go at once.</p>
        </fieldset>

        <fieldset className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-6">
          <legend className="px-1 text-lg font-semibold">Escalation</legend>
          <Field
            label="Tell HR when someone is overdue for more than (days)"
            name="escalationDays"
            type="number"
            min={0}
            max={90}
            defaultValue={settings.escalationDays}
            hint="0 to 90 days"
            error={errors.escalationDays}
          />
        </fieldset>

        <fieldset className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-6">
          <legend className="px-1 text-lg font-semibold">Organisation defaults</legend>
          <p className="text-sm text-slate-600">
            Ticked messages are on for everyone who has not chosen for themselves. People can change their own choices on their account page.
          </p>
          {errors.defaultOn ? <p className="text-sm text-red-700">{errors.defaultOn}</p> : null}
          <NotificationChoices rows={defaults} name="defaultOn" caption="Messages on by default, in Baton and by e-mail" />
        </fieldset>

        <Button type="submit">Save settings</Button>
      </Form>
    </>
  );
}
