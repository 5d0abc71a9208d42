import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { clientIp, invariantResponse } from "~/.server/http";
import { makeOverride } from "~/.server/overrides/create";
import { overrideResponse } from "~/.server/overrides/respond";
import { personReadinessDetail } from "~/.server/readiness/detail";
import { OverridePanel } from "~/components/override-panel";
import { PersonReadinessView } from "~/components/readiness";
import { ReadinessTimeline } from "~/components/readiness-timeline";
import { BackLink, PageHeader } from "~/components/ui";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.detail.person.name ?? "Person"} · Readiness · Baton` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const detail = await personReadinessDetail(params.personId ?? "");
  invariantResponse(detail, "Person not found");
  return { detail };
}

/** Overrides: more attempts, a later due date, a waiver (the domain checks the team inside its transaction). */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const form = await readForm(request);
  return overrideResponse(await makeOverride(viewer, params.personId ?? "", form, { ip: clientIp(request) }), String(form.get("intent") ?? ""));
}

export default function PersonReadiness() {
  const { detail } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to="/hr/readiness">Readiness</BackLink>
      <PageHeader
        title={detail.person.name}
        description={
          <>
            {detail.person.email} ·{" "}
            <Link to={`/hr/people/${detail.person.id}`} className="text-brand-700 underline">
              Edit person
            </Link>
          </>
        }
      />
      <PersonReadinessView detail={detail} />
      <div className="mt-8">
        <ReadinessTimeline events={detail.timeline} />
      </div>
      <div className="mt-8">
        <OverridePanel detail={detail} />
      </div>
    </>
  );
}
