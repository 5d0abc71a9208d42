/** The openid-client side: discovering a provider once, and the two requests of the authorization code flow. */
import * as oidc from "openid-client";
import { hashToken } from "../auth/token";
import { openSecret } from "../secrets";
import { isLoopbackHost } from "./rules";

export type ProviderRow = {
  id: string;
  issuer: string;
  clientId: string;
  clientSecretSealed: string | null;
  clientSecretEnv: string | null;
  updatedAt: Date;
};

/** The provider's discovered metadata and keys, per provider; an edit changes `updatedAt`, so every process refetches. */
const cache = new Map<string, { version: string; config: Promise<oidc.Configuration> }>();

export function forgetConfiguration(providerId: string) {
  cache.delete(providerId);
}

export class SsoConfigurationError extends Error {}

function clientSecret(provider: ProviderRow): string {
  if (provider.clientSecretEnv) {
    const value = process.env[provider.clientSecretEnv];
    if (!value) throw new SsoConfigurationError(`The environment variable ${provider.clientSecretEnv} that should hold the client secret is not set.`);
    return value;
  }
  if (provider.clientSecretSealed) return openSecret(provider.clientSecretSealed);
  throw new SsoConfigurationError("This provider has no client secret.");
}

export function providerConfiguration(provider: ProviderRow): Promise<oidc.Configuration> {
  const secret = clientSecret(provider);
  const version = `${provider.updatedAt.getTime()}:${provider.issuer}:${provider.clientId}:${hashToken(secret)}`;
  const hit = cache.get(provider.id);
  if (hit?.version === version) return hit.config;
  const issuer = new URL(provider.issuer);
  // Plain http is allowed only for a provider on this machine (the tests'); every other issuer must be https.
  const insecure = issuer.protocol === "http:" && isLoopbackHost(issuer.hostname);
  const config = oidc.discovery(issuer, provider.clientId, undefined, oidc.ClientSecretBasic(secret), {
    execute: insecure ? [oidc.allowInsecureRequests] : [],
    timeout: 10,
  });
  cache.set(provider.id, { version, config });
  // A provider that was down is asked again next time, not remembered as broken.
  config.catch(() => {
    if (cache.get(provider.id)?.config === config) cache.delete(provider.id);
  });
  return config;
}

export type Challenge = { state: string; nonce: string; codeVerifier: string };

export function newChallenge(): Challenge {
  return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
}

export async function authorizationUrl(config: oidc.Configuration, challenge: Challenge, redirectUri: string): Promise<URL> {
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    response_type: "code",
    scope: "openid email profile",
    state: challenge.state,
    nonce: challenge.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(challenge.codeVerifier),
    code_challenge_method: "S256",
  });
}

export type GrantFailure = "idp_error" | "expired_code" | "nonce" | "invalid_token" | "unreachable";

/**
 * Exchanges the code (with the PKCE verifier) and checks the ID token: signature, issuer, audience, expiry and our
 * nonce (openid-client does these). Returns the token's claims, or why it failed.
 */
export async function exchangeCode(
  config: oidc.Configuration,
  callbackUrl: URL,
  challenge: Challenge,
  redirectUri: string,
): Promise<{ ok: true; claims: oidc.IDToken } | { ok: false; failure: GrantFailure; detail: string }> {
  try {
    const tokens = await oidc.authorizationCodeGrant(
      config,
      callbackUrl,
      { pkceCodeVerifier: challenge.codeVerifier, expectedState: challenge.state, expectedNonce: challenge.nonce, idTokenExpected: true },
      { redirect_uri: redirectUri },
    );
    const claims = tokens.claims();
    if (!claims) return { ok: false, failure: "invalid_token", detail: "no ID token" };
    if (typeof claims.email === "string" && typeof claims.email_verified === "boolean") return { ok: true, claims };
    // Providers that keep ID tokens small (oidc-provider's default, Okta) give the e-mail at the UserInfo endpoint;
    // its `sub` must be the ID token's.
    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    return {
      ok: true,
      claims: {
        ...claims,
        email: info.email ?? claims.email,
        email_verified: info.email_verified ?? claims.email_verified,
        name: info.name ?? claims.name,
        given_name: info.given_name ?? claims.given_name,
        family_name: info.family_name ?? claims.family_name,
      },
    };
  } catch (error) {
    return { ok: false, ...grantFailure(error) };
  }
}

function grantFailure(error: unknown): { failure: GrantFailure; detail: string } {
  if (error instanceof oidc.AuthorizationResponseError) return { failure: "idp_error", detail: error.error_description ?? error.error };
  // The provider refuses a code that has expired or was used already with invalid_grant.
  if (error instanceof oidc.ResponseBodyError) return { failure: error.error === "invalid_grant" ? "expired_code" : "invalid_token", detail: error.error };
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof oidc.ClientError ? error.code : undefined;
  // openid-client says which ID token claim failed in the error's cause (issuer, audience, nonce, …).
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
  if (code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED" && /"nonce"/.test(cause)) return { failure: "nonce", detail: cause };
  if (code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || error instanceof TypeError) return { failure: "unreachable", detail: message };
  return { failure: "invalid_token", detail: cause ? `${message}: ${cause}` : message };
}
