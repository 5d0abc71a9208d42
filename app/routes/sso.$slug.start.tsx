import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { getEnv } from "~/.server/env";
import { readForm } from "~/.server/forms/read";
import { ssoStateCookieHeader } from "~/.server/sso/cookie";
import { returnPath } from "~/.server/sso/rules";
import { callbackUrlFor, startSsoSignIn } from "~/.server/sso/sign-in";
import { SsoProblem } from "~/components/sso-problem";

export const meta: MetaFunction = () => [{ title: "Sign in · Baton" }];

/** Starting a sign-in writes an attempt, so it is a POST from the sign-in page; a visit by address goes there. */
export async function loader() {
  throw redirect("/login");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const asked = form.get("redirectTo");
  // Kept only when it is a path on this site; "" means "the person's home".
  const redirectTo = returnPath(typeof asked === "string" ? asked.slice(0, 2000) : null, "") || null;
  const origin = getEnv().BATON_ORIGIN ?? new URL(request.url).origin;
  const slug = params.slug ?? "";
  const outcome = await startSsoSignIn(slug, { redirectTo, redirectUri: callbackUrlFor(origin, slug) }, new Date());
  switch (outcome.kind) {
    case "not-found":
      return data({ message: "This sign-in provider is not available. Sign in with your password or ask HR." }, { status: 404 });
    case "unavailable":
      return data({ message: outcome.message }, { status: 503 });
    case "redirect":
      throw redirect(outcome.url, { headers: { "Set-Cookie": await ssoStateCookieHeader(outcome.state) } });
  }
}

export default function SsoStart() {
  const result = useActionData<typeof action>();
  return <SsoProblem message={result?.message ?? "Start the sign-in from the sign-in page."} />;
}
