import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { EmptyState, PageHeader } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "My learning · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  return { firstName: viewer.name.split(" ")[0] ?? viewer.name };
}

export default function MyLearning() {
  const { firstName } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="My learning" description={`Welcome, ${firstName}. Everything you need to learn in your first weeks will be here.`} />
      <EmptyState title="Nothing assigned yet">
        Your courses will appear here once HR assigns them, with what is left and by when.
      </EmptyState>
    </>
  );
}
