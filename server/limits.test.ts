import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_LOGO_BYTES } from "~/.server/branding/logo";
import { MAX_IMPORT_BYTES } from "~/.server/people/import/limits";
import {
  FORM_BODY_LIMIT,
  IMPORT_BODY_LIMIT,
  IMPORT_FILE_LIMIT,
  LOGO_BODY_LIMIT,
  LOGO_FILE_LIMIT,
  URL_LIMIT,
  answeredByLimits,
  bodyLimitFor,
  requestLimits,
} from "./limits.mjs";

const MB = 1024 * 1024;

/** What the stand-in for Remix saw: the whole body, or the error its body stream failed with. */
type Seen = { path: string; bytes: number; sha256: string } | { path: string; error: string };
const seen: Seen[] = [];
const logged: unknown[] = [];

/** A resource route standing in for Baton's actions: it reads the body as a Remix action does. */
const echoRoute = {
  async action({ request }: { request: Request }) {
    const path = new URL(request.url).pathname;
    try {
      const body = Buffer.from(await request.arrayBuffer());
      seen.push({ path, bytes: body.length, sha256: createHash("sha256").update(body).digest("hex") });
      return new Response(JSON.stringify({ bytes: body.length }), { headers: { "Content-Type": "application/json" } });
    } catch (error) {
      seen.push({ path, error: String(error) });
      return new Response("The form could not be read.", { status: 400 });
    }
  },
  loader: () => new Response("ok"),
};

/** The smallest server build Remix's express adapter runs: one resource route for every path. */
const build = {
  mode: "production",
  entry: { module: { default: () => new Response("document") } },
  routes: {
    root: { id: "root", path: "", module: {} },
    "routes/echo": { id: "routes/echo", parentId: "root", path: "*", module: echoRoute },
  },
  assets: { routes: {}, entry: { module: "", imports: [] }, url: "", version: "1" },
  future: {},
  publicPath: "/",
  assetsBuildDirectory: "",
  isSpaMode: false,
} as unknown as ServerBuild;

/** server.mjs's chain, minus what these tests do not need: the limits, Remix's real handler, the last resort. */
function appUnderTest() {
  const app = express();
  app.use(requestLimits());
  app.all("*", createRequestHandler({ build }));
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (answeredByLimits(res)) return;
    logged.push(err);
    if (res.headersSent) return void res.destroy();
    res.status(500).type("text/plain").send("Something went wrong on our side.");
  });
  return app;
}

let server: http.Server;
let port: number;
beforeAll(async () => {
  server = http.createServer(appUnderTest());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const memory = () => {
  const m = process.memoryUsage();
  return { rss: m.rss, buffers: m.arrayBuffers + m.external };
};

type RawOutcome = { status: number; response: string; sent: number; ms: number; closedByServer: boolean };

/**
 * A client on a raw socket that keeps sending body bytes (up to `total`) until the server answers or closes,
 * as an attacker would: shows how much the server let in before it said no.
 */
function sendRaw(head: string, total: number, { chunked = false, chunk = 64 * 1024 } = {}): Promise<RawOutcome> {
  const block = Buffer.alloc(chunk, "a");
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, "127.0.0.1");
    let response = "";
    let sent = 0;
    let stop = false;
    let closedByServer = false;
    socket.on("data", (d) => {
      response += d.toString("latin1");
      if (response.includes("\r\n\r\n")) stop = true;
    });
    socket.on("end", () => (closedByServer = true));
    socket.on("error", () => (closedByServer = true));
    socket.on("close", () => {
      stop = true;
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0), response, sent, ms: Date.now() - started, closedByServer });
    });
    const pump = () => {
      while (!stop && sent < total) {
        const n = Math.min(chunk, total - sent);
        const piece = n === chunk ? block : block.subarray(0, n);
        sent += n;
        const more = chunked ? socket.write(`${n.toString(16)}\r\n`) && socket.write(piece) && socket.write("\r\n") : socket.write(piece);
        if (!more) return void socket.once("drain", pump);
      }
      if (!stop && chunked) socket.write("0\r\n\r\n");
      // Give the server a moment to answer, then hang up if it has not (a test timeout, not a pass).
      setTimeout(() => socket.destroy(), 5_000).unref();
    };
    socket.once("connect", () => {
      socket.write(head);
      pump();
    });
  });
}

const headFor = (path: string, headers: Record<string, string | number>) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("")}\r\n`;

/** An ordinary HTTP request (Node's client) whose body arrives intact or not at all. */
function request(path: string, init: { method?: string; body?: Buffer; type?: string; chunked?: boolean; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const headers: Record<string, string | number> = { ...init.headers };
    if (init.type) headers["Content-Type"] = init.type;
    if (init.body && !init.chunked) headers["Content-Length"] = init.body.length;
    const req = http.request({ host: "127.0.0.1", port, path, method: init.method ?? (init.body ? "POST" : "GET"), headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    if (init.body && init.chunked) {
      // Several writes without a length: Node sends them chunked.
      for (let i = 0; i < init.body.length; i += 10_000) req.write(init.body.subarray(i, i + 10_000));
      req.end();
    } else req.end(init.body);
  });
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("the request body cap", () => {
  it("refuses a 150 MB body to the sign-in at once from its Content-Length, without reading it", async () => {
    seen.length = 0;
    const before = memory();
    const out = await sendRaw(headFor("/login", { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": 150 * MB }), 150 * MB);
    const after = memory();
    expect(out.status).toBe(413);
    expect(out.response).toMatch(/Connection: close/i);
    expect(out.response).toMatch(/This request is too large: Baton takes at most 128 KB here\. Nothing was saved\./);
    expect(out.closedByServer).toBe(true);
    expect(seen).toEqual([]); // Remix never ran
    // What the client got into the socket before the answer is kernel buffering, not the body being read.
    expect(out.sent).toBeLessThan(16 * MB);
    expect(out.ms).toBeLessThan(2_000);
    expect(after.rss - before.rss).toBeLessThan(20 * MB);
    expect(after.buffers - before.buffers).toBeLessThan(20 * MB);
    console.info(
      `150 MB with Content-Length: 413 after ${out.ms} ms, ${(out.sent / MB).toFixed(1)} MB sent, rss +${((after.rss - before.rss) / MB).toFixed(1)} MB, buffers +${((after.buffers - before.buffers) / MB).toFixed(1)} MB`,
    );
  });

  it("answers other systems in their own error shape: the JSON API's error object, a SCIM error", async () => {
    seen.length = 0;
    const api = await sendRaw(headFor("/api/v1/assignments", { "Content-Type": "application/json", "Content-Length": 5 * MB }), 5 * MB);
    expect(api.status).toBe(413);
    expect(api.response).toMatch(/Content-Type: application\/json/i);
    const apiBody = JSON.parse(api.response.slice(api.response.indexOf("\r\n\r\n") + 4));
    expect(apiBody).toEqual({ error: { code: "payload_too_large", message: expect.stringContaining("at most 128 KB") } });
    const scim = await sendRaw(headFor("/scim/v2/Users", { "Content-Type": "application/scim+json", "Content-Length": 5 * MB }), 5 * MB);
    expect(scim.status).toBe(413);
    expect(scim.response).toMatch(/Content-Type: application\/scim\+json/i);
    const scimBody = JSON.parse(scim.response.slice(scim.response.indexOf("\r\n\r\n") + 4));
    expect(scimBody).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "413" });
    expect(seen).toEqual([]);
  });

  it("stops a chunked body as soon as it passes the cap: 413, the connection closed, the reader told the body failed", async () => {
    seen.length = 0;
    logged.length = 0;
    const before = memory();
    const out = await sendRaw(headFor("/login", { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" }), 150 * MB, {
      chunked: true,
      chunk: 16 * 1024,
    });
    const after = memory();
    expect(out.status).toBe(413);
    expect(out.response).toMatch(/Nothing was saved/);
    expect(out.closedByServer).toBe(true);
    expect(out.sent).toBeLessThan(16 * MB); // far from the 150 MB the client meant to send
    expect(after.rss - before.rss).toBeLessThan(20 * MB);
    expect(after.buffers - before.buffers).toBeLessThan(20 * MB);
    // The handler's body stream failed: it never saw a whole (or truncated) form, and nothing was logged as a crash.
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toMatchObject({ path: "/login", error: expect.stringMatching(/over 131072 bytes/) });
    expect(logged).toEqual([]);
    console.info(
      `150 MB chunked: 413 after ${out.ms} ms, ${(out.sent / MB).toFixed(1)} MB sent, rss +${((after.rss - before.rss) / MB).toFixed(1)} MB, buffers +${((after.buffers - before.buffers) / MB).toFixed(1)} MB`,
    );
  });

  it("hands a body under the cap to the handler byte for byte, with a length or chunked", async () => {
    seen.length = 0;
    const body = randomBytes(FORM_BODY_LIMIT);
    for (const chunked of [false, true]) {
      const out = await request("/hr/people/new", { body, type: "application/octet-stream", chunked });
      expect(out).toEqual({ status: 200, text: JSON.stringify({ bytes: body.length }) });
    }
    expect(seen).toEqual([
      { path: "/hr/people/new", bytes: body.length, sha256: sha256(body) },
      { path: "/hr/people/new", bytes: body.length, sha256: sha256(body) },
    ]);
    const oneOver = await request("/hr/people/new", { body: Buffer.concat([body, Buffer.from("x")]), type: "application/octet-stream", chunked: true });
    expect(oneOver.status).toBe(413);
  });

  it("lets the people import's upload carry a whole import file, and only that route", async () => {
    seen.length = 0;
    const file = randomBytes(3 * MB);
    const multipart = "multipart/form-data; boundary=----x";
    const upload = await request("/hr/import", { body: file, type: multipart, chunked: true });
    expect(upload.status).toBe(200);
    expect(seen).toEqual([{ path: "/hr/import", bytes: file.length, sha256: sha256(file) }]);

    expect((await request("/login", { body: file, type: multipart })).status).toBe(413);
    expect((await request("/hr/import", { body: file, type: "application/x-www-form-urlencoded" })).status).toBe(413);
    const overImport = await sendRaw(headFor("/hr/import", { "Content-Type": multipart, "Content-Length": IMPORT_BODY_LIMIT + 1 }), 2 * MB);
    expect(overImport.status).toBe(413);
    expect(overImport.response).toMatch(/at most 32 MB here/);
  });

  it("classes routes as the server routes them", () => {
    expect(bodyLimitFor("POST", "/hr/import", "multipart/form-data; boundary=a")).toBe(IMPORT_BODY_LIMIT);
    expect(bodyLimitFor("POST", "/HR/Import/", "Multipart/Form-Data;boundary=a")).toBe(IMPORT_BODY_LIMIT);
    expect(bodyLimitFor("POST", "/hr/import", "application/x-www-form-urlencoded")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimitFor("POST", "/hr/importer", "multipart/form-data; boundary=a")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimitFor("GET", "/hr/import", undefined)).toBe(FORM_BODY_LIMIT);
    // A form JavaScript submits posts to the page's .data twin: the same allowance.
    expect(bodyLimitFor("POST", "/hr/import.data", "multipart/form-data; boundary=a")).toBe(IMPORT_BODY_LIMIT);
    expect(bodyLimitFor("POST", "/hr/settings/branding.data", "multipart/form-data; boundary=a")).toBe(LOGO_BODY_LIMIT);
    expect(bodyLimitFor("POST", "/hr/settings/branding", "application/x-www-form-urlencoded")).toBe(FORM_BODY_LIMIT);
  });

  it("allows the import exactly the maximum the import itself states", () => {
    expect(IMPORT_FILE_LIMIT).toBe(MAX_IMPORT_BYTES);
    expect(IMPORT_BODY_LIMIT).toBeGreaterThan(MAX_IMPORT_BYTES);
    expect(LOGO_FILE_LIMIT).toBe(MAX_LOGO_BYTES);
    expect(LOGO_BODY_LIMIT).toBeGreaterThan(MAX_LOGO_BYTES);
    expect(IMPORT_BODY_LIMIT - MAX_IMPORT_BYTES).toBeLessThanOrEqual(64 * 1024);
    // The path bodyLimitFor names is the import route's.
    expect(existsSync("app/routes/_app.hr.import.tsx")).toBe(true);
  });
});

describe("the address", () => {
  it("answers 414 to a URL over 8 KB", async () => {
    const long = `/learn/${"a".repeat(URL_LIMIT)}`;
    const out = await request(long);
    expect(out.status).toBe(414);
    expect(out.text).toBe("This address is too long: Baton takes at most 8 KB.");
    expect((await request(`/learn?q=${"a".repeat(URL_LIMIT - 20)}`)).status).toBe(200);
  });

  it("answers 400 to a path with a broken %-escape, before anything tries to decode it", async () => {
    seen.length = 0;
    for (const path of ["/learn/%E0%A4%A", "/learn/%", "/%ZZ", "/%C3%28"]) {
      const out = await request(path);
      expect(out).toEqual({ status: 400, text: "This address is not valid: it has a broken %-escape." });
    }
    expect(seen).toEqual([]);
    expect((await request("/learn/%E0%A4%A4")).status).toBe(200);
  });

  it("keeps Node's own 16 KB header limit: larger headers are 431", async () => {
    expect(http.maxHeaderSize).toBe(16 * 1024);
    const out = await request("/learn", { headers: { "X-Padding": "a".repeat(17 * 1024) } });
    expect(out.status).toBe(431);
  });
});

describe("server.mjs", () => {
  it("applies the limits before the static files, the origin guard and Remix", () => {
    const source = readFileSync("server.mjs", "utf8");
    const at = (s: string) => {
      const i = source.indexOf(s);
      expect(i, s).toBeGreaterThan(-1);
      return i;
    };
    const limits = at("app.use(requestLimits())");
    expect(limits).toBeLessThan(at("express.static("));
    expect(limits).toBeLessThan(at("app.use(originGuard("));
    expect(limits).toBeLessThan(at('app.all("*", createRequestHandler('));
  });
});
