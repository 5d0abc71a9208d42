import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { clientIp } from "~/.server/http";
import { savePersonFromForm } from "~/.server/people/form-actions";
import { createPerson, listDepartments, listLocations, listManagerOptions } from "~/.server/people/people";
import { PersonForm } from "~/components/person-form";
import { BackLink, PageHeader } from "~/components/ui";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction = () => [{ title: "Add a person · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const [managers, departments, locations] = await Promise.all([listManagerOptions(), listDepartments(), listLocations()]);
  return { managers, departments, locations };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const formData = await readForm(request);
  const saved = await savePersonFromForm(formData, (input) => createPerson(input, { actor: viewer, ip: clientIp(request) }));
  if (!saved.ok) return data({ errors: saved.errors, values: Object.fromEntries(formData) }, { status: 400 });
  throw redirect(`/hr/people/${saved.result.id}?created=1`);
}

export default function NewPerson() {
  const { managers, departments, locations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <BackLink to="/hr/people">People</BackLink>
      <PageHeader title="Add a person" description="After saving, create an invitation link so they can set their own password." />
      <PersonForm
        values={actionData?.values}
        errors={actionData?.errors}
        managers={managers}
        departments={departments}
        locations={locations}
        submitLabel="Add person"
      />
    </>
  );
}
