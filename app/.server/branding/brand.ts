/**
 * The organisation's own look (issue 21, docs/decisions/021): a name, a primary colour and a logo, shown in the
 * header, on the sign-in page and in e-mails. Every page reads it, so the read is one prepared statement; changes
 * are one transaction each, audited.
 */
import { createHash } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { DEFAULT_BRAND_NAME, MAX_BRAND_NAME_LENGTH } from "~/utils/brand";
import { AA_RATIO, contrastWithWhite, formatRatio, isHexColor } from "~/utils/contrast";
import { recordAudit, type AuditContext } from "../audit/audit";
import { prisma } from "../db";
import { orgSettings } from "../notifications/settings";
import { column, preparedRead } from "../prepared";
import { checkLogo } from "./logo";

type Db = Prisma.TransactionClient | typeof prisma;

/** As stored: null means Baton's own name, colour, or no logo. `logoVersion` changes whenever the logo does. */
type StoredBrand = { name: string | null; color: string | null; logoVersion: string | null };

/** What pages and e-mails show. */
export type Brand = { name: string; color: string | null; logoUrl: string | null };

// The version is part of the logo's URL, so a new logo is a new URL and the old one may be cached for good.
const versionOf = (sha256: string) => sha256.slice(0, 16);

export const logoPath = (version: string) => `/brand/logo?v=${version}`;

// Scalar subqueries: always exactly one row, whether or not the settings row or the logo exist yet.
const brandRow = preparedRead<[], StoredBrand>(
  `SELECT (SELECT "brandName" FROM "OrgSettings" WHERE "id" = 1) AS "name",
          (SELECT "brandColor" FROM "OrgSettings" WHERE "id" = 1) AS "color",
          (SELECT "sha256" FROM "BrandLogo" WHERE "id" = 1) AS "logo"`,
  (row) => {
    const logo = column.text(row.logo);
    return { name: column.text(row.name), color: column.text(row.color), logoVersion: logo ? versionOf(logo) : null };
  },
);

const shown = ({ name, color, logoVersion }: StoredBrand): Brand => ({
  name: name ?? DEFAULT_BRAND_NAME,
  color,
  logoUrl: logoVersion ? logoPath(logoVersion) : null,
});

/** The brand every page shows: one prepared read (docs/decisions/014). */
export async function readBrand(): Promise<Brand> {
  const [row] = await brandRow();
  return shown(row ?? { name: null, color: null, logoVersion: null });
}

/** The brand inside a transaction (e-mails are written in the transaction of their reason), logo URL absolute. */
export async function brandForEmail(db: Db, origin: string): Promise<Brand> {
  const [settings, logo] = await Promise.all([
    db.orgSettings.findUnique({ where: { id: 1 }, select: { brandName: true, brandColor: true } }),
    db.brandLogo.findUnique({ where: { id: 1 }, select: { sha256: true } }),
  ]);
  const brand = shown({ name: settings?.brandName ?? null, color: settings?.brandColor ?? null, logoVersion: logo ? versionOf(logo.sha256) : null });
  return { ...brand, logoUrl: brand.logoUrl ? origin + brand.logoUrl : null };
}

type BrandInput = { name: string; color: string };
export type BrandErrors = Partial<Record<keyof BrandInput, string>>;

/** The colour rule: #rrggbb with white text on it readable to WCAG AA. Null when it passes. */
export function colorProblem(color: string): string | null {
  if (!isHexColor(color)) return "Enter the colour as # and six hex digits, e.g. #0f766e.";
  const ratio = contrastWithWhite(color);
  return ratio < AA_RATIO ? `${color} has ${formatRatio(ratio)} against white; pick a darker colour (${AA_RATIO}:1 needed).` : null;
}

function checkBrand(input: BrandInput): { ok: true; name: string | null; color: string | null } | { ok: false; errors: BrandErrors } {
  const name = input.name.trim().replace(/\s+/g, " ");
  const color = input.color.trim().toLowerCase();
  const errors: BrandErrors = {};
  if (name.length > MAX_BRAND_NAME_LENGTH) errors.name = `At most ${MAX_BRAND_NAME_LENGTH} characters (this is ${name.length}).`;
  const problem = color ? colorProblem(color) : null;
  if (problem) errors.color = problem;
  if (errors.name || errors.color) return { ok: false, errors };
  return { ok: true, name: name || null, color: color || null };
}

/** Name and colour; empty means Baton's own. Nothing changes unless both are valid. */
export async function updateBrand(input: BrandInput, ctx: AuditContext): Promise<{ kind: "saved" } | { kind: "invalid"; errors: BrandErrors }> {
  const checked = checkBrand(input);
  if (!checked.ok) return { kind: "invalid", errors: checked.errors };
  await prisma.$transaction(async (tx) => {
    await orgSettings(tx); // creates the settings row the first time
    const before = await tx.orgSettings.findUniqueOrThrow({ where: { id: 1 }, select: { brandName: true, brandColor: true } });
    await tx.orgSettings.update({ where: { id: 1 }, data: { brandName: checked.name, brandColor: checked.color } });
    await recordAudit(
      {
        action: "settings.branding.updated",
        actor: ctx.actor,
        target: "organisation",
        ip: ctx.ip,
        details: { before: { name: before.brandName, color: before.brandColor }, after: { name: checked.name, color: checked.color } },
      },
      tx,
    );
  });
  return { kind: "saved" };
}

export type LogoOutcome = { kind: "uploaded"; url: string } | { kind: "refused"; message: string };

/** Replace the logo with these bytes, once they pass the checks (./logo.ts). */
export async function uploadLogo(bytes: Uint8Array, ctx: AuditContext, now: Date): Promise<LogoOutcome> {
  const checked = checkLogo(bytes);
  if (!checked.ok) return { kind: "refused", message: checked.message };
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const row = { bytes: Uint8Array.from(bytes), mimeType: checked.mimeType, sha256, width: checked.width, height: checked.height, updatedAt: now };
  await prisma.$transaction(async (tx) => {
    await tx.brandLogo.upsert({ where: { id: 1 }, create: { id: 1, ...row }, update: row });
    const details = { mimeType: checked.mimeType, width: checked.width, height: checked.height, bytes: bytes.length, sha256 };
    await recordAudit({ action: "settings.branding.logo_uploaded", actor: ctx.actor, target: "organisation", ip: ctx.ip, details }, tx);
  });
  return { kind: "uploaded", url: logoPath(versionOf(sha256)) };
}

export async function removeLogo(ctx: AuditContext): Promise<{ kind: "removed" } | { kind: "no-logo" }> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.brandLogo.deleteMany({ where: { id: 1 } });
    if (count === 0) return { kind: "no-logo" as const };
    await recordAudit({ action: "settings.branding.logo_removed", actor: ctx.actor, target: "organisation", ip: ctx.ip }, tx);
    return { kind: "removed" as const };
  });
}

/** The stored logo as the logo route serves it; `current` when `version` names this very logo. */
export async function logoFile(version: string | null) {
  const logo = await prisma.brandLogo.findUnique({ where: { id: 1 }, select: { bytes: true, mimeType: true, sha256: true } });
  if (!logo) return null;
  return { bytes: logo.bytes, mimeType: logo.mimeType, etag: `"${logo.sha256}"`, current: version === versionOf(logo.sha256) };
}

/** The settings page's view: what HR stored (null: Baton's own) and the logo's details. */
export async function brandSettings() {
  const [settings, logo] = await Promise.all([
    prisma.orgSettings.findUnique({ where: { id: 1 }, select: { brandName: true, brandColor: true } }),
    prisma.brandLogo.findUnique({ where: { id: 1 }, select: { sha256: true, mimeType: true, width: true, height: true, bytes: true } }),
  ]);
  return {
    name: settings?.brandName ?? null,
    color: settings?.brandColor ?? null,
    logo: logo ? { url: logoPath(versionOf(logo.sha256)), mimeType: logo.mimeType, width: logo.width, height: logo.height, bytes: logo.bytes.length } : null,
  };
}
