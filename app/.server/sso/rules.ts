/**
 * The pure decisions of single sign-on: who an ID token signs in, where the browser goes afterwards, and whether a
 * person may still use a password. No clock, no database: callers pass what they read.
 */
import type { Role } from "~/generated/prisma/enums";
import { safeRedirect } from "~/utils/redirect";

/** The claims Baton reads from a verified ID token. */
export type SsoClaims = {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  given_name?: unknown;
  family_name?: unknown;
};

type Candidate = { id: string; deactivatedAt: Date | null };

export type MatchInput = {
  /** The person already linked to this provider's `sub`, if any. */
  linked: Candidate | null;
  /** The person whose e-mail equals the token's e-mail (looked up only when the e-mail is verified). */
  byEmail: (Candidate & { linkedSubjectHere: string | null }) | null;
  email: string | null;
  emailVerified: boolean;
  createPeople: boolean;
  /** The e-mail domains listed for this provider: when there are any, only they may be created on first sign-in. */
  providerDomains: string[];
};

export type RefusalReason = "deactivated" | "no_email" | "unverified_email" | "no_account" | "linked_elsewhere";

export type MatchDecision =
  { kind: "linked"; personId: string } | { kind: "link"; personId: string } | { kind: "create" } | { kind: "refused"; reason: RefusalReason };

/** Link first, then verified e-mail, then (if the provider may) a new person; deactivated people never get in. */
export function decideMatch(input: MatchInput): MatchDecision {
  if (input.linked) return input.linked.deactivatedAt ? refused("deactivated") : { kind: "linked", personId: input.linked.id };
  if (!input.email) return refused("no_email");
  // An unverified address proves nothing: whoever typed it at the provider could be anyone.
  if (!input.emailVerified) return refused("unverified_email");
  if (input.byEmail) {
    if (input.byEmail.deactivatedAt) return refused("deactivated");
    // Another account at the same provider already signs this person in: a second one is not added silently.
    if (input.byEmail.linkedSubjectHere) return refused("linked_elsewhere");
    return { kind: "link", personId: input.byEmail.id };
  }
  const domain = emailDomain(input.email);
  const domainAllowed = input.providerDomains.length === 0 || (domain !== null && input.providerDomains.includes(domain));
  return input.createPeople && domainAllowed ? { kind: "create" } : refused("no_account");
}

const refused = (reason: RefusalReason): MatchDecision => ({ kind: "refused", reason });

/** What the person reads when the provider said who they are but Baton will not let them in. */
export function refusalMessage(reason: RefusalReason, email: string | null, providerName: string): string {
  switch (reason) {
    case "deactivated":
      return "Your Baton account has been deactivated. Ask HR if you think this is wrong.";
    case "no_email":
      return `${providerName} did not tell Baton your e-mail address, so Baton cannot find your account. Ask HR.`;
    case "unverified_email":
      return `${providerName} has not verified the e-mail address ${email ?? ""}, so Baton cannot match it to an account. Verify it there or ask HR.`;
    case "linked_elsewhere":
      return `Your Baton account is already linked to another ${providerName} account. Sign in with that one, or ask HR.`;
    case "no_account":
      return `No Baton account for ${email ?? "this e-mail address"}; ask HR.`;
  }
}

/** The e-mail in lower case and whether the provider vouches for it (only a literal `true` counts). */
export function emailFromClaims(claims: SsoClaims): { email: string | null; verified: boolean } {
  const email = typeof claims.email === "string" && claims.email.includes("@") ? claims.email.trim().toLowerCase() : null;
  return { email, verified: claims.email_verified === true };
}

const NAME_MAX = 200;

/** A name for a person created on first sign-in: `name`, else given + family name, else the e-mail. */
export function nameFromClaims(claims: SsoClaims, email: string): string {
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  const full = text(claims.name) || [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(" ") || email;
  return full.slice(0, NAME_MAX);
}

export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  return at > 0 && at < email.length - 1 ? email.slice(at + 1).toLowerCase() : null;
}

/** Where a signed-in person goes: the page they asked for (on this site only), else their home. */
export function returnPath(redirectTo: string | null | undefined, home: string): string {
  const path = safeRedirect(redirectTo, home);
  // Back into the sign-in flow would loop or start another provider round trip.
  return path === "/login" || path.startsWith("/login?") || path.startsWith("/sso/") ? home : path;
}

/** Whether a password may sign this person in, given their e-mail domain's rule. */
export function passwordRule(
  person: { role: Role; passwordAlwaysAllowed: boolean } | null,
  domain: { passwordOff: boolean; providerName: string; providerEnabled: boolean } | null,
): { kind: "allowed" } | { kind: "sso-only"; providerName: string } {
  if (!domain || !domain.passwordOff || !domain.providerEnabled) return { kind: "allowed" };
  // The break-glass account: an HR person who can still get in when the provider is down.
  if (person?.passwordAlwaysAllowed && person.role === "HR") return { kind: "allowed" };
  return { kind: "sso-only", providerName: domain.providerName };
}

/** Only http:// issuers on this machine (the tests' provider); every real provider is https. */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return "Enter the issuer's URL, e.g. https://login.example.com.";
  }
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return null;
  return "The issuer must be an https:// URL (http:// only for a provider on this machine).";
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || hostname === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
