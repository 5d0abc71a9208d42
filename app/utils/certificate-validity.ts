import { formatDate } from "./format";

type Shown = { status: "valid" | "expired" | "revoked"; validUntil: string | Date | null; revokedAt: string | Date | null };

/** A certificate's standing in a few words: "Valid until 3 Dec 2027", "Expired on …", "Revoked on …" or "No expiry". */
export function validityLabel(c: Shown): string {
  if (c.status === "revoked") return `Revoked on ${formatDate(c.revokedAt)}`;
  if (c.status === "expired") return `Expired on ${formatDate(c.validUntil)}`;
  return c.validUntil ? `Valid until ${formatDate(c.validUntil)}` : "No expiry";
}
