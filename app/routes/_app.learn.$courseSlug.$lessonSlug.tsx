import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { lessonView } from "~/.server/views/learner";
import { REVALIDATE, revalidateHeaders } from "~/.server/views/revalidate";
import { Link, isRouteErrorResponse, useActionData, useLoaderData, useParams, useRouteError } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { invariantResponse } from "~/.server/http";
import { performLessonAction, readLessonIntent } from "~/.server/progress/lesson-actions";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LessonEnd } from "~/components/lesson-end";
import { LessonBody } from "~/components/lesson-body";
import { LessonFeedbackForm } from "~/components/lesson-feedback";
import { LessonContext } from "~/components/mdx/lesson-context";
import { StateBadge } from "~/components/progress-bits";
import { QuizPanel } from "~/components/quiz-panel";
import { LessonObjectives, LessonPager } from "~/components/lesson-frame";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.lesson.title ?? "Lesson"} · Baton` }];

export const headers = revalidateHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const view = await lessonView(viewer, params.courseSlug ?? "", params.lessonSlug ?? "");
  invariantResponse(view.kind !== "not-found", "Lesson not found");
  // In-order curricula: a locked course's lessons answer 403 with the reason, never the lesson.
  if (view.kind === "locked") throw new Response(view.message, { status: 403 });
  // The body as content:build rendered it, static HTML and islands: no lesson code runs here or in the browser (docs/decisions/015).
  return data({ ...view.page, feedback: view.feedback }, { headers: REVALIDATE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const read = readLessonIntent(await readForm(request));
  if (!read.ok) return data({ ok: false as const, message: read.message }, { status: 400 });
  const result = await performLessonAction(viewer, params.courseSlug ?? "", params.lessonSlug ?? "", read.intent);
  invariantResponse(result, "Lesson not found");
  if (!result.ok) return data({ ok: false as const, message: result.message }, { status: result.refusal === "conflict" ? 409 : 400 });
  return result;
}

export default function LessonRoute() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = actionData && !actionData.ok ? actionData.message : null;
  const base = `/learn/${page.course.slug}`;
  return (
    <LessonContext.Provider
      value={{
        reflections: page.reflections,
        interactions: page.interactions,
        quiz: page.quiz,
        practice: page.practice,
        quizError: error,
      }}
    >
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/learn" className="text-brand-700 hover:underline">
          My learning
        </Link>
        <span className="mx-2 text-slate-400">/</span>
        <Link to={base} className="text-brand-700 hover:underline">
          {page.course.title}
        </Link>
      </nav>
      <article className="mx-auto mt-4 max-w-3xl">
        <header className="mb-6">
          <p className="text-sm text-slate-500">
            Lesson {page.position.index} of {page.position.total} · {page.lesson.minutes} min
          </p>
          <div className="mt-1 flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-bold tracking-tight break-words sm:text-3xl">{page.lesson.title}</h1>
            <StateBadge state={page.status} />
          </div>
          <LessonObjectives objectives={page.lesson.objectives} />
          {page.reopened ? <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{page.reopened}</p> : null}
        </header>
        <div className="prose prose-slate max-w-none prose-headings:tracking-tight">
          <LessonBody segments={page.segments} />
        </div>
        {page.quiz && !page.lesson.quizInBody ? <QuizPanel quiz={page.quiz} error={error} /> : null}
        <div className="mt-10 border-t border-slate-200 pt-6">
          {error && !page.quiz ? (
            <p role="alert" className="mb-3 text-red-800">
              {error}
            </p>
          ) : null}
          <LessonEnd completion={page.lesson.completion} status={page.status} />
          <LessonFeedbackForm courseSlug={page.course.slug} lessonSlug={page.lesson.slug} mine={page.feedback} />
          <LessonPager base={base} courseHref={base} previous={page.previous} next={page.next} />
        </div>
      </article>
    </LessonContext.Provider>
  );
}

/** A locked lesson (in-order curriculum) says why and where to go instead of a bare "no access". */
export function ErrorBoundary() {
  const error = useRouteError();
  const { courseSlug } = useParams();
  if (isRouteErrorResponse(error) && error.status === 403 && typeof error.data === "string") {
    return (
      <div role="alert" className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold text-brand-700">Not open yet</p>
        <h1 className="mt-2 text-2xl font-bold">This lesson is not open yet</h1>
        <p className="mt-2 text-slate-600">{error.data}</p>
        <Link to={`/learn/${courseSlug ?? ""}`} className="mt-6 inline-block font-medium text-brand-700 underline">
          Back to the course
        </Link>
      </div>
    );
  }
  return <GeneralErrorBoundary />;
}
