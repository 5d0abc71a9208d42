// Loaded with `node --import` into Baton's server by `npm run bench -- profile`, so server.mjs stays as it is:
// SIGUSR2 starts V8's CPU profiler (after the warm-up, so start-up and first requests are left out), and SIGTERM
// stops it, writes the profile to BENCH_CPU_PROFILE and exits (a server killed by a signal would write nothing).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";

const file = process.env.BENCH_CPU_PROFILE;
if (!file) throw new Error("profile-hook.mjs needs BENCH_CPU_PROFILE (where to write the profile)");
const session = new Session();
session.connect();
let profiling = false;

const post = (method, params = {}) =>
  new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));

process.on("SIGUSR2", () => {
  if (profiling) return;
  profiling = true;
  post("Profiler.enable")
    .then(() => post("Profiler.setSamplingInterval", { interval: Number(process.env.BENCH_CPU_PROFILE_INTERVAL_US ?? 1000) }))
    .then(() => post("Profiler.start"))
    .then(() => console.error("bench: CPU profile started"));
});

process.on("SIGTERM", () => {
  if (!profiling) process.exit(0);
  post("Profiler.stop")
    .then(({ profile }) => writeFileSync(file, JSON.stringify(profile)))
    .then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
});
