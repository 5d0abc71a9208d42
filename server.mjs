// Baton's HTTP server: express in front of Remix, so security rules apply to every request in one place.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import cluster from "node:cluster";
import { readdirSync } from "node:fs";
import { serverProcessCount, stopGracefully, superviseWorkers } from "./server/cluster.mjs";
import { databaseProblem } from "./server/database.mjs";
import { answeredByLimits, requestLimits } from "./server/limits.mjs";
import { REQUEST_ID_HEADER, logger, requestIds } from "./server/logger.mjs";
import { clientIp, originGuard, securityHeaders } from "./server/security.mjs";

const dev = process.argv.includes("--dev");
const buildDir = process.env.BUILD_DIR ?? "build";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST; // unset: every interface, IPv4 and IPv6
const worker = process.env.BATON_WORKER_INDEX; // set by the primary in each of several processes

// WEB_CONCURRENCY above 1: this process only supervises that many copies of itself (server/cluster.mjs).
const processes = serverProcessCount(process.env.WEB_CONCURRENCY);
if (dev && processes > 1) logger.warn("WEB_CONCURRENCY is ignored by the development server: it runs one process");
if (cluster.isPrimary) {
  const problem = await databaseProblem(process.env.DATABASE_URL ?? "file:./data/baton.db");
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
if (cluster.isPrimary && processes > 1 && !dev) superviseWorkers(processes);
else await serve();

async function serve() {
  const vite = dev ? await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } })) : undefined;

  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  app.use(compression());
  app.use(securityHeaders);
  // URL and body size limits, before anything reads the request; Node itself answers 431 for headers over 16 KB.
  app.use(requestLimits());

  if (vite) {
    (await import("./server/content-watcher.mjs")).watchContent();
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static(`${buildDir}/client/assets`, { immutable: true, maxAge: "1y" }));
    // The top-level files (the favicon) by name: asking the disk about every page's path costs each request a failed stat.
    const topFiles = new Set(readdirSync(`${buildDir}/client`, { withFileTypes: true }).flatMap((f) => (f.isFile() ? [`/${f.name}`] : [])));
    const files = express.static(`${buildDir}/client`, { maxAge: "1h", index: false });
    app.use((req, res, next) => (topFiles.has(req.path) ? files(req, res, next) : next()));
  }

  app.use(clientIp);
  // From here on every request has an id: in the response, in its log line, and as the reference on the error page.
  app.use(requestIds({ trustProxy: Boolean(process.env.TRUST_PROXY) }));
  app.use(originGuard({ publicOrigin: process.env.BATON_ORIGIN }));

  const build = vite
    ? () => vite.ssrLoadModule("virtual:remix/server-build")
    : await import(new URL(`${buildDir}/server/index.js`, `file://${process.cwd()}/`).href);
  app.all("*", createRequestHandler({ build }));

  // The last resort: whatever escaped Remix is logged in full and answered without detail.
  app.use((err, req, res, _next) => {
    // After a 413 from server/limits.mjs, Remix's own answer to the failed body has nowhere to go.
    if (answeredByLimits(res)) return;
    const path = req.originalUrl.split("?")[0];
    logger.error({ err, requestId: req.headers[REQUEST_ID_HEADER], method: req.method, path }, `${req.method} ${path} failed outside Remix`);
    if (res.headersSent) return void res.destroy();
    res.status(500).type("text/plain").send("Something went wrong on our side.");
  });

  const onListen = () =>
    logger.info(
      { port, host: host ?? null, dev, ...(worker && { worker: Number(worker) }) },
      `Baton is running at http://${host ?? "localhost"}:${port}${worker ? ` (process ${worker})` : ""}`,
    );
  const server = host ? app.listen(port, host, onListen) : app.listen(port, onListen);
  if (cluster.isWorker) stopGracefully(server);
}
