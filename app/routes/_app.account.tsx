import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { changePassword } from "~/.server/auth/change-password";
import { NewPasswordSchema } from "~/.server/auth/password";
import { requireSession } from "~/.server/auth/require-user";
import { endOtherSessions, endOwnSession, listOwnSessions } from "~/.server/auth/session";
import { createCalendarToken, hasCalendarFeed, revokeCalendarToken } from "~/.server/calendar/feed-token";
import { hasTeamFeed } from "~/.server/calendar/feeds";
import { getEnv } from "~/.server/env";
import { parseForm } from "~/.server/forms/parse";
import { clientIp } from "~/.server/http";
import { CalendarFeedSection } from "~/components/calendar-feed-section";
import { SignedInSessions } from "~/components/signed-in-sessions";
import { Button, Field, Notice, PageHeader } from "~/components/ui";
import { formatDate, roleLabel } from "~/utils/format";
import { readForm } from "~/.server/forms/read";
import { readDeviceToken } from "~/.server/auth/cookie";

export const meta: MetaFunction = () => [{ title: "Account · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { person: viewer, sessionId } = await requireSession(request);
  const [hasFeed, team, sessions] = await Promise.all([hasCalendarFeed(viewer.id), hasTeamFeed(viewer), listOwnSessions(viewer.id, sessionId)]);
  return {
    viewer: { name: viewer.name, email: viewer.email, role: viewer.role, department: viewer.department, startDate: viewer.startDate },
    calendar: { hasFeed, team },
    sessions,
  };
}

const IntentSchema = z.object({
  // The password form came first: a post without an intent is still a password change.
  intent: z
    .enum(["password", "calendar-create", "calendar-revoke", "session-end", "sessions-end-others"], {
      errorMap: () => ({ message: "This form asked for something the account page does not do." }),
    })
    .default("password"),
});

const ChangePasswordSchema = z
  .object({ currentPassword: z.string().min(1, "Enter your current password."), newPassword: NewPasswordSchema, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ." });

const EndSessionSchema = z.object({ session: z.string().min(1).max(128) });
// The same answer for an id that is someone else's and one that never existed: the form cannot be used to probe.
const ALREADY_ENDED = "That browser is already signed out.";

export async function action({ request }: ActionFunctionArgs) {
  const { person, sessionId } = await requireSession(request);
  const formData = await readForm(request);
  const intent = parseForm(formData, IntentSchema);
  if (!intent.ok) return data({ ok: false as const, errors: intent.errors }, { status: 400 });
  const ctx = { actor: person, ip: clientIp(request) };

  switch (intent.data.intent) {
    case "password": {
      const parsed = parseForm(formData, ChangePasswordSchema);
      if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors }, { status: 400 });
      const result = await changePassword({
        personId: person.id,
        sessionId,
        currentPassword: parsed.data.currentPassword,
        newPassword: parsed.data.newPassword,
        ip: ctx.ip,
        deviceToken: await readDeviceToken(request),
      });
      if (!result.ok) return data({ ok: false as const, errors: { [result.field]: result.message } }, { status: 400 });
      return { ok: true as const, errors: {} };
    }
    case "calendar-create": {
      const token = await createCalendarToken(person.id, ctx);
      const base = `${getEnv().BATON_ORIGIN ?? new URL(request.url).origin}/calendar/${token}`;
      return { calendarLinks: { learner: `${base}/learner.ics`, team: (await hasTeamFeed(person)) ? `${base}/team.ics` : null } };
    }
    case "calendar-revoke":
      await revokeCalendarToken(person.id, ctx);
      return { calendarRevoked: true as const };
    case "session-end": {
      const parsed = EndSessionSchema.safeParse({ session: formData.get("session") });
      const { ended } = parsed.success ? await endOwnSession(parsed.data.session, ctx) : { ended: false };
      if (!ended) return data({ sessions: { tone: "error" as const, message: ALREADY_ENDED } }, { status: 400 });
      return { sessions: { tone: "success" as const, message: "Signed out that browser." } };
    }
    case "sessions-end-others": {
      const count = await endOtherSessions(sessionId, ctx);
      return { sessions: { tone: "success" as const, message: `Signed out ${count} other ${count === 1 ? "browser" : "browsers"}.` } };
    }
  }
}

export default function Account() {
  const { viewer, calendar, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData && "errors" in actionData ? (actionData.errors ?? {}) : {};
  return (
    <>
      <PageHeader
        title="Your account"
        description={`${viewer.email} · ${roleLabel[viewer.role]}${viewer.department ? ` · ${viewer.department}` : ""} · started ${formatDate(viewer.startDate)}`}
      />
      <div className="space-y-8">
        {errors.intent ? <Notice tone="error">{errors.intent}</Notice> : null}
        <section className="max-w-md rounded-lg border border-slate-200 bg-white p-6">
          <h2 className="text-lg font-semibold">Notifications</h2>
          <p className="mt-1 text-sm text-slate-600">Reminders, sign-offs, replies and the rest: choose what reaches you in Baton and by e-mail.</p>
          <Link to="/account/notifications" className="mt-3 inline-block font-medium text-brand-700 hover:underline">
            Choose your notifications
          </Link>
        </section>
        <Form method="post" className="max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6" noValidate>
          <input type="hidden" name="intent" value="password" />
          <h2 className="text-lg font-semibold">Change your password</h2>
          {actionData && "ok" in actionData && actionData.ok ? (
            <Notice tone="success">Password changed. Your other browsers have been signed out.</Notice>
          ) : null}
          <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={errors.currentPassword} />
          <Field
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            hint="At least 8 characters. A few unrelated words make a strong one."
            error={errors.newPassword}
          />
          <Field label="Repeat the new password" name="confirmPassword" type="password" autoComplete="new-password" error={errors.confirmPassword} />
          <Button type="submit">Change password</Button>
        </Form>
        <CalendarFeedSection
          hasFeed={calendar.hasFeed}
          team={calendar.team}
          links={actionData && "calendarLinks" in actionData ? (actionData.calendarLinks ?? null) : null}
          revoked={Boolean(actionData && "calendarRevoked" in actionData)}
        />
        <SignedInSessions sessions={sessions} notice={actionData && "sessions" in actionData ? (actionData.sessions ?? null) : null} />
      </div>
    </>
  );
}
