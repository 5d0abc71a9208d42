import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as entryServer from "~/entry.server";
import * as root from "~/root";
import { requestIds } from "../../server/logger.mjs";

/** A route whose loader fails as a bug would; the page must not show this, the log must. */
const failing = {
  loader: () => {
    throw new Error("the readiness table is on fire");
  },
  default: () => null,
};

/** A route that answers 404 as Baton's loaders do: an error the person can act on, with nothing to look up. */
const missing = {
  loader: () => {
    throw new Response("Not found", { status: 404 });
  },
  default: () => null,
};

const manifestEntry = (id: string, parentId: string | undefined, path: string) => ({
  id,
  parentId,
  path,
  module: `/${id}.js`,
  imports: [],
  hasAction: false,
  hasLoader: true,
  hasClientAction: false,
  hasClientLoader: false,
  hasErrorBoundary: true,
});

/** The real document (root.tsx, entry.server.tsx, the error boundary) around one failing route. */
const build = {
  mode: "production",
  entry: { module: entryServer },
  routes: {
    root: { id: "root", path: "", module: root },
    "routes/failing": { id: "routes/failing", parentId: "root", path: "failing", module: failing },
    "routes/missing": { id: "routes/missing", parentId: "root", path: "missing", module: missing },
  },
  assets: {
    routes: {
      root: manifestEntry("root", undefined, ""),
      "routes/failing": manifestEntry("routes/failing", "root", "failing"),
      "routes/missing": manifestEntry("routes/missing", "root", "missing"),
    },
    entry: { module: "/entry.client.js", imports: [] },
    url: "/manifest.js",
    version: "1",
  },
  future: { v3_singleFetch: true },
  publicPath: "/",
  assetsBuildDirectory: "",
  isSpaMode: false,
} as unknown as ServerBuild;

let server: http.Server;
let origin: string;
beforeAll(async () => {
  const app = express();
  app.use(requestIds());
  app.all("*", createRequestHandler({ build, mode: "production" }));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** The JSON lines the process logger writes to stdout while `run` runs. */
async function capturingLog<T>(run: () => Promise<T>) {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    const result = await run();
    // The request's own line is written when the response closes, a moment after the client has it.
    await vi.waitFor(() => expect(written.some((w) => w.includes('"status":'))).toBe(true));
    return { result, lines: written.map((w): Record<string, unknown> => JSON.parse(w)) };
  } finally {
    spy.mockRestore();
  }
}

describe("the reference on the error page", () => {
  it("is the request id of the logged error, and of the response's X-Request-Id", async () => {
    const { result, lines } = await capturingLog(async () => {
      const response = await fetch(`${origin}/failing`);
      return { status: response.status, requestId: response.headers.get("x-request-id"), html: await response.text() };
    });
    expect(result.status).toBe(500);
    expect(result.requestId).toBeTruthy();
    expect(result.html).toContain("Something went wrong on our side");
    expect(result.html).toContain(`Reference: <span class="select-all font-mono">${result.requestId}</span>`);
    expect(result.html).not.toContain("on fire");

    const error = lines.find((line) => line.level === "error");
    expect(error).toMatchObject({ requestId: result.requestId, method: "GET", path: "/failing", msg: "GET /failing failed" });
    expect(error?.err).toMatchObject({ message: "the readiness table is on fire" });
    expect(lines.find((line) => line.level === "info")).toMatchObject({ requestId: result.requestId, path: "/failing", status: 500 });
  });

  it("is not shown for a page that does not exist", async () => {
    const { result, lines } = await capturingLog(async () => {
      const response = await fetch(`${origin}/missing`);
      return { status: response.status, requestId: response.headers.get("x-request-id"), html: await response.text() };
    });
    expect(result.status).toBe(404);
    expect(result.html).toContain("We could not find that page");
    // The id is in the page's data all the same; only the error text leaves it out.
    expect(result.html).toContain(result.requestId);
    expect(result.html).not.toContain("Reference:");
    expect(lines).toEqual([expect.objectContaining({ requestId: result.requestId, status: 404 })]);
  });
});
