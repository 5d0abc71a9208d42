import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { parseForm } from "~/.server/forms/parse";
import { clientIp, invariantResponse } from "~/.server/http";
import { NOTE_MAX, RemindFormSchema, remindPerson } from "~/.server/notifications/nudge";
import { remindResponse } from "~/.server/notifications/nudge-respond";
import { makeOverride } from "~/.server/overrides/create";
import { overrideResponse } from "~/.server/overrides/respond";
import { personReadinessDetail } from "~/.server/readiness/detail";
import { isInTeam } from "~/.server/readiness/hr-report";
import { OverridePanel } from "~/components/override-panel";
import { PersonReadinessView } from "~/components/readiness";
import { RemindForm } from "~/components/remind-form";
import { ReadinessTimeline } from "~/components/readiness-timeline";
import { BackLink, PageHeader } from "~/components/ui";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.detail.person.name ?? "Team member"} · Baton` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request, { role: "MANAGER" });
  const personId = params.personId ?? "";
  // Someone outside the manager's team is indistinguishable from no one: 404, not 403.
  invariantResponse(await isInTeam(viewer.id, personId), "Not found");
  const detail = await personReadinessDetail(personId);
  invariantResponse(detail, "Not found");
  return { detail, noteMax: NOTE_MAX };
}

/**
 * "remind": a reminder of what is overdue and due (once a day). Any other intent is an override: more attempts,
 * a later due date, a waiver. The domain checks the team each time.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "MANAGER" });
  const form = await readForm(request);
  const personId = params.personId ?? "";
  const intent = String(form.get("intent") ?? "");
  if (intent === "remind") {
    const parsed = parseForm(form, RemindFormSchema);
    return remindResponse(
      parsed.ok ? await remindPerson(viewer, personId, parsed.data.note ?? null, new Date()) : { kind: "invalid", fieldErrors: parsed.errors },
    );
  }
  return overrideResponse(await makeOverride(viewer, personId, form, { ip: clientIp(request) }), intent);
}

export default function TeamMember() {
  const { detail, noteMax } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to="/team">My team</BackLink>
      <PageHeader title={detail.person.name} description={detail.person.email} />
      <PersonReadinessView detail={detail} />
      {detail.person.deactivatedAt ? null : (
        <div className="mt-8">
          <RemindForm name={detail.person.name} noteMax={noteMax} />
        </div>
      )}
      <div className="mt-8">
        <ReadinessTimeline events={detail.timeline} />
      </div>
      <div className="mt-8">
        <OverridePanel detail={detail} />
      </div>
    </>
  );
}
