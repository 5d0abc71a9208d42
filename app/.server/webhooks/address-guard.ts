/**
 * In production a webhook may only reach the public internet: an endpoint whose name resolves to this machine or the
 * private network would let anyone with HR rights probe internal services. Checked when an endpoint is saved and
 * again on every delivery, inside the connection's own DNS lookup, so a name that changes its answer cannot slip by.
 */
import dns from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local (cloud metadata lives here)
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique-local
  ["fe80::", 10], // link-local
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

/** Whether an address is loopback, private, link-local, unique-local or otherwise not on the public internet. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return blocked.check(mapped, "ipv4");
  return blocked.check(address, "ipv6");
}

export class RefusedAddressError extends Error {
  readonly permanent = true;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/** Every address the URL's host resolves to must be public; returns the problem, or null. */
export async function nonPublicProblem(url: URL): Promise<string | null> {
  const host = hostOf(url);
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return `The name ${host} does not resolve.`;
  }
  const bad = addresses.find(isNonPublicAddress);
  return bad ? `${host} points to ${bad}, a private or local address; webhooks may only go to public addresses.` : null;
}

/** Throws for an IP literal that is not public (node's lookup is skipped for those). */
export function refuseNonPublicLiteral(url: URL) {
  const host = hostOf(url);
  if (isIP(host) && isNonPublicAddress(host)) throw new RefusedAddressError(`${host} is a private or local address; webhooks may only go to public addresses.`);
}

/** A DNS lookup for the HTTP client that refuses non-public answers at connection time. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const list = addresses;
    const bad = list.find((a) => isNonPublicAddress(a.address));
    if (bad) return callback(new RefusedAddressError(`${hostname} points to ${bad.address}, a private or local address.`), "", 0);
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    const first = list[0];
    if (!first) return callback(new RefusedAddressError(`${hostname} does not resolve.`), "", 0);
    callback(null, first.address, first.family);
  });
};
