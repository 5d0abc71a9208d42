import { Link } from "@remix-run/react";
import type { DeadLink } from "~/.server/people/invitation";
import { formatDateTime } from "~/utils/date-time";
import { roleLabel } from "~/utils/format";

/** Dates arrive from the loader as strings. */
type Serialized<T> = { [K in keyof T]: T[K] extends Date ? Date | string : T[K] extends object | null ? Serialized<T[K]> : T[K] };

type Props = { link: Serialized<DeadLink>; timeZone: string };

const linkStyle = "font-medium text-brand-700 underline-offset-2 hover:underline";

/**
 * An invitation or reset link that no longer works: says why (used, expired, replaced by a newer one…) and offers the
 * ways out that fit — sign in, ask the person who sent the invitation for a new one, or reset the password.
 */
export function InvitationDeadEnd({ link, timeZone }: Props) {
  const { title, reason } = explain(link, timeZone);
  const reset = "purpose" in link && (link.purpose === "reset" || link.kind === "used");
  const inviter = "inviter" in link && link.purpose === "invite" ? link.inviter : undefined;
  return (
    <main id="main" tabIndex={-1} className="flex min-h-full items-center justify-center p-4 sm:p-6">
      <div role="alert" className="w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-bold">{title}</h1>
        <p className="text-sm text-slate-700">{reason}</p>
        <ul aria-label="What you can do" className="space-y-2 text-sm">
          <li>
            <Link to="/login" className={linkStyle}>
              Sign in
            </Link>
            <span className="text-slate-600"> if you already have a password.</span>
          </li>
          {inviter ? (
            <li>
              <a
                href={`mailto:${inviter.email}?subject=${encodeURIComponent("A new link to set my Baton password")}`}
                className={linkStyle}
              >{`Ask ${inviter.name} (${roleLabel[inviter.role]}) for a new link`}</a>
            </li>
          ) : null}
          {inviter === null || link.kind === "unknown" ? <li className="text-slate-700">Ask HR for a new link: your HR team can send you one.</li> : null}
          {reset || link.kind === "unknown" ? (
            <li>
              <Link to="/forgot-password" className={linkStyle}>
                Forgot your password?
              </Link>
              <span className="text-slate-600"> We'll e-mail you a new link.</span>
            </li>
          ) : null}
        </ul>
      </div>
    </main>
  );
}

function explain(link: Props["link"], timeZone: string): { title: string; reason: string } {
  const gone = "This link no longer works";
  switch (link.kind) {
    case "used":
      return {
        title: gone,
        reason:
          link.purpose === "reset"
            ? "This link was already used to choose a new password. Sign in with that password."
            : "This link was already used to set your password. Sign in with that password.",
      };
    case "expired":
      return {
        title: gone,
        reason: `This link expired on ${formatDateTime(link.expiredAt, timeZone)}. ${link.purpose === "reset" ? "Links to reset a password work for one hour." : "Invitation links work for 7 days."}`,
      };
    case "replaced":
      return { title: gone, reason: "A newer link was sent to you after this one, which replaced it. Use the link in the latest e-mail." };
    case "closed":
      return { title: gone, reason: "This account is no longer active. If you think that is a mistake, ask your HR team." };
    case "unknown":
      return {
        title: "We do not recognise this link",
        reason: "Check that you opened the whole link from the e-mail: it may have been cut short. If it still does not work, ask for a new one.",
      };
  }
}
