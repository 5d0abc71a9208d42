import autocannon from "autocannon";
import { status } from "./status";

export type BenchRequest = {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Handed back with the response, to check afterwards what the server answered for it. */
  tag?: string;
};

export type LoadSpec = {
  label: string;
  origin: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  rounds: number;
  next: () => BenchRequest;
  onResponse?: (tag: string | undefined, status: number) => void;
  /** Runs between the warm-up and the measured rounds (the profile part starts the CPU profiler there). */
  afterWarmup?: () => Promise<void>;
};

type Round = {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  /** Responses other than 2xx. */
  non2xx: number;
  statusCodes: Record<string, number>;
};

export type LoadResult = {
  label: string;
  rounds: Round[];
  warmup: Round;
  median: Pick<Round, "rps" | "p50" | "p99">;
  totals: Omit<Round, "rps" | "p50" | "p99">;
};

/** The value below which `p` percent of the samples fall (nearest rank). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

type Context = { tag?: string };

function runOnce(spec: LoadSpec, seconds: number, title: string): Promise<Round> {
  return new Promise((resolve, reject) => {
    let elapsed = 0;
    // autocannon's own latency histogram counts whole milliseconds; a bare server answers in a fraction of one.
    const latencies: number[] = [];
    const instance = autocannon(
      {
        url: spec.origin,
        connections: spec.connections,
        pipelining: 1,
        duration: seconds,
        timeout: 10,
        requests: [
          {
            setupRequest(request, context) {
              const next = spec.next();
              (context as Context).tag = next.tag;
              return { ...request, method: next.method, path: next.path, headers: next.headers, body: next.body };
            },
            onResponse(statusCode, _body, context) {
              spec.onResponse?.((context as Context).tag, statusCode);
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const statusCodes: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          rps: latencies.length / result.duration,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          requests: latencies.length,
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          statusCodes,
        });
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
    instance.on("tick", () => {
      elapsed += 1;
      status.update(`${title} · ${elapsed}/${seconds} s · ${Math.round(latencies.length / elapsed)} req/s`);
    });
  });
}

/** A warm-up round, then `rounds` measured rounds; the figures are the median of the rounds. */
export async function measure(spec: LoadSpec): Promise<LoadResult> {
  const warmup = await runOnce(spec, spec.warmupSeconds, `${spec.label}: warm-up`);
  await spec.afterWarmup?.();
  const rounds: Round[] = [];
  for (let i = 1; i <= spec.rounds; i++) rounds.push(await runOnce(spec, spec.seconds, `${spec.label}: round ${i}/${spec.rounds}`));
  const all = [warmup, ...rounds];
  const sum = (pick: (r: Round) => number) => all.reduce((n, r) => n + pick(r), 0);
  const statusCodes: Record<string, number> = {};
  for (const r of all) for (const [code, n] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const result: LoadResult = {
    label: spec.label,
    rounds,
    warmup,
    median: { rps: median(rounds.map((r) => r.rps)), p50: median(rounds.map((r) => r.p50)), p99: median(rounds.map((r) => r.p99)) },
    totals: { requests: sum((r) => r.requests), errors: sum((r) => r.errors), timeouts: sum((r) => r.timeouts), non2xx: sum((r) => r.non2xx), statusCodes },
  };
  status.log(
    `${spec.label}: ${Math.round(result.median.rps)} req/s, p50 ${result.median.p50.toFixed(2)} ms, p99 ${result.median.p99.toFixed(2)} ms` +
      ` (median of ${spec.rounds} × ${spec.seconds} s, ${spec.connections} connections)`,
  );
  return result;
}
