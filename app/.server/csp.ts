import { randomBytes } from "node:crypto";

/** A fresh nonce for each page. */
export const createNonce = () => randomBytes(16).toString("base64");

/**
 * The Content-Security-Policy of every page (docs/decisions/012): scripts only with this request's nonce (and what
 * they load, 'strict-dynamic'), no plugins, no <base>, never framed. Styles allow inline attributes (React style
 * props, chart widths); they cannot run code. No 'unsafe-eval': lesson bodies arrive as data.
 */
export function contentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}
