import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { ConfirmAction } from "~/components/confirm-action";
import { Button, DataTable } from "~/components/ui";
import { formatDate, roleLabel } from "~/utils/format";

type ActionResult = { intent: string | null; ok: boolean; errors: Partial<Record<string, string>>; kind?: string; unconfirmedValue?: string } | undefined;
type ValueOption = { value: string; people: number };

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm aria-[invalid]:border-red-600";

function RuleForm({
  kind,
  label,
  button,
  error,
  confirm,
  children,
}: {
  kind: string;
  label: string;
  button: string;
  error?: string;
  /** Shown when the value matched nobody: ticking it lets the rule name a group no one is in yet. */
  confirm?: string;
  children: (describedBy?: string) => ReactNode;
}) {
  const errId = `rule-${kind}-error`;
  return (
    <Form method="post" className="flex flex-col gap-2 rounded-md border border-slate-200 p-4">
      <input type="hidden" name="intent" value="add-rule" />
      <input type="hidden" name="kind" value={kind} />
      <span className="text-sm font-medium text-slate-800">{label}</span>
      {children(error ? errId : undefined)}
      {error ? (
        <p id={errId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {confirm ? (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="anyway" className="mt-1" />
          <span>{confirm}</span>
        </label>
      ) : null}
      <Button type="submit" variant="secondary" className="self-start">
        {button}
      </Button>
    </Form>
  );
}

/** A value chosen from the names active people have, with how many have each; other text needs a confirmation. */
function SuggestedInput({
  label,
  listId,
  options,
  describedBy,
  defaultValue,
}: {
  label: string;
  listId: string;
  options: ValueOption[];
  describedBy?: string;
  defaultValue?: string;
}) {
  return (
    <>
      <input
        key={defaultValue}
        name="value"
        list={listId}
        autoComplete="off"
        defaultValue={defaultValue}
        aria-label={label}
        aria-describedby={describedBy}
        aria-invalid={describedBy ? true : undefined}
        className={inputClass}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.value} value={o.value} label={`${o.value} (${o.people} ${o.people === 1 ? "person" : "people"})`} />
        ))}
      </datalist>
    </>
  );
}

/** A department, job title or location rule; a value that matched nobody comes back with the box to confirm it. */
function NameRuleForm(props: { kind: string; group: string; options: ValueOption[]; error?: string; unconfirmed?: string }) {
  const { kind, group, unconfirmed } = props;
  const label = `${group[0]!.toUpperCase()}${group.slice(1)}`;
  return (
    <RuleForm
      kind={kind}
      label={`A ${group}`}
      button={`Assign to ${group}`}
      error={props.error}
      confirm={unconfirmed === undefined ? undefined : `Assign anyway: people who join with this ${group} later will receive it`}
    >
      {(describedBy) => (
        <SuggestedInput label={label} listId={`rule-${kind.toLowerCase()}`} options={props.options} describedBy={describedBy} defaultValue={unconfirmed} />
      )}
    </RuleForm>
  );
}

/** Assign to named people, or to a group by a rule that keeps matching people added later. */
export function AssignPanel({
  actionData,
  departments,
  jobTitles,
  locations,
}: {
  actionData: ActionResult;
  departments: ValueOption[];
  jobTitles: ValueOption[];
  locations: ValueOption[];
}) {
  const refusedRule = (kind: string) => (actionData && !actionData.ok && actionData.intent === "add-rule" && actionData.kind === kind ? actionData : undefined);
  const errorFor = (kind: string) => refusedRule(kind)?.errors.value;
  const unconfirmed = (kind: string) => refusedRule(kind)?.unconfirmedValue;
  const peopleError = actionData && !actionData.ok && actionData.intent === "assign-people" ? actionData.errors.emails : undefined;
  return (
    <section className="mb-8 rounded-lg border border-slate-200 bg-white p-6">
      <h2 className="text-lg font-semibold">Assign</h2>
      <p className="mt-1 text-sm text-slate-600">
        A group assignment is a rule: everyone who matches now gets the curriculum, and so does everyone who is added, imported or moved into the group later,
        with due dates from their own start date.
      </p>
      <div className="mt-4 grid gap-4 md:grid-cols-2 lg:grid-cols-3">
        <Form method="post" className="flex flex-col gap-2 rounded-md border border-slate-200 p-4">
          <input type="hidden" name="intent" value="assign-people" />
          <label htmlFor="assign-emails" className="text-sm font-medium text-slate-800">
            People, by email
          </label>
          <textarea
            id="assign-emails"
            name="emails"
            rows={3}
            placeholder="one or more emails, separated by commas or new lines"
            aria-invalid={peopleError ? true : undefined}
            aria-describedby={peopleError ? "assign-emails-error" : undefined}
            className={inputClass}
          />
          {peopleError ? (
            <p id="assign-emails-error" className="text-sm text-red-700">
              {peopleError}
            </p>
          ) : null}
          <Button type="submit" variant="secondary" className="self-start">
            Assign to these people
          </Button>
        </Form>
        <NameRuleForm kind="DEPARTMENT" group="department" options={departments} error={errorFor("DEPARTMENT")} unconfirmed={unconfirmed("DEPARTMENT")} />
        <NameRuleForm kind="JOB_TITLE" group="job title" options={jobTitles} error={errorFor("JOB_TITLE")} unconfirmed={unconfirmed("JOB_TITLE")} />
        <NameRuleForm kind="LOCATION" group="location" options={locations} error={errorFor("LOCATION")} unconfirmed={unconfirmed("LOCATION")} />
        <RuleForm kind="ROLE" label="A role" button="Assign to role" error={errorFor("ROLE")}>
          {(describedBy) => (
            <select name="value" aria-label="Role" aria-describedby={describedBy} className={inputClass} defaultValue="LEARNER">
              {(["LEARNER", "MANAGER", "HR"] as const).map((r) => (
                <option key={r} value={r}>
                  {roleLabel[r]}
                </option>
              ))}
            </select>
          )}
        </RuleForm>
        <RuleForm kind="STARTING_FROM" label="Everyone starting on or after" button="Assign to new starters" error={errorFor("STARTING_FROM")}>
          {(describedBy) => (
            <input
              name="value"
              type="date"
              aria-label="First start date"
              aria-describedby={describedBy}
              aria-invalid={describedBy ? true : undefined}
              className={inputClass}
            />
          )}
        </RuleForm>
      </div>
    </section>
  );
}

type Assignments = {
  rules: { id: string; label: string; createdAt: string | Date; endedAt: string | Date | null; people: number }[];
  holders: {
    person: { id: string; name: string; email: string; department: string | null; startDate: string | Date | null };
    since: string | Date;
    direct: boolean;
    rules: string[];
  }[];
  holderCount: number;
  history: { id: string; person: { id: string; name: string }; from: string | Date; to: string | Date | null; via: string }[];
};

/** Rules, the people who hold the curriculum now and why, and the closed periods (kept forever). */
export function HoldersPanel({ assignments, curriculumName }: { assignments: Assignments; curriculumName: string }) {
  const { rules, holders, holderCount, history } = assignments;
  return (
    <>
      <section className="mb-8">
        <h2 className="mb-2 text-lg font-semibold">Group rules</h2>
        {rules.length === 0 ? (
          <p className="text-sm text-slate-600">No group rules. Assign to a department, job title, location, role or start date above.</p>
        ) : (
          <ul aria-label="Group rules" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {rules.map((r) => (
              <li key={r.id} className={`flex flex-wrap items-center justify-between gap-3 px-4 py-3 ${r.endedAt ? "text-slate-500" : ""}`}>
                <span>
                  <span className="font-medium">{r.label}</span> · since {formatDate(r.createdAt)}
                  {r.endedAt ? ` · ended ${formatDate(r.endedAt)}` : ` · ${r.people} ${r.people === 1 ? "person" : "people"}`}
                </span>
                {r.endedAt ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="end-rule" />
                    <input type="hidden" name="id" value={r.id} />
                    <Button type="submit" variant="secondary" aria-label={`End the rule ${r.label}`}>
                      End rule
                    </Button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="mb-8">
        <h2 className="mb-2 text-lg font-semibold">
          People who hold it ({holderCount}
          {holderCount > holders.length ? `, first ${holders.length} shown` : ""})
        </h2>
        {holders.length === 0 ? (
          <p className="text-sm text-slate-600">No one yet.</p>
        ) : (
          <DataTable headers={["Person", "Start date", "Holds it since", "Through", "Actions"]} caption={`People who hold ${curriculumName}`}>
            {holders.map((h) => (
              <tr key={h.person.id}>
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  <Link to={`/hr/people/${h.person.id}`} className="font-medium text-brand-700 hover:underline">
                    {h.person.name}
                  </Link>
                  <div className="text-slate-500">{h.person.department ?? "—"}</div>
                </th>
                <td className="px-4 py-2">{formatDate(h.person.startDate)}</td>
                <td className="px-4 py-2">{formatDate(h.since)}</td>
                <td className="px-4 py-2">{[...(h.direct ? ["Directly"] : []), ...h.rules].join("; ")}</td>
                <td className="px-4 py-2 sm:text-right">
                  {h.direct ? (
                    <ConfirmAction
                      label="Unassign"
                      ariaLabel={`Unassign ${h.person.name}`}
                      title={`Unassign ${h.person.name}?`}
                      effect={
                        <p>
                          {h.rules.length > 0
                            ? `${h.person.name} keeps ${curriculumName} through ${h.rules.join("; ")}: only the direct assignment ends.`
                            : `${h.person.name} loses ${curriculumName}: its courses are no longer required of them and stop counting toward their readiness.`}{" "}
                          What they finished stays finished, and assigning them again restores their due dates.
                        </p>
                      }
                      confirmLabel={`Unassign ${h.person.name}`}
                    >
                      <input type="hidden" name="intent" value="unassign" />
                      <input type="hidden" name="id" value={h.person.id} />
                    </ConfirmAction>
                  ) : null}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      {history.length > 0 ? (
        <section className="mb-8">
          <h2 className="mb-2 text-lg font-semibold">Earlier assignments</h2>
          <p className="mb-2 text-sm text-slate-600">
            Kept for the record. What people finished stays finished; assigning them again restores their due dates.
          </p>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {history.map((h) => (
              <li key={h.id} className="px-4 py-2">
                {h.person.name} · {formatDate(h.from)} – {formatDate(h.to)} · {h.via}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
