/**
 * Signing in through an identity provider: the start (a remembered attempt, then off to the provider) and the
 * callback (the attempt used up, the code exchanged, the ID token checked, the person found, linked or created).
 */
import type { Role } from "~/generated/prisma/enums";
import { recordAudit } from "../audit/audit";
import { createSession } from "../auth/session";
import { hashToken } from "../auth/token";
import { findTrustedDevice, trustDevice } from "../auth/trusted-device";
import { syncRuleAssignments } from "../curricula/sync";
import { prisma } from "../db";
import { publishEvents } from "../integrations/events";
import { readinessChanged } from "../readiness/upkeep";
import { authorizationUrl, exchangeCode, newChallenge, providerConfiguration, SsoConfigurationError, type GrantFailure } from "./client";
import { decideMatch, emailDomain, emailFromClaims, nameFromClaims, refusalMessage, type SsoClaims } from "./rules";

export const ATTEMPT_TTL_MS = 10 * 60 * 1000;

const providerSelect = {
  id: true,
  slug: true,
  name: true,
  issuer: true,
  clientId: true,
  clientSecretSealed: true,
  clientSecretEnv: true,
  updatedAt: true,
} as const;

export type StartOutcome = { kind: "redirect"; url: string; state: string } | { kind: "not-found" } | { kind: "unavailable"; message: string };

const unavailable = (name: string) => `Baton cannot reach ${name} right now. Try again in a few minutes, or ask HR.`;

export async function startSsoSignIn(slug: string, input: { redirectTo: string | null; redirectUri: string }, now: Date): Promise<StartOutcome> {
  const provider = await prisma.identityProvider.findFirst({ where: { slug, enabled: true }, select: providerSelect });
  if (!provider) return { kind: "not-found" };
  let url: URL;
  const challenge = newChallenge();
  try {
    url = await authorizationUrl(await providerConfiguration(provider), challenge, input.redirectUri);
  } catch (error) {
    return {
      kind: "unavailable",
      message: error instanceof SsoConfigurationError ? `${provider.name} is not set up completely: ${error.message} Ask HR.` : unavailable(provider.name),
    };
  }
  await prisma.ssoAttempt.create({
    data: {
      id: hashToken(challenge.state),
      providerId: provider.id,
      codeVerifier: challenge.codeVerifier,
      nonce: challenge.nonce,
      redirectTo: input.redirectTo,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ATTEMPT_TTL_MS),
    },
  });
  return { kind: "redirect", url: url.href, state: challenge.state };
}

export type CallbackInput = {
  slug: string;
  /** The callback as the provider sent the browser to it (code, state, or error). */
  params: URLSearchParams;
  /** The state this browser's cookie holds. */
  cookieState: string | null;
  redirectUri: string;
  ip: string | null;
  userAgent: string | null;
  deviceToken: string | null;
};

export type CallbackOutcome =
  | { kind: "signed-in"; token: string; deviceToken: string; person: { id: string; email: string; role: Role }; redirectTo: string | null }
  | { kind: "refused"; message: string };

const STARTED_ELSEWHERE = "This sign-in was started in another browser or window, so it cannot finish here. Start again from the sign-in page.";
const EXPIRED_ATTEMPT = "This sign-in has expired or was already used. Start again from the sign-in page.";

function grantMessage(failure: GrantFailure, providerName: string): string {
  switch (failure) {
    case "expired_code":
      return `The sign-in code from ${providerName} expired or was already used. Please sign in again.`;
    case "nonce":
      return `The answer from ${providerName} did not belong to this sign-in (its nonce did not match), so Baton refused it. Please sign in again.`;
    case "idp_error":
      return `${providerName} did not sign you in.`;
    case "unreachable":
      return unavailable(providerName);
    case "invalid_token":
      return `Baton could not verify the answer from ${providerName}. Please sign in again, or ask HR if it keeps happening.`;
  }
}

export async function completeSsoSignIn(input: CallbackInput, now: Date): Promise<CallbackOutcome> {
  const provider = await prisma.identityProvider.findFirst({ where: { slug: input.slug, enabled: true }, select: providerSelect });
  if (!provider) return { kind: "refused", message: "This sign-in provider is not available. Start again from the sign-in page." };
  const audit = (reason: string, extra: Record<string, unknown> = {}, target: string | null = null, subjectId: string | null = null) =>
    recordAudit({
      action: "sso.sign_in.refused",
      target: target ?? provider.name,
      subjectId,
      ip: input.ip,
      details: { provider: provider.slug, reason, ...extra },
    });

  const state = input.params.get("state");
  if (!state || !input.cookieState || input.cookieState !== state) {
    await audit(state ? "state_mismatch" : "no_state");
    return { kind: "refused", message: STARTED_ELSEWHERE };
  }
  // One use: the attempt is gone whatever happens next.
  const id = hashToken(state);
  const attempt = await prisma.ssoAttempt.findUnique({ where: { id } });
  const taken = attempt ? (await prisma.ssoAttempt.deleteMany({ where: { id } })).count === 1 : false;
  if (!attempt || !taken || attempt.expiresAt <= now || attempt.providerId !== provider.id) {
    await audit("expired_state");
    return { kind: "refused", message: EXPIRED_ATTEMPT };
  }

  const idpError = input.params.get("error");
  if (idpError) {
    const description = input.params.get("error_description")?.slice(0, 300) ?? null;
    await audit("idp_error", { error: idpError.slice(0, 100), description });
    return { kind: "refused", message: `${provider.name} did not sign you in (${description ?? idpError}). Start again from the sign-in page.` };
  }

  let config;
  try {
    config = await providerConfiguration(provider);
  } catch {
    await audit("unreachable");
    return { kind: "refused", message: unavailable(provider.name) };
  }
  const callbackUrl = new URL(input.redirectUri);
  callbackUrl.search = input.params.toString();
  const grant = await exchangeCode(config, callbackUrl, { state, nonce: attempt.nonce, codeVerifier: attempt.codeVerifier }, input.redirectUri);
  if (!grant.ok) {
    await audit(grant.failure, { detail: grant.detail.slice(0, 300) });
    return { kind: "refused", message: grantMessage(grant.failure, provider.name) };
  }

  const claims: SsoClaims = grant.claims;
  const matched = await matchPerson(provider, claims, input.ip, now);
  if (matched.kind === "refused") return matched;

  const { token } = await createSession(matched.person.id, now, { userAgent: input.userAgent, ip: input.ip });
  const device = await findTrustedDevice(input.deviceToken, now);
  const deviceToken = await trustDevice(matched.person.id, now, device?.personId === matched.person.id ? device : null);
  await recordAudit({
    action: "sign_in",
    actor: matched.person,
    target: matched.person.email,
    ip: input.ip,
    details: { method: "sso", provider: provider.slug },
  });
  return { kind: "signed-in", token, deviceToken, person: matched.person, redirectTo: attempt.redirectTo };
}

type MatchResult = { kind: "matched"; person: { id: string; email: string; role: Role } } | { kind: "refused"; message: string };

/** Finds, links or creates the person in one transaction, so two first sign-ins at once cannot make two people. */
async function matchPerson(provider: { id: string; slug: string; name: string }, claims: SsoClaims, ip: string | null, now: Date): Promise<MatchResult> {
  const { email, verified } = emailFromClaims(claims);
  const personSelect = { id: true, email: true, role: true, deactivatedAt: true } as const;
  return prisma.$transaction(async (tx): Promise<MatchResult> => {
    const link = await tx.identityLink.findUnique({
      where: { providerId_subject: { providerId: provider.id, subject: claims.sub } },
      select: { person: { select: personSelect } },
    });
    const byEmail =
      !link && email && verified
        ? await tx.person.findUnique({
            where: { email },
            select: { ...personSelect, identities: { where: { providerId: provider.id }, select: { subject: true }, take: 1 } },
          })
        : null;
    const full = await tx.identityProvider.findUniqueOrThrow({
      where: { id: provider.id },
      select: { createPeople: true, defaultRole: true, firstSignInAt: true, domains: { select: { domain: true } } },
    });
    const decision = decideMatch({
      linked: link?.person ?? null,
      byEmail: byEmail ? { ...byEmail, linkedSubjectHere: byEmail.identities[0]?.subject ?? null } : null,
      email,
      emailVerified: verified,
      createPeople: full.createPeople,
      providerDomains: full.domains.map((d) => d.domain),
    });
    const details = { provider: provider.slug, subject: claims.sub };

    if (decision.kind === "refused") {
      const who = link?.person ?? byEmail;
      await recordAudit(
        { action: "sso.sign_in.refused", target: email ?? provider.name, subjectId: who?.id ?? null, ip, details: { ...details, reason: decision.reason } },
        tx,
      );
      return { kind: "refused", message: refusalMessage(decision.reason, email, provider.name) };
    }

    let person: { id: string; email: string; role: Role };
    if (decision.kind === "linked") {
      person = link!.person;
      await tx.identityLink.update({ where: { providerId_subject: { providerId: provider.id, subject: claims.sub } }, data: { lastSignInAt: now, email } });
    } else {
      if (decision.kind === "link") {
        person = byEmail!;
      } else {
        person = await tx.person.create({
          data: { email: email!, name: nameFromClaims(claims, email!), role: full.defaultRole },
          select: { id: true, email: true, role: true },
        });
        // The same as a person HR adds: group rules give curricula at once, readiness starts, integrations hear of it.
        await syncRuleAssignments(tx, [person.id], { now });
        await readinessChanged(tx, [person.id], "Person added", now);
        await publishEvents(tx, [{ type: "person.created", personId: person.id }], now);
        await recordAudit(
          {
            action: "person.created",
            actor: null,
            target: person.email,
            subjectId: person.id,
            ip,
            details: { role: person.role, via: "sso", provider: provider.slug, domain: emailDomain(person.email) },
          },
          tx,
        );
      }
      await tx.identityLink.create({ data: { providerId: provider.id, subject: claims.sub, personId: person.id, email, createdAt: now, lastSignInAt: now } });
      await recordAudit({ action: "sso.linked", actor: null, target: person.email, subjectId: person.id, ip, details }, tx);
    }
    if (!full.firstSignInAt) await tx.identityProvider.update({ where: { id: provider.id }, data: { firstSignInAt: now } });
    return { kind: "matched", person: { id: person.id, email: person.email, role: person.role } };
  });
}

/** Sign-in attempts that never came back from the provider. */
export async function sweepSsoAttempts(now: Date) {
  const { count } = await prisma.ssoAttempt.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}

/** The address to register at the provider: Baton's public origin (BATON_ORIGIN, else the request's) + the callback path. */
export function callbackUrlFor(origin: string, slug: string): string {
  return `${origin.replace(/\/+$/, "")}/sso/${encodeURIComponent(slug)}/callback`;
}
