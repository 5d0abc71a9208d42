// A small reverse proxy for tests: each request goes to the next of several upstream servers in turn, as a load
// balancer in front of two machines would send it. Method, path, headers (Host included, so the app's Origin check
// sees the proxy's origin) and body pass through; the response streams back with `x-upstream: <index>`.
import http, { type IncomingHttpHeaders } from "node:http";

export const UPSTREAM_HEADER = "x-upstream";

// Hop-by-hop headers describe one connection, not the message: Node frames each side's body itself.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);

const endToEnd = (headers: IncomingHttpHeaders) => Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));

export type RoundRobinProxy = {
  origin: string;
  /** The upstream index that answered each request so far, in order of arrival. */
  answeredBy: number[];
  close: () => Promise<void>;
};

/** Start the proxy on 127.0.0.1 (a free port) in front of servers listening on 127.0.0.1 at these ports. */
export function startRoundRobinProxy(upstreamPorts: number[]): Promise<RoundRobinProxy> {
  if (upstreamPorts.length === 0) throw new Error("A round-robin proxy needs at least one upstream server");
  const answeredBy: number[] = [];
  // A fresh connection per request: no upstream keeps a socket the test's end would wait for.
  const agent = new http.Agent({ keepAlive: false });
  let next = 0;
  const proxy = http.createServer((request, response) => {
    const index = next++ % upstreamPorts.length;
    answeredBy.push(index);
    const upstream = http.request(
      { host: "127.0.0.1", port: upstreamPorts[index], method: request.method, path: request.url, headers: endToEnd(request.headers), agent },
      (reply) => {
        response.writeHead(reply.statusCode ?? 502, reply.statusMessage, { ...endToEnd(reply.headers), [UPSTREAM_HEADER]: String(index) });
        reply.pipe(response);
      },
    );
    upstream.on("error", (error) => {
      if (response.headersSent) return void response.destroy(error);
      response.writeHead(502, { "content-type": "text/plain", [UPSTREAM_HEADER]: String(index) }).end(`Upstream ${index} failed: ${error.message}`);
    });
    request.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    proxy.once("error", reject);
    proxy.listen(0, "127.0.0.1", () => {
      const address = proxy.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        answeredBy,
        close: () =>
          new Promise<void>((done) => {
            proxy.closeAllConnections();
            proxy.close(() => done());
          }),
      });
    });
  });
}
