import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { signOffQueue } from "~/.server/practice/submissions";
import { SignOffQueue } from "~/components/signoff-queue";
import { PageHeader } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "Sign-offs · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const all = new URL(request.url).searchParams.get("scope") === "all";
  return { all, queue: await signOffQueue(viewer, { all }) };
}

export default function HrSignOffs() {
  const { all, queue } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Sign-offs"
        description={
          all
            ? "Every practice task waiting for an observer."
            : "Practice tasks of people without a manager: nobody else will see these. HR can sign off for anyone."
        }
        actions={
          <Link
            to={all ? "/hr/signoffs" : "/hr/signoffs?scope=all"}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50"
          >
            {all ? "Only people without a manager" : "Show everyone's"}
          </Link>
        }
      />
      <SignOffQueue items={queue} showManager={all} />
    </>
  );
}
