import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/.server/auth/require-user";
import { addAssignmentRule, assignPeople, curriculumAssignments, endAssignmentRule, unassignPerson } from "~/.server/curricula/assignments";
import { archiveCurriculum, curriculumCourseOptions, getCurriculum, restoreCurriculum, updateCurriculum } from "~/.server/curricula/curricula";
import { ruleValueOptions } from "~/.server/curricula/rule-values";
import { RuleInputSchema } from "~/.server/curricula/rules";
import { EmailListSchema, builderStep, curriculumFormValues, parseCurriculumForm, submittedValues } from "~/.server/curricula/schema";
import { parseForm } from "~/.server/forms/parse";
import { clientIp, invariantResponse } from "~/.server/http";
import { AssignPanel, HoldersPanel } from "~/components/curriculum-assign";
import { ConfirmAction } from "~/components/confirm-action";
import { CurriculumForm } from "~/components/curriculum-form";
import { BackLink, Button, Notice, PageHeader } from "~/components/ui";
import { formatDate } from "~/utils/format";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.curriculum.name ?? "Curriculum"} · Baton` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const curriculum = await getCurriculum(params.curriculumId ?? "");
  invariantResponse(curriculum, "Curriculum not found");
  const [assignments, { departments, jobTitles, locations }] = await Promise.all([curriculumAssignments(curriculum.id), ruleValueOptions()]);
  return {
    curriculum: {
      id: curriculum.id,
      name: curriculum.name,
      graceDays: curriculum.graceDays,
      validityMonths: curriculum.validityMonths,
      renewalNoticeDays: curriculum.renewalNoticeDays,
      archivedAt: curriculum.archivedAt,
      updatedAt: curriculum.updatedAt,
    },
    values: curriculumFormValues(curriculum),
    courses: curriculumCourseOptions(),
    assignments,
    departments,
    jobTitles,
    locations,
  };
}

const IntentSchema = z.object({ intent: z.enum(["save", "archive", "restore", "assign-people", "add-rule", "end-rule", "unassign"]) });
const IdSchema = z.object({ id: z.string().min(1).max(64) });

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const id = params.curriculumId ?? "";
  invariantResponse(await getCurriculum(id), "Curriculum not found");
  const formData = await readForm(request);
  const parsedIntent = IntentSchema.safeParse({ intent: formData.get("intent") });
  const intent = parsedIntent.success ? parsedIntent.data.intent : null;
  const ctx = { actor: viewer, ip: clientIp(request) };
  const done = (message: string) => ({ intent, ok: true as const, message, errors: {} as Partial<Record<string, string>> });
  const refused = (errors: Partial<Record<string, string>>, extra: { values?: Record<string, string>; kind?: string; unconfirmedValue?: string } = {}) =>
    data({ intent, ok: false as const, errors, ...extra }, { status: 400 });

  switch (intent) {
    case null:
      return refused({ form: "Unknown action." });
    case "save": {
      const slugs = curriculumCourseOptions().map((c) => c.slug);
      // Without JavaScript the list's buttons post the form: answer with the list changed, nothing saved.
      const draft = builderStep(formData, slugs);
      if (draft) return { intent, ok: false as const, errors: {} as Partial<Record<string, string>>, values: draft };
      const parsed = parseCurriculumForm(formData, slugs);
      if (!parsed.ok) return refused(parsed.errors, { values: submittedValues(formData, slugs) });
      const changes = await updateCurriculum(id, parsed.data, ctx);
      const added = changes.added.length + changes.madeRequired.length;
      return done(`Saved.${added > 0 ? " People who already hold this curriculum have new required courses due counting from today." : ""}`);
    }
    case "archive":
      await archiveCurriculum(id, ctx);
      return done("Archived. It no longer counts for anyone and assigns no one; restoring brings it back as it was.");
    case "restore":
      await restoreCurriculum(id, ctx);
      return done("Restored.");
    case "assign-people": {
      const parsed = parseForm(formData, z.object({ emails: EmailListSchema }));
      if (!parsed.ok) return refused(parsed.errors);
      const outcome = await assignPeople(id, parsed.data.emails, ctx);
      return outcome.ok ? done(outcome.message) : refused({ [outcome.field]: outcome.message });
    }
    case "add-rule": {
      const kind = String(formData.get("kind") ?? "");
      const parsed = parseForm(formData, RuleInputSchema);
      if (!parsed.ok) return refused(parsed.errors, { kind });
      const outcome = await addAssignmentRule(id, parsed.data, ctx, new Date(), { evenIfNobodyMatches: formData.get("anyway") === "on" });
      if (outcome.ok) return done(outcome.message);
      return refused({ [outcome.field]: outcome.message }, { kind, ...("unconfirmed" in outcome ? { unconfirmedValue: parsed.data.value } : {}) });
    }
    case "end-rule": {
      const parsed = parseForm(formData, IdSchema);
      if (!parsed.ok) return refused({ form: "Choose a rule." });
      const outcome = await endAssignmentRule(id, parsed.data.id, ctx);
      return outcome.ok ? done(outcome.message) : refused({ form: outcome.message });
    }
    case "unassign": {
      const parsed = parseForm(formData, IdSchema);
      if (!parsed.ok) return refused({ form: "Choose a person." });
      const outcome = await unassignPerson(id, parsed.data.id, ctx);
      return outcome.ok ? done(outcome.message) : refused({ form: outcome.message });
    }
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** How long a completion of this curriculum stands, in a sentence. */
function validityText(c: { validityMonths: number | null; renewalNoticeDays: number }) {
  if (c.validityMonths === null) return "Completion is valid without end.";
  return `Completion is valid for ${plural(c.validityMonths, "month", "months")}; renewal opens ${plural(c.renewalNoticeDays, "day", "days")} before it expires.`;
}

export default function CurriculumPage() {
  const { curriculum, values, courses, assignments, departments, jobTitles, locations } = useLoaderData<typeof loader>();
  // The answer of an action shows once the page has reloaded its data, so the two never disagree.
  const settled = useNavigation().state === "idle";
  const latest = useActionData<typeof action>();
  const actionData = settled ? latest : undefined;
  const [searchParams] = useSearchParams();
  const archived = Boolean(curriculum.archivedAt);
  // A refused save, or (without JavaScript) the list changed by one of its buttons: the form shows what was sent.
  const saveAnswer = actionData?.intent === "save" && !actionData.ok ? actionData : null;
  const saveRefused = saveAnswer && Object.keys(saveAnswer.errors).length > 0;
  const holders = `${assignments.holderCount} ${assignments.holderCount === 1 ? "person who holds" : "people who hold"} it`;
  return (
    <>
      <BackLink to="/hr/curricula">Curricula</BackLink>
      <PageHeader
        title={curriculum.name}
        description={
          <>
            {assignments.holderCount} {assignments.holderCount === 1 ? "person holds" : "people hold"} this curriculum. Grace period: {curriculum.graceDays}{" "}
            {curriculum.graceDays === 1 ? "day" : "days"} after someone receives it before they can be flagged At risk. {validityText(curriculum)}
            {archived ? <strong className="ml-2 text-red-700">Archived {formatDate(curriculum.archivedAt)}</strong> : null}
          </>
        }
        actions={
          archived ? (
            <Form method="post">
              <input type="hidden" name="intent" value="restore" />
              <Button type="submit" variant="secondary">
                Restore
              </Button>
            </Form>
          ) : (
            <ConfirmAction
              label="Archive"
              title={`Archive ${curriculum.name}?`}
              effect={
                <p>
                  It stops counting toward readiness for the {holders} and assigns no one, by name or by its group rules. Nothing is deleted: what people
                  finished stays finished, and restoring brings it back as it was.
                </p>
              }
              confirmLabel={`Archive ${curriculum.name}`}
            >
              <input type="hidden" name="intent" value="archive" />
            </ConfirmAction>
          )
        }
      />
      <div className="mb-4 space-y-2">
        {searchParams.get("created") && !actionData ? <Notice tone="success">Curriculum created. Now assign it below.</Notice> : null}
        {actionData?.ok ? <Notice tone="success">{actionData.message}</Notice> : null}
        {actionData && !actionData.ok && actionData.errors.form ? <Notice tone="error">{actionData.errors.form}</Notice> : null}
        {saveRefused ? <Notice tone="error">The curriculum was not saved: check the fields marked below.</Notice> : null}
      </div>
      {archived ? (
        <Notice>This curriculum is archived: it counts for no one and cannot be assigned. Restore it to assign it again.</Notice>
      ) : (
        <AssignPanel actionData={actionData} departments={departments} jobTitles={jobTitles} locations={locations} />
      )}
      <HoldersPanel assignments={assignments} curriculumName={curriculum.name} />
      <section className="mt-8">
        <h2 className="mb-1 text-lg font-semibold">Edit the curriculum</h2>
        <p className="mb-3 text-sm text-slate-600">
          Editing never undoes finished work. A course you add or make required is due for current holders counting from the day you save.
        </p>
        <CurriculumForm
          key={String(curriculum.updatedAt)}
          values={saveAnswer?.values ?? values}
          errors={saveAnswer?.errors}
          courses={courses}
          submitLabel="Save changes"
        />
      </section>
    </>
  );
}
