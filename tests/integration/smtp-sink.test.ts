import { createTransport } from "nodemailer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";

let sink: SmtpSink;
beforeEach(async () => {
  sink = await startSmtpSink();
});
afterEach(() => sink.close());

function send(overrides: { to?: string | string[]; subject?: string } = {}) {
  return createTransport(sink.url).sendMail({
    from: "Baton <baton@baton.test>",
    to: "newhire@baton.test",
    subject: "Welcome to Baton",
    text: "Start here: https://baton.test/learn",
    ...overrides,
  });
}

describe("the SMTP sink", () => {
  it("stores each message, parsed, before the sender hears 250", async () => {
    const unsubscribe = `<https://baton.test/unsubscribe/${"t".repeat(80)}>, <mailto:unsubscribe@baton.test>`;
    const info = await createTransport(sink.url).sendMail({
      from: "Baton <baton@baton.test>",
      to: "newhire@baton.test",
      bcc: "hr@baton.test",
      subject: "Your reset link — Baton",
      text: "Reset here: https://baton.test/reset/abc",
      html: "<p>Reset <a href='https://baton.test/reset/abc'>here</a></p>",
      headers: { "List-Unsubscribe": unsubscribe, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });

    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0];
    expect(mail).toMatchObject({
      to: ["newhire@baton.test", "hr@baton.test"],
      subject: "Your reset link — Baton",
      text: expect.stringContaining("https://baton.test/reset/abc"),
      html: "<p>Reset <a href='https://baton.test/reset/abc'>here</a></p>",
    });
    expect(mail?.from).toContain("baton@baton.test");
    // The long header arrives folded; the sink hands it back as one line.
    expect(mail?.headers["list-unsubscribe"]).toBe(unsubscribe);
    expect(mail?.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail?.headers["message-id"]).toBe(info.messageId);
    expect(mail?.receivedAt).toBeInstanceOf(Date);
  });

  it("waitFor resolves when a matching message arrives, and clear forgets what came before", async () => {
    await send({ subject: "First" });
    sink.clear();
    expect(sink.messages).toEqual([]);
    const waiting = sink.waitFor((mail) => mail.subject === "Second");
    await send({ subject: "Second" });
    await expect(waiting).resolves.toMatchObject({ subject: "Second" });
    await send({ subject: "Third" });
    await expect(sink.waitForCount(2)).resolves.toHaveLength(2);
  });

  it("waitFor times out listing what did arrive", async () => {
    await send({ subject: "Not this one" });
    await expect(sink.waitFor((mail) => mail.subject === "Missing", { timeoutMs: 100 })).rejects.toThrow(
      /no matching message within 100 ms; received:\n {2}"Not this one" to newhire@baton.test/,
    );
  });

  it("answers 550 for a bouncing recipient, and still delivers to the others", async () => {
    sink.rejectRecipients((address) => address === "gone@baton.test");
    await expect(send({ to: "gone@baton.test" })).rejects.toMatchObject({ responseCode: 550 });

    const info = await send({ to: ["gone@baton.test", "newhire@baton.test"] });
    expect(info.rejected).toEqual(["gone@baton.test"]);
    expect(sink.messages.map((mail) => mail.to)).toEqual([["newhire@baton.test"]]);
  });

  it("refuses everything with 421 while down, and accepts again once up", async () => {
    sink.setDown(true);
    await expect(send()).rejects.toMatchObject({ responseCode: 421 });
    sink.setDown(false);
    await send();
    expect(sink.messages).toHaveLength(1);
  });

  it("holds MAIL FROM until the onMailFrom hook settles; a throwing hook refuses with 451", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached = () => {};
    const atMailFrom = new Promise<void>((resolve) => (reached = resolve));
    sink.onMailFrom(async (address) => {
      expect(address).toBe("baton@baton.test");
      reached();
      await held;
    });
    const sending = send();
    await atMailFrom;
    expect(sink.messages).toHaveLength(0);
    release();
    await sending;
    expect(sink.messages).toHaveLength(1);

    sink.onMailFrom(() => {
      throw new Error("Try again later");
    });
    await expect(send()).rejects.toMatchObject({ responseCode: 451 });
  });
});
