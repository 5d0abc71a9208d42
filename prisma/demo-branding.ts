// The demo organisation's own look (issue 21): a hotel group's name, a dark teal that passes WCAG AA under white
// text (5.5:1), and a small logo (prisma/demo-assets/harbour-logo.png, 96 × 96). Idempotent: once a name, colour or
// logo is set — by an earlier seed or by HR — nothing changes.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { checkLogo } from "../app/.server/branding/logo";
import { prisma } from "../app/.server/db";
import { orgSettings } from "../app/.server/notifications/settings";

const DEMO_BRAND = { name: "Harbour Hotels", color: "#0f766e" };

export async function seedDemoBranding(now = new Date()) {
  await orgSettings();
  const [settings, logo] = await Promise.all([
    prisma.orgSettings.findUniqueOrThrow({ where: { id: 1 }, select: { brandName: true, brandColor: true } }),
    prisma.brandLogo.count(),
  ]);
  if (settings.brandName || settings.brandColor || logo > 0) return;
  const bytes = new Uint8Array(readFileSync(new URL("./demo-assets/harbour-logo.png", import.meta.url)));
  const checked = checkLogo(bytes);
  if (!checked.ok) throw new Error(`The demo logo does not pass the logo checks: ${checked.message}`);
  const { mimeType, width, height } = checked;
  await prisma.$transaction([
    prisma.orgSettings.update({ where: { id: 1 }, data: { brandName: DEMO_BRAND.name, brandColor: DEMO_BRAND.color } }),
    prisma.brandLogo.create({ data: { id: 1, bytes, mimeType, width, height, sha256: createHash("sha256").update(bytes).digest("hex"), updatedAt: now } }),
  ]);
}
