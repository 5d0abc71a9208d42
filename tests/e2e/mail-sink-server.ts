import { createServer } from "node:http";
import { startSmtpSink, type SinkMail } from "../helpers/smtp-sink";

// Playwright's first webServer: the app sends real mail here, specs read it back over HTTP (tests/e2e/mail.ts).
const SMTP_PORT = Number(process.env.MAIL_SINK_SMTP_PORT ?? 3925);
const HTTP_PORT = Number(process.env.MAIL_SINK_HTTP_PORT ?? 3926);

const sink = await startSmtpSink({ port: SMTP_PORT });

const api = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const reply = (status: number, body: string, type = "text/plain") => {
    response.writeHead(status, { "Content-Type": type }).end(body);
  };
  if (url.pathname === "/health" && request.method === "GET") return reply(200, "ok");
  if (url.pathname !== "/messages") return reply(404, "not found");
  if (request.method === "DELETE") {
    sink.clear();
    return reply(204, "");
  }
  if (request.method !== "GET") return reply(405, "method not allowed");
  const to = url.searchParams.get("to")?.toLowerCase();
  const isFor = (mail: SinkMail) => !to || mail.to.some((rcpt) => rcpt.toLowerCase() === to);
  reply(200, JSON.stringify(sink.messages.filter(isFor)), "application/json");
});
api.listen(HTTP_PORT, "127.0.0.1", () => {
  console.log(`mail sink: SMTP ${sink.url}, messages at http://127.0.0.1:${HTTP_PORT}/messages`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    api.close();
    void sink.close().then(() => process.exit(0));
  });
}
