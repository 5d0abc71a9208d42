import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { clientIp, invariantResponse } from "~/.server/http";
import { makeOverride } from "~/.server/overrides/create";
import { overrideResponse } from "~/.server/overrides/respond";
import { personReadinessDetail } from "~/.server/readiness/detail";
import { isInTeam } from "~/.server/readiness/hr-report";
import { OverridePanel } from "~/components/override-panel";
import { PersonReadinessView } from "~/components/readiness";
import { ReadinessTimeline } from "~/components/readiness-timeline";
import { BackLink, PageHeader } from "~/components/ui";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.detail.person.name ?? "Team member"} · Baton` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request, { role: "MANAGER" });
  const personId = params.personId ?? "";
  // Someone outside the manager's team is indistinguishable from no one: 404, not 403.
  invariantResponse(await isInTeam(viewer.id, personId), "Not found");
  const detail = await personReadinessDetail(personId);
  invariantResponse(detail, "Not found");
  return { detail };
}

/** Overrides: more attempts, a later due date, a waiver (the domain checks the team inside its transaction). */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "MANAGER" });
  const form = await request.formData();
  return overrideResponse(await makeOverride(viewer, params.personId ?? "", form, { ip: clientIp(request) }), String(form.get("intent") ?? ""));
}

export default function TeamMember() {
  const { detail } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to="/team">My team</BackLink>
      <PageHeader title={detail.person.name} description={detail.person.email} />
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
