import type { InvitationSummary } from "~/.server/people/not-invited";
import { Notice } from "~/components/ui";

/** After a bulk invitation: how many went out by e-mail, and each person HR still has to reach by hand. */
export function InvitationSummaryNotice({ summary }: { summary: InvitationSummary }) {
  const handOver = [...summary.invalid, ...summary.linkOnly];
  return (
    <div className="space-y-2">
      {summary.emailed > 0 ? (
        <Notice tone="success">
          {summary.emailed} {summary.emailed === 1 ? "invitation is" : "invitations are"} on their way by e-mail. Each link works once, for 7 days. See them on
          the{" "}
          <a href="/hr/outbox" className="font-semibold underline">
            Outbox
          </a>
          .
        </Notice>
      ) : null}
      {handOver.length > 0 ? (
        <Notice tone={summary.invalid.length > 0 ? "error" : "info"}>
          {summary.linkOnly.length > 0
            ? "E-mail is not set up: send these links yourself."
            : "These addresses cannot be e-mailed: send the links yourself or correct the address."}
          <ul className="mt-2 space-y-1">
            {handOver.map((o) => (
              <li key={o.personId}>
                <span className="font-medium">{o.name}</span> ({o.email}){o.outcome === "invalid-address" ? " — not a valid address" : ""}:{" "}
                <input
                  readOnly
                  value={o.link}
                  aria-label={`Invitation link for ${o.name}`}
                  className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
                />
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {summary.skipped.length > 0 ? (
        <Notice tone="info">
          {summary.skipped.length} deactivated or removed {summary.skipped.length === 1 ? "person was" : "people were"} left out.
        </Notice>
      ) : null}
    </div>
  );
}
