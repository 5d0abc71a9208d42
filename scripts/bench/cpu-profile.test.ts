import { describe, expect, it } from "vitest";
import { bucketOf, isPrisma, shareOf, sharesByPackage, type CpuProfile } from "./cpu-profile";

const code = { root: "/srv/baton/", appBundle: "/srv/baton/build/server/" };
const frame = (functionName: string, url = "") => ({ functionName, url });

/**
 * A call tree as V8 writes it: (root) → the app's handler → Prisma's client → its query compiler (wasm) and
 * JSON.stringify (a builtin, no url), plus Remix, node internals, GC and idle. One sample per node per
 * millisecond of self time.
 */
function profile(): CpuProfile {
  const nodes = [
    { id: 1, callFrame: frame("(root)"), children: [2, 7, 8, 9, 10] },
    { id: 2, callFrame: frame("loader", "file:///srv/baton/build/server/index.js"), children: [3, 6] },
    { id: 3, callFrame: frame("_request", "file:///srv/baton/node_modules/@prisma/client/runtime/client.mjs"), children: [4, 5] },
    { id: 4, callFrame: frame("$func42", "wasm://wasm/0b6f2a3e") },
    { id: 5, callFrame: frame("stringify") },
    { id: 6, callFrame: frame("all", "file:///srv/baton/node_modules/better-sqlite3/lib/methods/wrappers.js") },
    { id: 7, callFrame: frame("handleDocumentRequest", "file:///srv/baton/node_modules/@remix-run/server-runtime/dist/server.js"), children: [11] },
    { id: 8, callFrame: frame("(garbage collector)") },
    { id: 9, callFrame: frame("(idle)") },
    { id: 10, callFrame: frame("(program)") },
    { id: 11, callFrame: frame("writeGeneric", "node:internal/stream_base_commons") },
  ];
  const selfMs: Record<number, number> = { 2: 10, 3: 20, 4: 15, 5: 5, 6: 10, 7: 20, 8: 5, 9: 100, 10: 5, 11: 10 };
  const samples = Object.entries(selfMs).flatMap(([id, ms]) => Array.from({ length: ms }, () => Number(id)));
  // Each sample lasts until the next one; the first comes 1 ms after the start, the last 1 ms before the end.
  return { nodes, startTime: 0, endTime: (samples.length + 1) * 1000, samples, timeDeltas: samples.map(() => 1000) };
}

describe("CPU profile shares by package", () => {
  it("names the bucket of a frame: scoped packages, wasm, node internals, Baton's bundle, V8's own", () => {
    expect(bucketOf(frame("f", "file:///srv/baton/node_modules/@prisma/client/runtime/client.mjs"), code)).toBe("@prisma/client");
    expect(bucketOf(frame("f", "file:///srv/baton/node_modules/express/node_modules/debug/src/node.js"), code)).toBe("debug");
    expect(bucketOf(frame("f", "file:///srv/baton/node_modules/@prisma/client/runtime/query_compiler_bg.sqlite.mjs"), code)).toMatch(/query compiler/);
    expect(bucketOf(frame("$f", "wasm://wasm/abc"), code)).toMatch(/query compiler/);
    expect(bucketOf(frame("f", "node:internal/streams/readable"), code)).toBe("node (internals)");
    expect(bucketOf(frame("f", "file:///srv/baton/build/server/index.js"), code)).toBe("Baton: app (server bundle)");
    expect(bucketOf(frame("f", "file:///srv/baton/server/logger.mjs"), code)).toBe("Baton: server.mjs and server/");
    expect(bucketOf(frame("(garbage collector)"), code)).toBe("(garbage collector)");
    expect(bucketOf(frame("stringify"), code)).toBeNull();
  });

  it("sums self time per bucket as a share of busy time, builtins counted for their caller, idle left out", () => {
    const shares = sharesByPackage(profile(), code);
    expect(shares.totalMs).toBe(200);
    expect(shares.idleMs).toBe(100);
    expect(shares.busyMs).toBe(100);
    const byName = Object.fromEntries(shares.buckets.map((b) => [b.name, b.ms]));
    expect(byName).toEqual({
      "@prisma/client": 25, // its own 20 ms and the 5 ms of JSON.stringify it called
      "@remix-run/server-runtime": 20,
      "@prisma/client: query compiler (WebAssembly)": 15,
      "Baton: app (server bundle)": 10,
      "better-sqlite3": 10,
      "node (internals)": 10,
      "(garbage collector)": 5,
      "(program)": 5,
    });
    expect(shares.buckets[0]).toEqual({ name: "@prisma/client", ms: 25, share: 0.25 });
    expect(shareOf(shares, isPrisma).share).toBeCloseTo(0.4);
    expect(shareOf(shares, (n) => isPrisma(n) || n === "better-sqlite3").share).toBeCloseTo(0.5);
  });

  it("uses hit counts when the profile has no sample list", () => {
    const p = profile();
    const counts = new Map<number, number>();
    for (const id of p.samples!) counts.set(id, (counts.get(id) ?? 0) + 1);
    const withHits: CpuProfile = {
      ...p,
      endTime: 200_000,
      samples: undefined,
      timeDeltas: undefined,
      nodes: p.nodes.map((n) => ({ ...n, hitCount: counts.get(n.id) ?? 0 })),
    };
    const shares = sharesByPackage(withHits, code);
    expect(shares.busyMs).toBeCloseTo(100);
    expect(shareOf(shares, isPrisma).share).toBeCloseTo(0.4);
  });
});
