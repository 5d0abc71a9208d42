import express from "express";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { REQUEST_ID_HEADER, createLogger, requestIds } from "./logger.mjs";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Every line the logger wrote, parsed: a line that is not JSON fails the test here. */
const lines: Record<string, unknown>[] = [];
const log = createLogger({ write: (line: string) => void lines.push(JSON.parse(line)) });

/** The middleware in front of a stand-in for Remix that reports the id it was handed. */
function appUnderTest(trustProxy: boolean) {
  const app = express();
  app.use(requestIds({ trustProxy, log }));
  app.all("*", (req, res) => {
    res.status(req.path === "/missing" ? 404 : 200).json({ seen: req.headers[REQUEST_ID_HEADER] });
  });
  return app;
}

const servers: http.Server[] = [];
const origins: Record<"direct" | "proxied", string> = { direct: "", proxied: "" };

beforeAll(async () => {
  for (const [name, trust] of [
    ["direct", false],
    ["proxied", true],
  ] as const) {
    const server = http.createServer(appUnderTest(trust));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    origins[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
});
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));
const linesOf = (requestId: string | null) => lines.filter((line) => line.requestId === requestId);

async function get(origin: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(origin + path, { headers });
  const body: unknown = await response.json();
  return { status: response.status, header: response.headers.get("x-request-id"), body };
}

describe("request ids", () => {
  it("gives each request a new id, returns it as X-Request-Id and hands the same id to Remix", async () => {
    const first = await get(origins.direct, "/learn");
    const second = await get(origins.direct, "/learn");
    expect(first.header).toMatch(UUID);
    expect(first.body).toEqual({ seen: first.header });
    expect(second.header).not.toBe(first.header);
  });

  it("overwrites an id a client forged in Baton's own header", async () => {
    const { header, body } = await get(origins.direct, "/learn", { [REQUEST_ID_HEADER]: "forged" });
    expect(header).toMatch(UUID);
    expect(body).toEqual({ seen: header });
  });

  it("ignores an incoming X-Request-Id unless a proxy is trusted, and then only a well-formed one", async () => {
    expect((await get(origins.direct, "/learn", { "X-Request-Id": "edge-42" })).header).toMatch(UUID);
    const proxied = await get(origins.proxied, "/learn", { "X-Request-Id": "edge-42" });
    expect(proxied.header).toBe("edge-42");
    expect(proxied.body).toEqual({ seen: "edge-42" });
    expect((await get(origins.proxied, "/learn", { "X-Request-Id": "a b<script>" })).header).toMatch(UUID);
    expect((await get(origins.proxied, "/learn", { "X-Request-Id": "x".repeat(129) })).header).toMatch(UUID);
  });
});

describe("the request log", () => {
  it("writes one JSON line per request, with the path but not the query string", async () => {
    const { header } = await get(origins.direct, "/missing?token=secret");
    await vi.waitFor(() => expect(linesOf(header)).toHaveLength(1));
    const [line] = linesOf(header);
    expect(line).toMatchObject({ level: "info", requestId: header, method: "GET", path: "/missing", status: 404, ip: "127.0.0.1" });
    expect(line?.durationMs).toEqual(expect.any(Number));
    expect(line?.msg).toMatch(/^GET \/missing 404 [\d.]+ms$/);
    expect(JSON.stringify(line)).not.toContain("secret");
  });

  it("stays quiet about static assets, which still get an id", async () => {
    const { header } = await get(origins.direct, "/assets/app-1234.js");
    expect(header).toMatch(UUID);
    const login = await get(origins.direct, "/login");
    await vi.waitFor(() => expect(linesOf(login.header)).toHaveLength(1));
    expect(linesOf(header)).toEqual([]);
  });
});
