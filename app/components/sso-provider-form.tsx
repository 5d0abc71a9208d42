import { Form } from "@remix-run/react";
import { Button, Field, SelectField } from "~/components/ui";

type Values = {
  slug: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecretEnv: string | null;
  hasSealedSecret: boolean;
  createPeople: boolean;
  defaultRole: string;
  enabled: boolean;
};

export const NEW_PROVIDER: Values = {
  slug: "",
  name: "",
  issuer: "",
  clientId: "",
  clientSecretEnv: null,
  hasSealedSecret: false,
  createPeople: false,
  defaultRole: "LEARNER",
  enabled: true,
};

/** The fields of an identity provider, for adding one and for editing it. */
export function SsoProviderForm({ values, errors, submitLabel }: { values: Values; errors?: Partial<Record<string, string>>; submitLabel: string }) {
  return (
    <Form method="post" noValidate className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <input type="hidden" name="intent" value="save" />
      <Field label="Name on the sign-in button" name="name" defaultValue={values.name} hint='People see "Sign in with <name>".' error={errors?.name} required />
      <Field
        label="Short name"
        name="slug"
        defaultValue={values.slug}
        hint="Lower-case letters, digits and hyphens; part of the sign-in addresses (/sso/<short name>/…)."
        error={errors?.slug}
        required
      />
      <Field
        label="Issuer URL"
        name="issuer"
        type="url"
        defaultValue={values.issuer}
        hint="From the provider, e.g. https://login.example.com."
        error={errors?.issuer}
        required
      />
      <Field label="Client id" name="clientId" defaultValue={values.clientId} autoComplete="off" error={errors?.clientId} required />
      <Field
        label="Client secret"
        name="clientSecret"
        type="password"
        autoComplete="new-password"
        hint={values.hasSealedSecret ? "Stored encrypted. Leave empty to keep it." : "Stored encrypted. Or leave empty and name an environment variable below."}
        error={errors?.clientSecret}
      />
      <Field
        label="Or: environment variable holding the client secret"
        name="clientSecretEnv"
        defaultValue={values.clientSecretEnv ?? ""}
        hint="e.g. OIDC_CLIENT_SECRET, set on every server."
        error={errors?.clientSecretEnv}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="createPeople" defaultChecked={values.createPeople} className="h-4 w-4" />
        Create an account on first sign-in for people Baton does not know yet
      </label>
      <SelectField label="Role of people created on first sign-in" name="defaultRole" defaultValue={values.defaultRole} error={errors?.defaultRole}>
        <option value="LEARNER">Learner</option>
        <option value="MANAGER">Manager</option>
        <option value="HR">HR</option>
      </SelectField>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="enabled" defaultChecked={values.enabled} className="h-4 w-4" />
        Show &quot;Sign in with …&quot; on the sign-in page
      </label>
      <Button type="submit">{submitLabel}</Button>
    </Form>
  );
}
