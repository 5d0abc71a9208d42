import type { Claimed } from "../outbox/claim";
import type { HttpRequest } from "../outbox/http";
import { lrsConnection } from "./settings";

/** POST <endpoint>/statements, xAPI 1.0.3 with Basic auth. A 409 means the LRS already has this statement id: sent. */
export async function lrsRequest(message: Claimed): Promise<{ request: HttpRequest; alsoSent: number[] } | { problem: string }> {
  const lrs = await lrsConnection();
  if (!lrs) return { problem: "No learning record store is set up." };
  return {
    request: {
      url: `${lrs.endpoint.replace(/\/+$/, "")}/statements`,
      headers: {
        "x-experience-api-version": "1.0.3",
        authorization: `Basic ${Buffer.from(`${lrs.username}:${lrs.secret}`).toString("base64")}`,
      },
      body: message.payload,
    },
    alsoSent: [409],
  };
}
