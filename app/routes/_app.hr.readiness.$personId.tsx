import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { invariantResponse } from "~/.server/http";
import { personReadinessDetail } from "~/.server/readiness/detail";
import { PersonReadinessView } from "~/components/readiness";
import { BackLink, PageHeader } from "~/components/ui";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.detail.person.name ?? "Person"} · Readiness · Baton` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const detail = await personReadinessDetail(params.personId ?? "");
  invariantResponse(detail, "Person not found");
  return { detail };
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
            {detail.person.email} · <Link to={`/hr/people/${detail.person.id}`} className="text-brand-700 underline">Edit person</Link>
          </>
        }
      />
      <PersonReadinessView detail={detail} />
    </>
  );
}
