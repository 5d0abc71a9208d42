/**
 * A real OpenID Provider (panva's oidc-provider, OpenID-certified) on 127.0.0.1, for the single sign-on tests. Its
 * development login page takes any login name: the name picks one of `accounts`, whose claims it vouches for.
 * Consent is given automatically (a first-party client), so signing in is one form.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

export type TestClaims = {
  email?: string;
  email_verified?: boolean;
  name?: string;
  given_name?: string;
  family_name?: string;
};

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Login name (also the `sub`) → claims; change it between tests. */
  accounts: Map<string, TestClaims>;
  /** How long an authorization code lives (seconds); 1 to test an expired code. */
  setCodeTtl(seconds: number): void;
  /** Callback addresses the client may use (added before a sign-in from a server with another origin). */
  redirectUris: string[];
  /**
   * Completes the provider's side of a sign-in the way a browser would (with its own cookies): opens the
   * authorization URL, submits the login form as `login`, and returns where the provider sends the browser back.
   */
  signIn(authorizationUrl: string, login: string): Promise<URL>;
  close(): Promise<void>;
};

export async function startOidcProvider(options: { redirectUris?: string[]; clientId?: string; clientSecret?: string } = {}): Promise<TestProvider> {
  const accounts = new Map<string, TestClaims>();
  const redirectUris = [...(options.redirectUris ?? [])];
  const clientId = options.clientId ?? "baton-test";
  const clientSecret = options.clientSecret ?? "baton-test-secret-0123456789abcdef";
  let codeTtl = 60;

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        // The same array object: redirect URIs added later are accepted too.
        redirect_uris: redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "given_name", "family_name"] },
    ttl: { AuthorizationCode: () => codeTtl },
    cookies: { keys: ["oidc-test-cookie-key"] },
    features: { devInteractions: { enabled: true } },
    // The development login page signs in whatever login name is typed: that name is the account id and `sub`.
    async findAccount(_ctx: unknown, id: string) {
      if (!accounts.has(id)) return undefined;
      return { accountId: id, claims: async () => ({ ...accounts.get(id), sub: id }) };
    },
    // A first-party client: consent is given, not asked.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session, result, provider: op } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return op.Grant.find(grantId);
      const grant = new op.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  server.on("request", provider.callback());

  // A fault inside the provider would otherwise show only as a 500 to the test.
  provider.on("server_error", (_ctx, error) => console.error("[oidc-provider]", error));

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    redirectUris,
    setCodeTtl(seconds) {
      codeTtl = seconds;
    },
    signIn: (url, login) => completeLogin(issuer, url, login),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function completeLogin(issuer: string, authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set("Cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    await response.arrayBuffer();
    return response;
  };
  let response = await send(authorizationUrl);
  for (let hop = 0; hop < 10; hop++) {
    const location = response.headers.get("Location");
    if (!location) throw new Error(`The provider answered ${response.status} without a redirect`);
    const next = new URL(location, issuer);
    if (next.origin !== issuer) return next;
    if (/^\/interaction\/[^/]+$/.test(next.pathname)) {
      response = await send(next.href, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ prompt: "login", login, password: "any" }).toString(),
      });
    } else {
      response = await send(next.href);
    }
  }
  throw new Error("Too many redirects at the provider");
}
