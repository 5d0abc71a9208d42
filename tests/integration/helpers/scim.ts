/** Calls the /scim/v2 route modules as an identity provider would: a SCIM token, JSON bodies, SCIM responses. */
import { hashToken } from "~/.server/auth/token";
import { prisma } from "~/.server/db";
import * as catchAll from "~/routes/scim.v2.$";
import * as resourceType from "~/routes/scim.v2.ResourceTypes.$id";
import * as resourceTypes from "~/routes/scim.v2.ResourceTypes";
import * as schema from "~/routes/scim.v2.Schemas.$id";
import * as schemas from "~/routes/scim.v2.Schemas";
import * as config from "~/routes/scim.v2.ServiceProviderConfig";
import * as user from "~/routes/scim.v2.Users.$id";
import * as users from "~/routes/scim.v2.Users";

const ORIGIN = "http://localhost:3000";

/** A token row as HR's page would create it; returns the bearer value. */
export async function createScimToken(
  scope: "SCIM" | "READ" | "READ_WRITE" = "SCIM",
  name = "Okta provisioning",
  expiresAt = new Date(Date.now() + 86_400_000),
) {
  const token = `baton_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  const row = await prisma.apiToken.create({
    data: { name, tokenHash: hashToken(token), prefix: token.slice(0, 12), scope, createdAt: new Date(), expiresAt },
  });
  return { token, id: row.id, name };
}

type Call = { method?: string; token?: string | null; body?: unknown; rawBody?: string; contentType?: string };

export type ScimResult = { status: number; headers: Headers; body: any };

function routeFor(path: string): { module: { loader: (a: any) => Promise<Response>; action: (a: any) => Promise<Response> }; params: Record<string, string> } {
  const parts = path
    .split("?")[0]!
    .replace(/^\/scim\/v2\/?/, "")
    .split("/")
    .map(decodeURIComponent);
  const [first, second, ...rest] = parts;
  if (rest.length === 0) {
    if (first === "Users") return second === undefined ? { module: users, params: {} } : { module: user, params: { id: second } };
    if (first === "Schemas") return second === undefined ? { module: schemas, params: {} } : { module: schema, params: { id: second } };
    if (first === "ResourceTypes") return second === undefined ? { module: resourceTypes, params: {} } : { module: resourceType, params: { id: second } };
    if (first === "ServiceProviderConfig" && second === undefined) return { module: config, params: {} };
  }
  return { module: catchAll, params: { "*": parts.join("/") } };
}

/** One SCIM request, routed to the module Remix would pick (loader for GET, action otherwise). */
export async function scim(path: string, call: Call = {}): Promise<ScimResult> {
  const method = call.method ?? "GET";
  const headers = new Headers({ Accept: "application/scim+json", "x-baton-client-ip": "198.51.100.9" });
  if (call.token) headers.set("Authorization", `Bearer ${call.token}`);
  const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  if (body !== undefined) headers.set("Content-Type", call.contentType ?? "application/scim+json");
  const request = new Request(`${ORIGIN}${path.replace(/ /g, "%20").replace(/"/g, "%22")}`, { method, headers, body });
  const { module, params } = routeFor(path);
  const response = await (method === "GET" ? module.loader : module.action)({ request, params, context: {} });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

export const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const BATON = "urn:baton:params:scim:schemas:extension:baton:2.0:User";
