// Where a server's CPU time goes, by package: self time from a V8 CPU profile (.cpuprofile, as written by
// `node --cpu-prof` or the inspector's Profiler.stop), summed per node_modules package, Baton's own code,
// Node's internals and V8's own buckets (garbage collector, program, idle).

/** The parts of a .cpuprofile this reads. */
export type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string }; hitCount?: number; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  /** Microseconds between one sample and the one before it. */
  timeDeltas?: number[];
};

const IDLE = "(idle)";
const PRISMA_WASM = "@prisma/client: query compiler (WebAssembly)";
const SPECIAL = new Set([IDLE, "(program)", "(garbage collector)", "(root)"]);
const NO_CALLER = "(V8 builtins, no JavaScript caller)";

/** Where the code is: the project's root folder, and the app's server bundle inside it (both paths, no file://). */
export type CodeBase = { root: string; appBundle: string };

const pathOf = (url: string) => (url.startsWith("file://") ? decodeURIComponent(new URL(url).pathname) : url);

/**
 * The bucket a frame's self time counts towards, or null for a frame with no script (a V8 builtin such as
 * Array.prototype.map or JSON.stringify, or a native addon's function): those count for whoever called them.
 */
export function bucketOf(frame: { functionName: string; url: string }, code: CodeBase): string | null {
  if (SPECIAL.has(frame.functionName)) return frame.functionName;
  const url = frame.url;
  if (!url) return null;
  // Prisma's query compiler runs as WebAssembly (its only wasm here), driven by its own JavaScript glue.
  if (url.startsWith("wasm://") || /\/query_compiler_bg\.[^/]*$/.test(url)) return PRISMA_WASM;
  if (url.startsWith("node:")) return "node (internals)";
  const path = pathOf(url);
  const at = path.lastIndexOf("/node_modules/");
  if (at >= 0) {
    const [scope, name] = path.slice(at + "/node_modules/".length).split("/");
    return scope?.startsWith("@") && name ? `${scope}/${name}` : (scope ?? "node_modules");
  }
  if (path.startsWith(code.appBundle)) return "Baton: app (server bundle)";
  if (path.startsWith(code.root)) return "Baton: server.mjs and server/";
  return "other";
}

export type Share = { name: string; ms: number; share: number };
export type ProfileShares = { totalMs: number; idleMs: number; busyMs: number; samples: number; buckets: Share[] };

/** Each sample's duration: the time until the next sample (the last one: until the profile ends), in µs. */
function sampleDurations(profile: CpuProfile): { node: number; us: number }[] {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  if (samples.length > 0 && deltas.length === samples.length) {
    let at = profile.startTime;
    const stamps = deltas.map((d) => (at += d));
    return samples.map((node, i) => ({ node, us: Math.max(0, (i + 1 < stamps.length ? stamps[i + 1]! : profile.endTime) - stamps[i]!) }));
  }
  // No sample list: spread the profile's duration over the hit counts.
  const hits = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0);
  const each = hits > 0 ? (profile.endTime - profile.startTime) / hits : 0;
  return profile.nodes.flatMap((node) => Array.from({ length: node.hitCount ?? 0 }, () => ({ node: node.id, us: each })));
}

/** Self time per bucket, as a share of busy time (everything but idle), largest first. */
export function sharesByPackage(profile: CpuProfile, code: CodeBase): ProfileShares {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const bucketById = new Map<number, string>();
  const bucket = (id: number): string => {
    const known = bucketById.get(id);
    if (known) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const own = node ? bucketOf(node.callFrame, code) : null;
    const found = own && own !== "(root)" ? own : up !== undefined ? bucket(up) : NO_CALLER;
    bucketById.set(id, found);
    return found;
  };
  const us = new Map<string, number>();
  const durations = sampleDurations(profile);
  for (const s of durations) us.set(bucket(s.node), (us.get(bucket(s.node)) ?? 0) + s.us);
  const totalUs = [...us.values()].reduce((a, b) => a + b, 0);
  const idleUs = us.get(IDLE) ?? 0;
  const busyUs = totalUs - idleUs;
  const buckets = [...us.entries()]
    .filter(([name]) => name !== IDLE)
    .map(([name, t]) => ({ name, ms: t / 1000, share: busyUs > 0 ? t / busyUs : 0 }))
    .sort((a, b) => b.ms - a.ms);
  return { totalMs: totalUs / 1000, idleMs: idleUs / 1000, busyMs: busyUs / 1000, samples: durations.length, buckets };
}

/** The buckets that are Prisma: every @prisma/* package and its query compiler. */
export const isPrisma = (name: string) => name.startsWith("@prisma/") || name === PRISMA_WASM;

/** The sum of the shares of the buckets `pick` chooses. */
export function shareOf(shares: ProfileShares, pick: (name: string) => boolean): Share {
  const ms = shares.buckets.filter((b) => pick(b.name)).reduce((n, b) => n + b.ms, 0);
  return { name: "", ms, share: shares.busyMs > 0 ? ms / shares.busyMs : 0 };
}
