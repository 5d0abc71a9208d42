import { prisma } from "../db";

/** What is set up for each integration, for HR's Integrations page: counts only, never a secret. */
export async function integrationsOverview(now: Date) {
  const [providers, apiTokens, scimTokens, endpoints, settings] = await Promise.all([
    prisma.identityProvider.findMany({ select: { name: true, enabled: true }, orderBy: { name: "asc" } }),
    prisma.apiToken.count({ where: { scope: { in: ["READ", "READ_WRITE"] }, revokedAt: null, expiresAt: { gt: now } } }),
    prisma.apiToken.count({ where: { scope: "SCIM", revokedAt: null, expiresAt: { gt: now } } }),
    prisma.webhookEndpoint.count({ where: { enabled: true } }),
    prisma.orgSettings.findUnique({ where: { id: 1 }, select: { lrsEndpoint: true } }),
  ]);
  return {
    sso: providers.filter((p) => p.enabled).map((p) => p.name),
    apiTokens,
    scimTokens,
    webhookEndpoints: endpoints,
    lrsEndpoint: settings?.lrsEndpoint ?? null,
  };
}
