import { Form } from "@remix-run/react";
import { ConfirmAction } from "~/components/confirm-action";
import { Button, Notice } from "~/components/ui";

export type SignedInSession = { id: string; device: string; signedInAt: string | Date; lastSeenAt: string | Date; current: boolean };

const when = (value: string | Date) => `${new Date(value).toISOString().replace("T", " ").slice(0, 16)} UTC`;

/** The account page's "Where you're signed in": each browser with its times, and a way to sign it out. */
export function SignedInSessions({ sessions, notice }: { sessions: SignedInSession[]; notice: { tone: "success" | "error"; message: string } | null }) {
  const others = sessions.filter((s) => !s.current).length;
  return (
    <section aria-labelledby="sessions-heading" className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="sessions-heading" className="text-lg font-semibold">
        Where you're signed in
      </h2>
      <p className="text-sm text-slate-600">If you do not recognise a browser, sign it out and change your password.</p>
      {notice ? <Notice tone={notice.tone}>{notice.message}</Notice> : null}
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div>
              <p className="font-medium">
                {s.device}
                {s.current ? <span className="ml-2 rounded bg-green-100 px-2 py-0.5 text-xs font-semibold text-green-900">This browser</span> : null}
              </p>
              <p className="text-slate-600">
                Signed in {when(s.signedInAt)} · last seen {when(s.lastSeenAt)}
              </p>
            </div>
            {s.current ? null : (
              <Form method="post">
                <input type="hidden" name="intent" value="session-end" />
                <input type="hidden" name="session" value={s.id} />
                <Button type="submit" variant="secondary" aria-label={`Sign out ${s.device}, signed in ${when(s.signedInAt)}`}>
                  Sign out
                </Button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <ConfirmAction
          label="Sign out everywhere else"
          title="Sign out everywhere else?"
          effect={`${others === 1 ? "The other browser" : `The ${others} other browsers`} where you are signed in will be signed out; this one stays signed in. Anyone using ${others === 1 ? "it" : "them"} has to sign in again with your password.`}
          confirmLabel={others === 1 ? "Sign out the other browser" : `Sign out ${others} browsers`}
        >
          <input type="hidden" name="intent" value="sessions-end-others" />
        </ConfirmAction>
      ) : (
        <p className="text-sm text-slate-600">You are not signed in anywhere else.</p>
      )}
    </section>
  );
}
