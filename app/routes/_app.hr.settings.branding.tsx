import {
  MaxPartSizeExceededError,
  data,
  unstable_createMemoryUploadHandler,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState, type ChangeEvent } from "react";
import { z } from "zod";
import { requireUser } from "~/.server/auth/require-user";
import { brandSettings, removeLogo, updateBrand, uploadLogo } from "~/.server/branding/brand";
import { LOGO_RULES_TEXT, MAX_LOGO_BYTES, tooLargeLogoMessage } from "~/.server/branding/logo";
import { parseForm } from "~/.server/forms/parse";
import { readForm, readUploadForm } from "~/.server/forms/read";
import { clientIp } from "~/.server/http";
import { Button, Field, Notice, PageHeader } from "~/components/ui";
import { DEFAULT_BRAND_NAME, MAX_BRAND_NAME_LENGTH } from "~/utils/brand";
import { AA_RATIO, contrastWithWhite, formatRatio, isHexColor } from "~/utils/contrast";

export const meta: MetaFunction = () => [{ title: "Branding · Baton" }];

/** Baton's own blue (--color-brand-600 in app/styles/app.css): what pages use while no colour is set. */
const BATON_BLUE = "#1d5fd1";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  return { brand: await brandSettings(), logoRules: LOGO_RULES_TEXT };
}

const SaveSchema = z.object({ intent: z.literal("save"), name: z.string().max(1000).default(""), color: z.string().max(100).default("") });

const refused = (message: string) => data({ kind: "logo-refused" as const, message }, { status: 400 });

/** The logo file from a multipart body; the size limit applies while reading, before the whole file is held. */
async function readLogo(request: Request): Promise<{ bytes: Uint8Array } | { error: string }> {
  let form: FormData;
  try {
    form = await readUploadForm(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_LOGO_BYTES }), { maxParts: 3 });
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { error: tooLargeLogoMessage() };
    throw error;
  }
  const file = form.get("logo");
  if (!(file instanceof Blob) || file.size === 0) return { error: "Choose an image file to upload." };
  return { bytes: new Uint8Array(await file.arrayBuffer()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const ctx = { actor: viewer, ip: clientIp(request) };
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const read = await readLogo(request);
    if ("error" in read) return refused(read.error);
    const outcome = await uploadLogo(read.bytes, ctx, new Date());
    return outcome.kind === "uploaded" ? { kind: "logo-uploaded" as const } : refused(outcome.message);
  }
  const form = await readForm(request);
  if (form.get("intent") === "remove-logo") return { kind: (await removeLogo(ctx)).kind };
  const parsed = parseForm(form, SaveSchema);
  if (!parsed.ok) return data({ kind: "invalid" as const, errors: parsed.errors }, { status: 400 });
  const outcome = await updateBrand(parsed.data, ctx);
  return outcome.kind === "saved" ? outcome : data(outcome, { status: 400 });
}

function ContrastPreview({ color, name }: { color: string; name: string }) {
  const valid = isHexColor(color);
  const ratio = valid ? contrastWithWhite(color) : null;
  const passes = ratio !== null && ratio >= AA_RATIO;
  return (
    <div className="flex flex-wrap items-center gap-4 rounded-md border border-slate-200 bg-slate-50 p-4">
      <div
        aria-hidden="true"
        className="flex h-12 min-w-32 items-center justify-center rounded-md px-4 text-sm font-semibold text-white shadow-sm"
        style={{ backgroundColor: valid ? color : BATON_BLUE }}
      >
        {name || DEFAULT_BRAND_NAME}
      </div>
      <p className="text-sm" aria-live="polite">
        {ratio === null ? (
          color ? (
            "Enter a colour as # and six hex digits to see it."
          ) : (
            "Baton's own blue."
          )
        ) : (
          <>
            White text on {color}: <strong>{formatRatio(ratio)}</strong>{" "}
            {passes ? (
              <span className="text-green-800">— readable (AA needs {AA_RATIO}:1)</span>
            ) : (
              <span className="text-red-700">— too light; pick a darker colour ({AA_RATIO}:1 needed)</span>
            )}
          </>
        )}
      </p>
    </div>
  );
}

function NameAndColour({ saved, errors }: { saved: { name: string | null; color: string | null }; errors: Partial<Record<string, string>> }) {
  const [name, setName] = useState(saved.name ?? "");
  const [color, setColor] = useState(saved.color ?? "");
  const busy = useNavigation().formData?.get("intent") === "save";
  return (
    <Form method="post" noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h2 className="text-lg font-semibold">Name and colour</h2>
      <input type="hidden" name="intent" value="save" />
      <Field
        label="Organisation name"
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={MAX_BRAND_NAME_LENGTH}
        autoComplete="organization"
        placeholder={DEFAULT_BRAND_NAME}
        hint={`Shown in the header, on the sign-in page and in e-mails. Up to ${MAX_BRAND_NAME_LENGTH} characters; leave empty for “${DEFAULT_BRAND_NAME}”.`}
        error={errors.name}
      />
      <div className="flex items-start gap-3">
        <div className="flex-1">
          <Field
            label="Primary colour"
            name="color"
            value={color}
            onChange={(e) => setColor(e.target.value)}
            placeholder={BATON_BLUE}
            autoComplete="off"
            spellCheck={false}
            hint="# and six hex digits, dark enough for white text on it. Leave empty for Baton's blue."
            error={errors.color}
          />
        </div>
        <input
          type="color"
          aria-label="Pick the primary colour"
          value={isHexColor(color) ? color.toLowerCase() : BATON_BLUE}
          onChange={(e) => setColor(e.target.value)}
          className="mt-6 h-10 w-14 shrink-0 cursor-pointer rounded-md border border-slate-300 bg-white p-1"
        />
      </div>
      <ContrastPreview color={color.trim().toLowerCase()} name={name.trim()} />
      <Button type="submit" disabled={busy}>
        {busy ? "Saving…" : "Save name and colour"}
      </Button>
    </Form>
  );
}

function LogoUpload({ logo, rules }: { logo: { url: string; width: number; height: number } | null; rules: string }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const navigation = useNavigation();
  const uploading = navigation.formEncType === "multipart/form-data";
  // A preview of the chosen file before it is sent: read as a data: URL (the page's CSP allows those images).
  const preview = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file || !file.type.startsWith("image/") || file.type === "image/svg+xml") return setChosen(null);
    const reader = new FileReader();
    reader.onload = () => setChosen(typeof reader.result === "string" ? reader.result : null);
    reader.readAsDataURL(file);
  };
  return (
    <section aria-labelledby="logo-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="logo-heading" className="text-lg font-semibold">
        Logo
      </h2>
      <div className="flex flex-wrap items-center gap-4">
        {logo ? (
          <img src={logo.url} alt="Current logo" className="h-12 w-auto max-w-60 rounded border border-slate-200 bg-white object-contain p-1" />
        ) : (
          <p className="text-sm text-slate-600">No logo yet: the header shows the name only.</p>
        )}
        {logo ? (
          <span className="text-sm text-slate-600">
            {logo.width} × {logo.height} pixels
          </span>
        ) : null}
      </div>
      <Form method="post" encType="multipart/form-data" className="space-y-3">
        <div>
          <label htmlFor="logo-file" className="block text-sm font-medium text-slate-800">
            {logo ? "Replace the logo" : "Upload a logo"}
          </label>
          <input
            id="logo-file"
            name="logo"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            required
            onChange={preview}
            aria-describedby="logo-file-hint"
            className="mt-1 block w-full text-sm text-slate-700 file:mr-4 file:cursor-pointer file:rounded-md file:border-0 file:bg-brand-50 file:px-4 file:py-2 file:text-sm file:font-semibold file:text-brand-700 hover:file:bg-brand-100"
          />
          <p id="logo-file-hint" className="mt-1 text-sm text-slate-500">
            {rules} SVG files are not accepted.
          </p>
        </div>
        {chosen ? (
          <div className="flex items-center gap-3 text-sm text-slate-600">
            <img src={chosen} alt="Preview of the chosen file" className="h-12 w-auto max-w-60 rounded border border-slate-200 object-contain p-1" />
            Not saved yet
          </div>
        ) : null}
        <Button type="submit" disabled={uploading}>
          {uploading ? "Uploading…" : "Upload logo"}
        </Button>
      </Form>
      {logo ? (
        <Form method="post">
          <input type="hidden" name="intent" value="remove-logo" />
          <Button type="submit" variant="secondary">
            Remove the logo
          </Button>
        </Form>
      ) : null}
    </section>
  );
}

const RESULT_TEXT: Record<string, string> = {
  saved: "Name and colour saved.",
  "logo-uploaded": "Logo uploaded.",
  removed: "Logo removed: the header shows the name only.",
  "no-logo": "There was no logo to remove.",
};

export default function BrandingSettings() {
  const { brand, logoRules } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = result && "errors" in result ? result.errors : {};
  return (
    <>
      <PageHeader
        title="Branding"
        description="Your organisation's name, colour and logo: shown in the header, on the sign-in page and in e-mails instead of Baton's."
      />
      <div className="max-w-3xl space-y-6">
        {result && RESULT_TEXT[result.kind] ? <Notice tone="success">{RESULT_TEXT[result.kind]}</Notice> : null}
        {result?.kind === "invalid" ? <Notice tone="error">Nothing was saved: {errors.color ?? errors.name ?? "check the fields below."}</Notice> : null}
        {result?.kind === "logo-refused" ? <Notice tone="error">The logo was not saved. {result.message}</Notice> : null}
        <NameAndColour saved={brand} errors={errors} />
        {/* A new logo remounts the form: the chosen file and its preview are cleared once saved. */}
        <LogoUpload key={brand.logo?.url ?? "none"} logo={brand.logo} rules={logoRules} />
      </div>
    </>
  );
}
