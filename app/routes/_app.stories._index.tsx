import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { clientIp } from "~/.server/http";
import { listDepartments } from "~/.server/people/people";
import { runStoryIntent } from "~/.server/stories/actions";
import { getBehaviours } from "~/.server/stories/behaviours";
import { LIST_LIMIT, listStories, storySubjects } from "~/.server/stories/list";
import { storyResponse, type StoryActionData } from "~/.server/stories/respond";
import { INTENT_ROLES, mayHighlight, mayModerate } from "~/.server/stories/rules";
import { STORY_MAX, StoryFilterSchema, StoryIntentSchema } from "~/.server/stories/schema";
import { StoryItem } from "~/components/story-card";
import { StoryFilters } from "~/components/story-filters";
import { StoryForm } from "~/components/story-form";
import { EmptyState, Notice, PageHeader } from "~/components/ui";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction = () => [{ title: "Service stories · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const requested = StoryFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [list, colleagues, departments] = await Promise.all([listStories(viewer, requested), storySubjects(viewer.id), listDepartments()]);
  return {
    ...list,
    colleagues,
    departments,
    behaviours: getBehaviours(),
    can: { highlight: mayHighlight(viewer.role), hide: mayModerate(viewer.role) },
    limit: LIST_LIMIT,
    max: STORY_MAX,
  };
}

/** Post, delete, highlight, hide: the intent decides the roles allowed, the domain checks the rest. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = StoryIntentSchema.safeParse(form.get("intent"));
  const viewer = await requireUser(request, { role: intent.success ? INTENT_ROLES[intent.data] : undefined });
  if (!intent.success) return data<StoryActionData>({ ok: false, intent: "", storyId: null, fieldErrors: { form: "Unknown action." } }, { status: 400 });
  return storyResponse(await runStoryIntent(viewer, intent.data, form, { ip: clientIp(request) }, new Date()));
}

export default function Stories() {
  const { stories, filter, colleagues, departments, behaviours, can, limit, max } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title="Service stories"
        description="Good service between colleagues, told by the people who received it or saw it."
        actions={
          <div className="flex flex-wrap items-center gap-4">
            {/* On a phone the form comes after every story: a way straight to it. */}
            <a href="#tell-a-story" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 lg:hidden">
              Tell a story
            </a>
            {can.hide ? (
              <Link to="/hr/stories" className="text-sm font-medium text-brand-700 hover:underline">
                Stories by department and month
              </Link>
            ) : null}
          </div>
        }
      />
      {result?.ok ? (
        <div className="mb-4">
          <Notice tone="success">{result.message}</Notice>
        </div>
      ) : null}
      {result && !result.ok && result.fieldErrors.form ? (
        <div className="mb-4">
          <Notice tone="error">{result.fieldErrors.form}</Notice>
        </div>
      ) : null}
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <section aria-labelledby="stories-heading" className="space-y-4 lg:col-span-2">
          <h2 id="stories-heading" className="sr-only">
            Stories
          </h2>
          <StoryFilters filter={filter} showHidden={can.hide} behaviours={behaviours} departments={departments} />
          <p className="text-sm text-slate-600" aria-live="polite">
            {stories.length === limit ? `The newest ${limit} stories` : `${stories.length} ${stories.length === 1 ? "story" : "stories"}`}
          </p>
          {stories.length === 0 ? (
            <EmptyState title="No stories here yet">Seen someone give great service? Tell their story.</EmptyState>
          ) : (
            <ul className="space-y-3">
              {stories.map((s) => (
                <li key={s.id}>
                  <StoryItem story={s} can={can} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <aside id="tell-a-story" aria-label="Tell a story" className="scroll-mt-4 lg:sticky lg:top-4">
          <StoryForm colleagues={colleagues} behaviours={behaviours} max={max} />
        </aside>
      </div>
    </>
  );
}
