import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { signOffQueue } from "~/.server/practice/submissions";
import { teamReadiness } from "~/.server/readiness/hr-report";
import { StateTiles } from "~/components/readiness";
import { ReadinessTable } from "~/components/readiness-table";
import { SignOffQueue } from "~/components/signoff-queue";
import { EmptyState, PageHeader } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "My team · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request, { role: "MANAGER" });
  const indirect = new URL(request.url).searchParams.get("scope") === "all";
  const [team, queue] = await Promise.all([teamReadiness(viewer.id, indirect), signOffQueue(viewer)]);
  return { indirect, queue, ...team };
}

export default function MyTeam() {
  const { people, counts, indirect, queue } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="My team"
        description="Who is ready to serve customers, and who needs help first."
        actions={
          <Link
            to={indirect ? "/team" : "/team?scope=all"}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50"
          >
            {indirect ? "Show only my direct reports" : "Include my reports' reports"}
          </Link>
        }
      />
      <SignOffQueue items={queue} showManager={indirect} />
      {people.length === 0 ? (
        <EmptyState title="No one reports to you yet">When HR adds people to your team, they appear here.</EmptyState>
      ) : (
        <>
          <StateTiles counts={counts} />
          <div className="mt-6">
            <ReadinessTable people={people} hrefFor={(id) => `/team/${id}`} showManager={indirect} />
          </div>
        </>
      )}
    </>
  );
}
