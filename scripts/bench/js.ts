// (d) The JavaScript a lesson page makes the browser load, gzipped as served, and the server's memory.
import { request } from "node:http";
import { gzipSync } from "node:zlib";
import { fmt, type Bench } from "./context";
import { fetchLessonHtml } from "./lesson";
import { status } from "./status";

const GOAL_KB = 120;

/** Bytes on the wire for one URL when the browser accepts gzip (the body as sent, not decoded). */
function servedSize(url: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Module scripts the page asks for: modulepreload links, script src, and imports in inline module scripts. */
export function pageScriptUrls(html: string): string[] {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
    if (href) urls.add(href);
  }
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) if (m[1]) urls.add(m[1]);
  for (const m of html.matchAll(/<script\b[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const imp of (m[1] ?? "").matchAll(/\bimport\s*\(?\s*(?:[^"'();]*?\bfrom\s*)?["']([^"']+\.js)["']/g)) if (imp[1]) urls.add(imp[1]);
  }
  return [...urls];
}

/** Static imports of a built module (`import{a}from"./x.js"`, `import"./y.js"`); dynamic import() loads later, if ever. */
export function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:^|[;\s})])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g)].flatMap((m) => (m[1] ? [m[1]] : []));
}

/** Inline <script> bodies (Remix's context and loader data, which carry the lesson's compiled MDX). */
const inlineScripts = (html: string) =>
  [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "").filter((s) => s.trim().length > 0);

export async function jsPart(b: Bench) {
  const html = (await fetchLessonHtml(b)).toString("utf8");
  const pageUrl = b.server.origin + b.lessonPath;
  // Everything the page loads before it is interactive: what it names, and whatever those import statically.
  const queue = pageScriptUrls(html).map((u) => new URL(u, pageUrl).href);
  const urls = new Set<string>();
  let filesBytes = 0;
  for (let url = queue.shift(); url; url = queue.shift()) {
    if (urls.has(url)) continue;
    urls.add(url);
    const served = await servedSize(url);
    if (served.status !== 200) throw new Error(`${url}: HTTP ${served.status}`);
    filesBytes += served.bytes;
    const code = await (await fetch(url)).text();
    queue.push(...staticImports(code).map((u) => new URL(u, url).href));
  }
  const inline = gzipSync(Buffer.from(inlineScripts(html).join("\n")));
  const total = filesBytes + inline.length;
  status.log(`JavaScript: ${urls.size} files, ${fmt.kb(filesBytes)} gzipped, plus ${fmt.kb(inline.length)} of inline scripts gzipped.`);

  b.rows.push(
    {
      part: "js",
      figure: `JavaScript files a lesson page loads (${urls.size} modules), gzipped`,
      value: fmt.kb(filesBytes),
      baseline: "—",
      ratio: "—",
      goal: "—",
      met: null,
    },
    {
      part: "js",
      figure: "Inline scripts in the page (loader data incl. the lesson body as HTML), gzipped",
      value: fmt.kb(inline.length),
      baseline: "—",
      ratio: "—",
      goal: "—",
      met: null,
    },
    {
      part: "js",
      figure: "JavaScript shipped for a lesson page, gzipped (files + inline)",
      value: fmt.kb(total),
      baseline: "—",
      ratio: `${fmt.pct(total / (GOAL_KB * 1024))} of goal`,
      goal: `≤ ${GOAL_KB} KB`,
      met: total <= GOAL_KB * 1024,
    },
  );
  if (total > GOAL_KB * 1024) {
    b.notes.push(`A lesson page ships ${fmt.kb(total)} of JavaScript gzipped, ${fmt.kb(total - GOAL_KB * 1024)} over the ${GOAL_KB} KB goal.`);
  }
}
