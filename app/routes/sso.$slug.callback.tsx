import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { deviceCookieHeader, readDeviceToken, sessionCookieHeader } from "~/.server/auth/cookie";
import { homeFor } from "~/.server/auth/require-user";
import { getEnv } from "~/.server/env";
import { clientIp } from "~/.server/http";
import { componentLogger } from "~/.server/log";
import { clearSsoStateCookieHeader, readSsoState } from "~/.server/sso/cookie";
import { returnPath } from "~/.server/sso/rules";
import { callbackUrlFor, completeSsoSignIn } from "~/.server/sso/sign-in";
import { SsoProblem } from "~/components/sso-problem";

export const meta: MetaFunction = () => [{ title: "Sign in · Baton" }];

const log = componentLogger("sso");

/** The identity provider sends the browser back here with a code (or an error); the state cookie says it is the same browser. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const slug = params.slug ?? "";
  const origin = getEnv().BATON_ORIGIN ?? url.origin;
  const clearState = await clearSsoStateCookieHeader();
  let outcome;
  try {
    outcome = await completeSsoSignIn(
      {
        slug,
        params: url.searchParams,
        cookieState: await readSsoState(request),
        redirectUri: callbackUrlFor(origin, slug),
        ip: clientIp(request),
        userAgent: request.headers.get("user-agent"),
        deviceToken: await readDeviceToken(request),
      },
      new Date(),
    );
  } catch (err) {
    // A provider answering nonsense or a database hiccup: the person still gets a page they can act on.
    log.error({ err, slug }, "Single sign-on callback failed");
    outcome = { kind: "refused" as const, message: "Something went wrong while signing you in. Please start again from the sign-in page." };
  }
  if (outcome.kind === "refused") return data({ message: outcome.message }, { status: 403, headers: { "Set-Cookie": clearState } });
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookieHeader(outcome.token));
  headers.append("Set-Cookie", await deviceCookieHeader(outcome.deviceToken));
  headers.append("Set-Cookie", clearState);
  throw redirect(returnPath(outcome.redirectTo, homeFor(outcome.person.role)), { headers });
}

export default function SsoCallback() {
  const { message } = useLoaderData<typeof loader>();
  return <SsoProblem message={message} />;
}
