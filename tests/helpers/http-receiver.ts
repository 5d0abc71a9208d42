/**
 * A real HTTP server on 127.0.0.1 for webhook and LRS tests: records every request and answers with the statuses
 * queued by the test (200 once the queue is empty).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { method: string; path: string; headers: Record<string, string>; body: string };
export type Answer = { status: number; headers?: Record<string, string>; body?: string };

export type Receiver = {
  url: string;
  requests: Received[];
  answer: (...answers: Answer[]) => void;
  clear: () => void;
  close: () => Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const requests: Received[] = [];
  let queue: Answer[] = [];
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers, body: Buffer.concat(parts).toString("utf8") });
      const next = queue.shift() ?? { status: 200 };
      res.writeHead(next.status, { "content-type": "text/plain", ...next.headers });
      res.end(next.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (...answers) => {
      queue = answers;
    },
    clear: () => {
      requests.length = 0;
      queue = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
