import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { createCurriculum, curriculumCourseOptions } from "~/.server/curricula/curricula";
import { builderStep, parseCurriculumForm, submittedValues } from "~/.server/curricula/schema";
import { clientIp } from "~/.server/http";
import { CurriculumForm } from "~/components/curriculum-form";
import { BackLink, PageHeader } from "~/components/ui";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction = () => [{ title: "New curriculum · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  return { courses: curriculumCourseOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const formData = await readForm(request);
  const slugs = curriculumCourseOptions().map((c) => c.slug);
  // Without JavaScript the list's buttons post the form: answer with the list changed, nothing saved.
  const draft = builderStep(formData, slugs);
  if (draft) return { errors: {}, values: draft };
  const parsed = parseCurriculumForm(formData, slugs);
  if (!parsed.ok) return data({ errors: parsed.errors, values: submittedValues(formData, slugs) }, { status: 400 });
  const created = await createCurriculum(parsed.data, { actor: viewer, ip: clientIp(request) });
  throw redirect(`/hr/curricula/${created.id}?created=1`);
}

export default function NewCurriculum() {
  const { courses } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <BackLink to="/hr/curricula">Curricula</BackLink>
      <PageHeader title="New curriculum" description="Choose courses from the library, their order and when they are due. Assign it after saving." />
      <CurriculumForm values={actionData?.values} errors={actionData?.errors} courses={courses} submitLabel="Create curriculum" />
    </>
  );
}
