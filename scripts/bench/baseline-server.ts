// The benchmark's baseline: a bare node:http server answering every request with the same HTML bytes
// Baton sent for the lesson page. With --gzip it compresses per request, as Baton's compression middleware does.
//   node --import tsx scripts/bench/baseline-server.ts <page.html> [--gzip]     (PORT and HOST from env)
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { gzip } from "node:zlib";

const [file, ...flags] = process.argv.slice(2);
if (!file) throw new Error("usage: baseline-server.ts <page.html> [--gzip]");
const page = readFileSync(file);
const compress = flags.includes("--gzip");

createServer((req, res) => {
  const wantsGzip = compress && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  if (!wantsGzip) {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": page.length });
    res.end(page);
    return;
  }
  gzip(page, (error, body) => {
    if (error) {
      res.writeHead(500).end();
      return;
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip", "Content-Length": body.length, Vary: "Accept-Encoding" });
    res.end(body);
  });
}).listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1");
