import { simpleParser, type HeaderLines } from "mailparser";
import { SMTPServer, type SMTPServerError, type SMTPServerSession } from "smtp-server";

/** One message as the sink received it. */
export type SinkMail = {
  /** Envelope recipients (RCPT TO), not the To header: Bcc shows up here too. */
  to: string[];
  /** The From header as text, e.g. `"Baton" <baton@baton.test>`. */
  from: string;
  subject: string;
  text: string;
  html: string | null;
  /** Raw header values by lowercase name ('list-unsubscribe', 'message-id'…), unfolded, not MIME-decoded. */
  headers: Record<string, string>;
  receivedAt: Date;
};

export type MailFromHook = (address: string, session: SMTPServerSession) => Promise<void> | void;

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it accepts, for tests that send mail.
 * A message is stored before the server answers 250, so once `sendMail` resolves it is in `messages`.
 */
export async function startSmtpSink(options: { port?: number } = {}) {
  const messages: SinkMail[] = [];
  const arrivals = new Set<() => void>();
  let down = false;
  let rejects: ((address: string) => boolean) | null = null;
  let mailFromHook: MailFromHook | null = null;

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // A pooled sender keeps its connection open; close() should not wait the default 30 s for it.
    closeTimeout: 500,
    onConnect(_session, callback) {
      callback(down ? smtpError(421, "Service not available") : null);
    },
    onMailFrom(address, session, callback) {
      if (down) return callback(smtpError(421, "Service not available"));
      Promise.resolve()
        .then(() => mailFromHook?.(address.address, session))
        .then(
          () => callback(null),
          (error: unknown) => {
            const refusal: SMTPServerError = error instanceof Error ? error : new Error(String(error));
            refusal.responseCode ??= 451;
            callback(refusal);
          },
        );
    },
    onRcptTo(address, _session, callback) {
      const bounces = rejects?.(address.address) ?? false;
      callback(bounces ? smtpError(550, `No such user: ${address.address}`) : null);
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        messages.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          from: parsed.from?.text ?? "",
          subject: parsed.subject ?? "",
          text: parsed.text ?? "",
          html: parsed.html || null,
          headers: headerRecord(parsed.headerLines),
          receivedAt: new Date(),
        });
        for (const notify of arrivals) notify();
        callback(null);
      }, callback);
    },
  });

  // A sender killed mid-transaction resets its socket: a scenario under test, not a sink failure.
  server.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (address === null || typeof address === "string") throw new Error("SMTP sink: not listening on a TCP port");
  const { port } = address;

  /** Resolves with the first non-undefined `probe()`, checked now and after every arrival. */
  function until<T>(probe: () => T | undefined, timeoutMs: number, wanted: string) {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found === undefined) return;
        finish();
        resolve(found);
      };
      const timer = setTimeout(() => {
        finish();
        const subjects = messages.map((m) => `  ${JSON.stringify(m.subject)} to ${m.to.join(", ")}`);
        const received = subjects.length ? `received:\n${subjects.join("\n")}` : "received no messages";
        reject(new Error(`SMTP sink: no ${wanted} within ${timeoutMs} ms; ${received}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        arrivals.delete(check);
      };
      arrivals.add(check);
      check();
    });
  }

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    /** Every message received so far, oldest first (the same array for the sink's whole life). */
    get messages(): readonly SinkMail[] {
      return messages;
    },
    waitFor(predicate: (mail: SinkMail) => boolean, { timeoutMs = 5_000 } = {}) {
      return until(() => messages.find(predicate), timeoutMs, "matching message");
    },
    waitForCount(count: number, { timeoutMs = 5_000 } = {}) {
      return until(() => (messages.length >= count ? [...messages] : undefined), timeoutMs, `${count} messages`);
    },
    clear() {
      messages.length = 0;
    },
    /** Answer 550 to RCPT TO for matching addresses, as a mailbox that bounces; null stops rejecting. */
    rejectRecipients(predicate: ((address: string) => boolean) | null) {
      rejects = predicate;
    },
    /** While down, every new connection and every MAIL FROM gets 421. */
    setDown(isDown: boolean) {
      down = isDown;
    },
    /** Awaited before MAIL FROM is accepted; a throw refuses it (451 unless the error has a responseCode). */
    onMailFrom(hook: MailFromHook | null) {
      mailFromHook = hook;
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function smtpError(responseCode: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
}

/** Header lines keep their folding and repeat; tests want one unfolded string per name. */
function headerRecord(lines: HeaderLines) {
  const headers: Record<string, string> = {};
  for (const { key, line } of lines) {
    const value = line
      .slice(line.indexOf(":") + 1)
      .replace(/\r?\n(?=[ \t])/g, "")
      .trim();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return headers;
}
