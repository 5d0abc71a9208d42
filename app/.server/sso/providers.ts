/** Identity providers HR configures for "Sign in with …", their e-mail domains, and the password-off switch. */
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { recordAudit, type AuditContext } from "../audit/audit";
import { prisma } from "../db";
import { emptyToUndefined } from "../forms/parse";
import { text } from "../forms/text";
import { sealSecret } from "../secrets";
import { forgetConfiguration } from "./client";
import { issuerProblem } from "./rules";

type Tx = Prisma.TransactionClient;

const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());
const optional = (schema: z.ZodTypeAny) => z.preprocess(emptyToUndefined, schema.optional());

export const ProviderInputSchema = z.object({
  slug: z
    .string({ required_error: "Enter a short name for the sign-in address." })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "Use 1 to 40 lower-case letters, digits and hyphens, e.g. okta."),
  name: text({ required_error: "Enter the name people see." }).min(1, "Enter the name people see.").max(80),
  issuer: text({ required_error: "Enter the issuer's URL." })
    .min(1, "Enter the issuer's URL.")
    .max(500)
    .superRefine((value, ctx) => {
      const problem = issuerProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  clientId: text({ required_error: "Enter the client id." }).min(1, "Enter the client id.").max(500),
  clientSecret: optional(z.string().trim().max(2000)),
  clientSecretEnv: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Z_][A-Z0-9_]{0,99}$/, "Use an environment variable name such as OIDC_CLIENT_SECRET."),
  ),
  createPeople: checkbox,
  defaultRole: z.enum(["LEARNER", "MANAGER", "HR"], { errorMap: () => ({ message: "Choose a role." }) }).default("LEARNER"),
  enabled: checkbox,
});

export type ProviderInput = z.infer<typeof ProviderInputSchema>;

export type ProviderOutcome = { kind: "saved"; id: string } | { kind: "invalid"; errors: Partial<Record<string, string>> } | { kind: "not-found" };

const BOTH_SECRETS = "Give the secret or the name of the environment variable that holds it, not both.";
const NO_SECRET = "Give the client secret, or the name of the environment variable that holds it.";

/** Where the secret comes from after this save: a new sealed value, an environment variable, or what was stored. */
function secretColumns(input: ProviderInput, stored: { clientSecretSealed: string | null } | null) {
  if (input.clientSecret && input.clientSecretEnv) return { error: BOTH_SECRETS } as const;
  if (input.clientSecretEnv) return { data: { clientSecretEnv: input.clientSecretEnv, clientSecretSealed: null } } as const;
  if (input.clientSecret) return { data: { clientSecretSealed: sealSecret(input.clientSecret), clientSecretEnv: null } } as const;
  if (stored?.clientSecretSealed) return { data: { clientSecretSealed: stored.clientSecretSealed, clientSecretEnv: null } } as const;
  return { error: NO_SECRET } as const;
}

async function slugTaken(tx: Tx, slug: string, exceptId?: string) {
  const other = await tx.identityProvider.findUnique({ where: { slug }, select: { id: true } });
  return !!other && other.id !== exceptId;
}

const SLUG_TAKEN = "Another provider already uses this short name.";

const providerFields = (input: ProviderInput) => ({
  slug: input.slug,
  name: input.name,
  // As typed: an issuer is compared exactly, and some end in a slash.
  issuer: input.issuer,
  clientId: input.clientId,
  createPeople: input.createPeople,
  defaultRole: input.defaultRole,
  enabled: input.enabled,
});

/** What the audit log keeps of a provider: never the secret. */
const auditDetails = (input: ProviderInput) => ({
  slug: input.slug,
  issuer: input.issuer,
  clientId: input.clientId,
  secretFrom: input.clientSecretEnv ? `env:${input.clientSecretEnv}` : input.clientSecret ? "sealed (changed)" : "sealed",
  createPeople: input.createPeople,
  defaultRole: input.defaultRole,
  enabled: input.enabled,
});

export async function createProvider(input: ProviderInput, ctx: AuditContext): Promise<ProviderOutcome> {
  const secret = secretColumns(input, null);
  if ("error" in secret) return { kind: "invalid", errors: { clientSecret: secret.error } };
  return prisma.$transaction(async (tx) => {
    if (await slugTaken(tx, input.slug)) return { kind: "invalid" as const, errors: { slug: SLUG_TAKEN } };
    const created = await tx.identityProvider.create({ data: { ...providerFields(input), ...secret.data }, select: { id: true } });
    await recordAudit({ action: "sso.provider.created", actor: ctx.actor, target: input.name, subjectId: null, ip: ctx.ip, details: auditDetails(input) }, tx);
    return { kind: "saved" as const, id: created.id };
  });
}

export async function updateProvider(id: string, input: ProviderInput, ctx: AuditContext): Promise<ProviderOutcome> {
  const outcome = await prisma.$transaction(async (tx): Promise<ProviderOutcome> => {
    const stored = await tx.identityProvider.findUnique({ where: { id }, select: { clientSecretSealed: true } });
    if (!stored) return { kind: "not-found" };
    const secret = secretColumns(input, stored);
    if ("error" in secret) return { kind: "invalid", errors: { clientSecret: secret.error } };
    if (await slugTaken(tx, input.slug, id)) return { kind: "invalid", errors: { slug: SLUG_TAKEN } };
    await tx.identityProvider.update({ where: { id }, data: { ...providerFields(input), ...secret.data } });
    await recordAudit({ action: "sso.provider.updated", actor: ctx.actor, target: input.name, subjectId: null, ip: ctx.ip, details: auditDetails(input) }, tx);
    return { kind: "saved", id };
  });
  forgetConfiguration(id);
  return outcome;
}

export async function deleteProvider(id: string, ctx: AuditContext): Promise<{ kind: "deleted" } | { kind: "not-found" }> {
  const outcome = await prisma.$transaction(async (tx) => {
    const provider = await tx.identityProvider.findUnique({ where: { id }, select: { name: true, slug: true } });
    if (!provider) return { kind: "not-found" as const };
    // Links, domains and open attempts go with it (cascade); people keep their accounts.
    await tx.identityProvider.delete({ where: { id } });
    await recordAudit(
      { action: "sso.provider.deleted", actor: ctx.actor, target: provider.name, subjectId: null, ip: ctx.ip, details: { slug: provider.slug } },
      tx,
    );
    return { kind: "deleted" as const };
  });
  forgetConfiguration(id);
  return outcome;
}

export async function listProviders() {
  return prisma.identityProvider.findMany({
    select: {
      id: true,
      slug: true,
      name: true,
      issuer: true,
      enabled: true,
      createPeople: true,
      firstSignInAt: true,
      _count: { select: { links: true, domains: true } },
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/** The buttons on the sign-in page. */
export async function listSignInProviders() {
  return prisma.identityProvider.findMany({ where: { enabled: true }, select: { slug: true, name: true }, orderBy: [{ name: "asc" }, { slug: "asc" }] });
}

/** One provider for its HR page; the secret itself never leaves the server, only where it comes from. */
export async function getProviderForHr(id: string) {
  const provider = await prisma.identityProvider.findUnique({
    where: { id },
    select: {
      id: true,
      slug: true,
      name: true,
      issuer: true,
      clientId: true,
      clientSecretEnv: true,
      clientSecretSealed: true,
      createPeople: true,
      defaultRole: true,
      enabled: true,
      firstSignInAt: true,
      domains: { select: { domain: true, passwordOff: true }, orderBy: { domain: "asc" } },
      _count: { select: { links: true } },
    },
  });
  if (!provider) return null;
  const { clientSecretSealed, ...rest } = provider;
  return { ...rest, hasSealedSecret: clientSecretSealed !== null };
}

export const DomainSchema = z.object({
  domain: z
    .string({ required_error: "Enter an e-mail domain, e.g. example.com." })
    .trim()
    .toLowerCase()
    .transform((d) => d.replace(/^@/, ""))
    .pipe(
      z
        .string()
        .max(253)
        .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, "Enter an e-mail domain, e.g. example.com."),
    ),
});

export type DomainOutcome = { kind: "done" } | { kind: "refused"; message: string };

export async function addDomain(providerId: string, domain: string, ctx: AuditContext): Promise<DomainOutcome> {
  return prisma.$transaction(async (tx) => {
    const provider = await tx.identityProvider.findUnique({ where: { id: providerId }, select: { name: true } });
    if (!provider) return { kind: "refused" as const, message: "That provider no longer exists." };
    const existing = await tx.ssoDomain.findUnique({ where: { domain }, select: { providerId: true } });
    if (existing) {
      return {
        kind: "refused" as const,
        message: existing.providerId === providerId ? `${domain} is already listed.` : `${domain} already signs in through another provider.`,
      };
    }
    await tx.ssoDomain.create({ data: { domain, providerId } });
    await recordAudit({ action: "sso.domain.added", actor: ctx.actor, target: domain, subjectId: null, ip: ctx.ip, details: { provider: provider.name } }, tx);
    return { kind: "done" as const };
  });
}

export async function removeDomain(providerId: string, domain: string, ctx: AuditContext): Promise<DomainOutcome> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.ssoDomain.deleteMany({ where: { domain, providerId } });
    if (count === 0) return { kind: "refused" as const, message: `${domain} is not listed for this provider.` };
    await recordAudit({ action: "sso.domain.removed", actor: ctx.actor, target: domain, subjectId: null, ip: ctx.ip }, tx);
    return { kind: "done" as const };
  });
}

export const NOT_PROVEN_MESSAGE = "Password sign-in can be turned off only after someone has signed in with this provider: try it first.";

/** Turning passwords off is allowed only once the provider has been seen to work, or everyone in the domain is locked out. */
export async function setPasswordOff(providerId: string, domain: string, off: boolean, ctx: AuditContext): Promise<DomainOutcome> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.ssoDomain.findUnique({ where: { domain }, select: { providerId: true, provider: { select: { firstSignInAt: true, name: true } } } });
    if (!row || row.providerId !== providerId) return { kind: "refused" as const, message: `${domain} is not listed for this provider.` };
    if (off && !row.provider.firstSignInAt) return { kind: "refused" as const, message: NOT_PROVEN_MESSAGE };
    await tx.ssoDomain.update({ where: { domain }, data: { passwordOff: off } });
    await recordAudit(
      {
        action: off ? "sso.password_off" : "sso.password_on",
        actor: ctx.actor,
        target: domain,
        subjectId: null,
        ip: ctx.ip,
        details: { provider: row.provider.name },
      },
      tx,
    );
    return { kind: "done" as const };
  });
}

/** The break-glass account: an HR person whose password keeps working when their domain signs in through a provider. */
export async function setPasswordAlwaysAllowed(personId: string, allowed: boolean, ctx: AuditContext): Promise<DomainOutcome> {
  return prisma.$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { id: personId }, select: { role: true, email: true } });
    if (!person) return { kind: "refused" as const, message: "That person no longer exists." };
    if (allowed && person.role !== "HR") return { kind: "refused" as const, message: "Only HR people can keep password sign-in as a break-glass account." };
    await tx.person.update({ where: { id: personId }, data: { passwordAlwaysAllowed: allowed } });
    await recordAudit(
      { action: allowed ? "sso.break_glass_on" : "sso.break_glass_off", actor: ctx.actor, target: person.email, subjectId: personId, ip: ctx.ip },
      tx,
    );
    return { kind: "done" as const };
  });
}

export async function isBreakGlass(personId: string): Promise<boolean> {
  const person = await prisma.person.findUnique({ where: { id: personId }, select: { passwordAlwaysAllowed: true } });
  return person?.passwordAlwaysAllowed ?? false;
}
