import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/.server/auth/require-user";
import { clientIp, invariantResponse } from "~/.server/http";
import { savePersonFromForm } from "~/.server/people/form-actions";
import { inviteMany } from "~/.server/people/invitation";
import { deactivatePerson, endPersonSessions, getPerson, reactivatePerson, updatePerson } from "~/.server/people/people";
import { personPage } from "~/.server/people/person-page";
import { setPasswordAlwaysAllowed } from "~/.server/sso/providers";
import { ConfirmAction } from "~/components/confirm-action";
import { PersonForm } from "~/components/person-form";
import { BackLink, Button, Notice, PageHeader } from "~/components/ui";
import { formatDate } from "~/utils/format";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.name ?? "Person"} · Baton` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const page = await personPage(params.personId ?? "");
  invariantResponse(page, "Person not found");
  return page;
}

const IntentSchema = z.object({ intent: z.enum(["save", "deactivate", "reactivate", "end-sessions", "invite", "break-glass-on", "break-glass-off"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const personId = params.personId ?? "";
  invariantResponse(await getPerson(personId), "Person not found");
  const formData = await readForm(request);
  const intent = IntentSchema.safeParse({ intent: formData.get("intent") });
  if (!intent.success) return data({ kind: "error" as const, message: "Unknown action." }, { status: 400 });
  const ctx = { actor: viewer, ip: clientIp(request) };

  switch (intent.data.intent) {
    case "save": {
      const saved = await savePersonFromForm(formData, (input) => updatePerson(personId, input, ctx));
      if (!saved.ok) return data({ kind: "invalid" as const, errors: saved.errors }, { status: 400 });
      return { kind: "done" as const, message: "Saved." };
    }
    case "deactivate": {
      const outcome = await deactivatePerson(personId, ctx);
      if (outcome.kind === "refused") return data({ kind: "error" as const, message: outcome.message }, { status: 400 });
      return { kind: "done" as const, message: "Deactivated. Their sessions have ended and they can no longer sign in." };
    }
    case "reactivate":
      await reactivatePerson(personId, ctx);
      return { kind: "done" as const, message: "Reactivated." };
    case "end-sessions": {
      const count = await endPersonSessions(personId, ctx);
      return { kind: "done" as const, message: `Ended ${count} ${count === 1 ? "session" : "sessions"}.` };
    }
    case "break-glass-on":
    case "break-glass-off": {
      const on = intent.data.intent === "break-glass-on";
      const outcome = await setPasswordAlwaysAllowed(personId, on, ctx);
      if (outcome.kind === "refused") return data({ kind: "error" as const, message: outcome.message }, { status: 400 });
      return { kind: "done" as const, message: on ? "Password sign-in always allowed for this person." : "Break-glass password sign-in removed." };
    }
    case "invite": {
      const [invited] = await inviteMany([personId], ctx);
      if (!invited?.link || invited.outcome === "deactivated" || invited.outcome === "unknown")
        return data({ kind: "error" as const, message: "Only an active person can be invited." }, { status: 400 });
      return { kind: "invited" as const, link: invited.link, expiresAt: invited.expiresAt!, outcome: invited.outcome };
    }
  }
}

export default function PersonPage() {
  const { person, managers, departments, locations, audit, curricula, breakGlass } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  return (
    <>
      <BackLink to="/hr/people">People</BackLink>
      <PageHeader
        title={person.name}
        description={
          <>
            {person.email}
            {person.location ? ` · ${person.location}` : null}
            {person.deactivatedAt ? <strong className="ml-2 text-red-700">Deactivated {formatDate(person.deactivatedAt)}</strong> : null}
          </>
        }
      />
      <div className="mb-4 space-y-2">
        {searchParams.get("created") ? <Notice tone="success">Person added. Create an invitation link below so they can set a password.</Notice> : null}
        {actionData?.kind === "done" ? <Notice tone="success">{actionData.message}</Notice> : null}
        {actionData?.kind === "error" ? <Notice tone="error">{actionData.message}</Notice> : null}
        {actionData?.kind === "invited" ? (
          <Notice tone="success">
            {actionData.outcome === "emailed"
              ? `E-mailed to ${person.email}. The link is valid until ${formatDate(actionData.expiresAt)} and works once; you can also pass it on yourself:`
              : actionData.outcome === "invalid-address"
                ? `${person.email} is not an address we can e-mail. Send this link to ${person.name} yourself (valid until ${formatDate(actionData.expiresAt)}, works once):`
                : `Invitation link (valid until ${formatDate(actionData.expiresAt)}, works once). Send it to ${person.name}:`}
            <input
              readOnly
              value={actionData.link}
              aria-label="Invitation link"
              className="mt-2 block w-full rounded border border-green-300 bg-white px-2 py-1 font-mono text-xs"
            />
          </Notice>
        ) : null}
      </div>
      <PersonForm
        key={JSON.stringify(person)}
        values={person}
        errors={actionData?.kind === "invalid" ? actionData.errors : undefined}
        managers={managers}
        departments={departments}
        locations={locations}
        submitLabel="Save changes"
      />
      <section className="mt-8 max-w-2xl rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="text-lg font-semibold">Access</h2>
        <p className="mt-1 text-sm text-slate-600">
          {person.hasPassword ? "Has set a password." : "Has not set a password yet."} {person._count.sessions} active{" "}
          {person._count.sessions === 1 ? "session" : "sessions"}.
        </p>
        <div className="mt-4 flex flex-wrap gap-3">
          {!person.deactivatedAt ? (
            <Form method="post">
              <input type="hidden" name="intent" value="invite" />
              <Button type="submit" variant="secondary">
                {person.hasPassword ? "Send a password reset link" : "Send an invitation"}
              </Button>
            </Form>
          ) : null}
          <ConfirmAction
            label="End all sessions"
            title={`Sign ${person.name} out everywhere?`}
            effect={`${person.name} will be signed out of every browser (${person._count.sessions} active ${person._count.sessions === 1 ? "session" : "sessions"}). They can sign in again${person.deactivatedAt ? " once reactivated" : ""}.`}
            confirmLabel="End all sessions now"
          >
            <input type="hidden" name="intent" value="end-sessions" />
          </ConfirmAction>
          {person.deactivatedAt ? (
            <Form method="post">
              <input type="hidden" name="intent" value="reactivate" />
              <Button type="submit" variant="secondary">
                Reactivate
              </Button>
            </Form>
          ) : (
            <ConfirmAction
              label="Deactivate"
              triggerVariant="danger"
              title={`Deactivate ${person.name}?`}
              effect={`${person.name} will be signed out everywhere and cannot sign in. Their records, progress and certificates stay, and you can reactivate them later.`}
              confirmLabel={`Deactivate ${person.name}`}
            >
              <input type="hidden" name="intent" value="deactivate" />
            </ConfirmAction>
          )}
        </div>
        {person.role === "HR" || breakGlass ? (
          <Form method="post" className="mt-4 border-t border-slate-100 pt-4">
            <p className="text-sm text-slate-600">
              {breakGlass
                ? "Break-glass account: this person's password works even where password sign-in is off for their e-mail domain."
                : "Where single sign-on has switched password sign-in off, keep this HR person's password working, to get in when the identity provider is down."}
            </p>
            <input type="hidden" name="intent" value={breakGlass ? "break-glass-off" : "break-glass-on"} />
            <Button type="submit" variant="secondary" className="mt-2">
              {breakGlass ? "Remove break-glass password sign-in" : "Always allow password sign-in (break-glass)"}
            </Button>
          </Form>
        ) : null}
      </section>
      <section className="mt-8 max-w-2xl">
        <h2 className="text-lg font-semibold">Curricula</h2>
        {curricula.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">None assigned. Assign one from its page under Curricula.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {curricula.map((c) => (
              <li key={c.id} className="px-4 py-2">
                <Link to={`/hr/curricula/${c.id}`} className="font-medium text-brand-700 hover:underline">
                  {c.name}
                </Link>{" "}
                <span className="text-slate-600">
                  · {c.requiredDone} of {c.requiredTotal} required courses done{c.requiredWaived > 0 ? ` (${c.requiredWaived} waived)` : ""}
                  {c.overdue > 0 ? ` · ${c.overdue} overdue` : ""} · through {c.through}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="mt-8 max-w-2xl">
        <h2 className="text-lg font-semibold">Recent activity</h2>
        {audit.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Nothing recorded yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {audit.map((e) => (
              <li key={e.id} className="flex justify-between gap-4 px-4 py-2">
                <span>
                  {e.action.replaceAll("_", " ").replaceAll(".", ": ")}
                  {e.actorEmail ? <span className="text-slate-500"> by {e.actorEmail}</span> : null}
                </span>
                <time dateTime={String(e.at)} className="text-slate-500">
                  {new Date(e.at).toISOString().replace("T", " ").slice(0, 16)} UTC
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
