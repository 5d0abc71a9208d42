// The second baseline: the smallest Remix app that sends a Baton page — express and compression in front of
// @remix-run/express, as in server.mjs, with a ServerBuild made by hand (no Vite, no Baton code): a root route
// and one route, no loaders, whose component renders the page's HTML as Baton sent it; an entry that renders
// with renderToPipeableStream and sends one buffer, as app/entry.server.tsx does. What it costs per request is Remix's, React's and
// express's own share for (about) the same bytes: the framework's ceiling for that page.
//   node --import tsx scripts/bench/remix-baseline-server.tsx <page.html>     (PORT and HOST from env)
import { createRequestHandler } from "@remix-run/express";
import type { EntryContext, ServerBuild } from "@remix-run/node";
import { Outlet, RemixServer, Scripts, ScrollRestoration } from "@remix-run/react";
import compression from "compression";
import express from "express";
import { readFileSync } from "node:fs";
import { renderToPipeableStream } from "react-dom/server";
import { bufferedBody } from "../../app/.server/buffered-body";
import { pageParts } from "./page-parts";

const [file] = process.argv.slice(2);
if (!file) throw new Error("usage: remix-baseline-server.tsx <page.html>");
const page = pageParts(readFileSync(file, "utf8"));

function Root() {
  return (
    <html lang={page.lang} className={page.htmlClass}>
      <head dangerouslySetInnerHTML={{ __html: page.head }} />
      <body className={page.bodyClass}>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/** The page's own markup, with no data: what Baton's route components and MDX render. */
function Page() {
  return <div dangerouslySetInnerHTML={{ __html: page.body }} />;
}

/** As app/entry.server.tsx: the whole page rendered, then sent as one buffer. */
function handleRequest(request: Request, status: number, headers: Headers, context: EntryContext) {
  return new Promise<Response>((resolve, reject) => {
    const body = bufferedBody((html) => {
      clearTimeout(timer);
      headers.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(html, { headers, status }));
    });
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={context} url={request.url} />, {
      onAllReady: () => pipe(body),
      onShellError: reject,
    });
    const timer = setTimeout(abort, 5000);
  });
}

const route = { hasAction: false, hasLoader: false, hasClientAction: false, hasClientLoader: false, hasErrorBoundary: false, imports: [], css: [] };
const build: ServerBuild = {
  mode: "production",
  entry: { module: { default: handleRequest } },
  routes: {
    root: { id: "root", path: "", module: { default: Root } },
    "routes/page": { id: "routes/page", parentId: "root", path: "*", module: { default: Page } },
  },
  assets: {
    entry: { module: "/assets/entry.client.js", imports: [] },
    routes: {
      root: { ...route, id: "root", path: "", module: "/assets/root.js" },
      "routes/page": { ...route, id: "routes/page", parentId: "root", path: "*", module: "/assets/page.js" },
    },
    url: "/assets/manifest-bench.js",
    version: "bench",
  },
  publicPath: "/",
  assetsBuildDirectory: "build-bench/client",
  // Baton's own flags (vite.config.ts): single fetch and lazy route discovery shape what <Scripts /> sends.
  future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true },
  isSpaMode: false,
};

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.all("*", createRequestHandler({ build, mode: "production" }));
app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1");
