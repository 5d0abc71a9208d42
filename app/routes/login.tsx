import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { deviceCookieHeader, readDeviceToken, sessionCookieHeader } from "~/.server/auth/cookie";
import { getViewer, homeFor } from "~/.server/auth/require-user";
import { INVALID_CREDENTIALS, SignInSchema, signIn } from "~/.server/auth/sign-in";
import { parseForm } from "~/.server/forms/parse";
import { clientIp } from "~/.server/http";
import { BrandMark } from "~/components/brand-mark";
import { Button, Field, Notice } from "~/components/ui";
import { safeRedirect } from "~/utils/redirect";
import { readForm } from "~/.server/forms/read";
import { listSignInProviders } from "~/.server/sso/providers";

export const meta: MetaFunction = () => [{ title: "Sign in · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const found = await getViewer(request);
  if (found) throw redirect(homeFor(found.person.role));
  return { providers: await listSignInProviders() };
}

const LoginSchema = SignInSchema.extend({ redirectTo: z.string().optional() });

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await readForm(request), LoginSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, message: null }, { status: 400 });
  const result = await signIn({
    email: parsed.data.email,
    password: parsed.data.password,
    ip: clientIp(request),
    userAgent: request.headers.get("user-agent"),
    deviceToken: await readDeviceToken(request),
  });
  if (!result.ok) {
    const message =
      result.reason === "throttled"
        ? `Too many attempts. Please wait ${result.retryAfterSeconds} ${result.retryAfterSeconds === 1 ? "second" : "seconds"} and try again.`
        : result.reason === "sso-only"
          ? `Sign in with ${result.providerName}: password sign-in is off for your e-mail domain.`
          : INVALID_CREDENTIALS;
    return data({ errors: {}, message }, { status: result.reason === "throttled" ? 429 : result.reason === "sso-only" ? 403 : 401 });
  }
  // The session first, then the device cookie that lets this browser past an attack on the account (ADR 013).
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookieHeader(result.token));
  headers.append("Set-Cookie", await deviceCookieHeader(result.deviceToken));
  throw redirect(safeRedirect(parsed.data.redirectTo, homeFor(result.person.role)), { headers });
}

export default function Login() {
  const { providers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  return (
    <main id="main" tabIndex={-1} className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-sm">
        <BrandMark />
        <h1 className="mt-2 text-center text-lg text-slate-600">Sign in to your onboarding</h1>
        <Form method="post" className="mt-8 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" noValidate>
          {actionData?.message ? <Notice tone="error">{actionData.message}</Notice> : null}
          {!actionData && searchParams.get("welcome") ? <Notice tone="success">Your password is set. Sign in to start.</Notice> : null}
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <Field label="Email" name="email" type="email" autoComplete="username" required autoFocus error={errors.email} />
          <Field label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
          <Button type="submit" className="w-full" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </Button>
        </Form>
        {providers.length > 0 ? (
          <div className="mt-4 space-y-2">
            {providers.map((p) => (
              // Remix follows the redirect to the provider with a script; a plain form's redirect would meet `form-action 'self'`.
              <Form key={p.slug} method="post" action={`/sso/${p.slug}/start`}>
                <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
                <Button type="submit" variant="secondary" className="w-full">
                  Sign in with {p.name}
                </Button>
              </Form>
            ))}
          </div>
        ) : null}
        <p className="mt-4 text-center text-sm">
          <Link to="/forgot-password" className="text-brand-700 hover:underline">
            Forgot your password?
          </Link>
        </p>
        <p className="mt-2 text-center text-sm text-slate-500">New here? Use the invitation link HR sent you.</p>
      </div>
    </main>
  );
}
