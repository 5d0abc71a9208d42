import { Field } from "~/components/ui";

/** The fields of a webhook endpoint, for creating one and for editing it. */
export function WebhookFields({
  eventTypes,
  values,
  errors,
}: {
  eventTypes: Record<string, string>;
  values?: { url: string; description: string | null; events: string[] };
  errors: Partial<Record<string, string>>;
}) {
  return (
    <>
      <Field
        label="URL"
        name="url"
        type="url"
        required
        defaultValue={values?.url}
        placeholder="https://example.com/webhooks/baton"
        hint="Baton POSTs signed JSON here (http:// or https://; in production only public addresses)."
        error={errors.url}
      />
      <Field label="Description (optional)" name="description" defaultValue={values?.description ?? ""} maxLength={200} error={errors.description} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Events</legend>
        {Object.entries(eventTypes).map(([type, label]) => (
          <label key={type} className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="events" value={type} defaultChecked={values?.events.includes(type)} className="mt-0.5 h-4 w-4" />
            <span>
              <code>{type}</code> — {label}
            </span>
          </label>
        ))}
        {errors.events ? <p className="text-sm text-red-700">{errors.events}</p> : null}
      </fieldset>
    </>
  );
}

/** A new signing secret, shown this once. */
export function SecretOnce({ secret }: { secret: string }) {
  return (
    <div className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
      <p className="font-semibold">Copy the signing secret now: Baton shows it only this once.</p>
      <p>
        <code className="break-all rounded bg-white px-2 py-1" aria-label="Signing secret">
          {secret}
        </code>
      </p>
      <p>The receiver verifies each request with it (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature).</p>
    </div>
  );
}
