import type { SinkMail } from "../helpers/smtp-sink";

/** A message as the mail sink's HTTP API returns it (tests/e2e/mail-sink-server.ts). */
export type Mail = Omit<SinkMail, "receivedAt"> & { receivedAt: string };

const MAIL_API = `http://127.0.0.1:${process.env.MAIL_SINK_HTTP_PORT ?? 3926}`;

/** The newest message to `to` whose subject matches, polling the sink until it arrives. */
export async function waitForMail(to: string, match: { subject?: RegExp } = {}, timeoutMs = 20_000): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  let seen: Mail[] = [];
  while (Date.now() < deadline) {
    const response = await fetch(`${MAIL_API}/messages?to=${encodeURIComponent(to)}`);
    if (!response.ok) throw new Error(`mail sink answered ${response.status}`);
    seen = await response.json();
    const found = seen.filter((mail) => !match.subject || mail.subject.search(match.subject) !== -1).at(-1);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const subjects = seen.map((mail) => JSON.stringify(mail.subject)).join(", ") || "none";
  const wanted = match.subject ? `matching ${match.subject}` : "at all";
  throw new Error(`No mail to ${to} ${wanted} within ${timeoutMs} ms; subjects seen: ${subjects}`);
}

/** The first absolute link in the text body whose path starts with `pathPrefix`, as path + search for page.goto. */
export function linkIn(mail: Pick<Mail, "text" | "subject">, pathPrefix: string) {
  for (const [href] of mail.text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)) {
    // A link that ends a sentence should not take the full stop with it.
    const url = new URL(href.replace(/[.,;:!?]+$/, ""));
    if (url.pathname.startsWith(pathPrefix)) return url.pathname + url.search;
  }
  throw new Error(`No link to ${pathPrefix}… in mail "${mail.subject}":\n${mail.text}`);
}
