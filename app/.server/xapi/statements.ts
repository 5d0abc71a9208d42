/**
 * xAPI 1.0.3 statements for what a learner did in Baton (docs/integrations/xapi.md has the table). The actor is
 * always an account on this Baton (the person's id), never an e-mail address, and each statement's id is derived
 * from its cause, so a re-sent statement is one the learning record store already has.
 */
import { createHash } from "node:crypto";
import type { IntegrationEvent } from "../integrations/events";

export const VERBS = {
  completed: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-US": "completed" } },
  passed: { id: "http://adlnet.gov/expapi/verbs/passed", display: { "en-US": "passed" } },
  failed: { id: "http://adlnet.gov/expapi/verbs/failed", display: { "en-US": "failed" } },
  // ADL: "the authority determined the actor has fulfilled the criteria" — a supervisor's sign-off.
  satisfied: { id: "https://w3id.org/xapi/adl/verbs/satisfied", display: { "en-US": "satisfied" } },
  // ADL: "the requirements were met by means other than completing the activity".
  waived: { id: "https://w3id.org/xapi/adl/verbs/waived", display: { "en-US": "waived" } },
  experienced: { id: "http://adlnet.gov/expapi/verbs/experienced", display: { "en-US": "experienced" } },
} as const;

const ACTIVITY_TYPES = {
  course: "http://adlnet.gov/expapi/activities/course",
  lesson: "http://adlnet.gov/expapi/activities/lesson",
  assessment: "http://adlnet.gov/expapi/activities/assessment",
  performance: "http://adlnet.gov/expapi/activities/performance",
} as const;

type LanguageMap = Record<string, string>;
type Activity = { objectType: "Activity"; id: string; definition: { type: string; name: LanguageMap } };
export type Statement = {
  id: string;
  actor: { objectType: "Agent"; account: { homePage: string; name: string } };
  verb: { id: string; display: LanguageMap };
  object: Activity;
  result?: { success?: boolean; completion?: boolean; score?: { scaled: number; raw: number; min: number; max: number } };
  context: { platform: string; language: string; contextActivities?: { parent?: Activity[]; grouping?: Activity[] } };
  timestamp: string;
};

/** Titles for the activities' names; a slug stands in for a course the library no longer has. */
export type Titles = { course: (slug: string) => string; lesson: (courseSlug: string, lessonSlug: string) => string };

/** A name-based UUID (version 5 layout over SHA-256) from any text: the same cause, the same statement id. */
export function uuidFrom(text: string): string {
  const hex = createHash("sha256").update(text).digest("hex").slice(0, 32).split("");
  hex[12] = "5";
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const en = (text: string): LanguageMap => ({ "en-US": text });

export function statementActor(origin: string, personId: string): Statement["actor"] {
  return { objectType: "Agent", account: { homePage: origin, name: personId } };
}

/** The activities Baton reports on, with ids under <origin>/xapi/activities/. */
export function activities(origin: string, titles: Titles) {
  const courseId = (slug: string) => `${origin}/xapi/activities/course/${encodeURIComponent(slug)}`;
  const lessonId = (c: string, l: string) => `${courseId(c)}/lesson/${encodeURIComponent(l)}`;
  const activity = (id: string, type: string, name: string): Activity => ({ objectType: "Activity", id, definition: { type, name: en(name) } });
  return {
    course: (c: string) => activity(courseId(c), ACTIVITY_TYPES.course, titles.course(c)),
    lesson: (c: string, l: string) => activity(lessonId(c, l), ACTIVITY_TYPES.lesson, titles.lesson(c, l)),
    quiz: (c: string, l: string) => activity(`${lessonId(c, l)}/quiz`, ACTIVITY_TYPES.assessment, `Quiz: ${titles.lesson(c, l)}`),
    practice: (c: string, l: string) => activity(`${lessonId(c, l)}/practice`, ACTIVITY_TYPES.performance, `Practice: ${titles.lesson(c, l)}`),
    test: () => activity(`${origin}/xapi/activities/test`, "http://adlnet.gov/expapi/activities/interaction", "Baton test statement"),
  };
}

/** The statement an event means, or null for events an LRS has no use for (people, readiness, assignments). */
export function statementFor(event: IntegrationEvent, eventId: string, now: Date, origin: string, titles: Titles): Statement | null {
  const a = activities(origin, titles);
  const base = (
    verb: Statement["verb"],
    object: Activity,
    more: Partial<Statement> = {},
    context: Statement["context"]["contextActivities"] = undefined,
  ): Statement => ({
    id: uuidFrom(`xapi:${eventId}`),
    actor: statementActor(origin, event.personId),
    verb,
    object,
    ...more,
    context: { platform: "Baton", language: "en-US", ...(context ? { contextActivities: context } : {}) },
    timestamp: now.toISOString(),
  });
  switch (event.type) {
    case "course.completed":
      return base(VERBS.completed, a.course(event.courseSlug), { result: { completion: true } });
    case "lesson.completed":
      return base(VERBS.completed, a.lesson(event.courseSlug, event.lessonSlug), { result: { completion: true } }, { parent: [a.course(event.courseSlug)] });
    case "quiz.graded": {
      const score = Math.min(Math.max(event.score, 0), 100);
      return base(
        event.passed ? VERBS.passed : VERBS.failed,
        a.quiz(event.courseSlug, event.lessonSlug),
        { result: { success: event.passed, completion: true, score: { scaled: score / 100, raw: score, min: 0, max: 100 } } },
        { parent: [a.lesson(event.courseSlug, event.lessonSlug)], grouping: [a.course(event.courseSlug)] },
      );
    }
    case "practice.signed_off":
      return base(
        VERBS.satisfied,
        a.practice(event.courseSlug, event.lessonSlug),
        { result: { success: true, completion: true } },
        { parent: [a.lesson(event.courseSlug, event.lessonSlug)], grouping: [a.course(event.courseSlug)] },
      );
    case "practice.waived":
      return base(
        VERBS.waived,
        a.practice(event.courseSlug, event.lessonSlug),
        { result: { success: true, completion: true } },
        { parent: [a.lesson(event.courseSlug, event.lessonSlug)], grouping: [a.course(event.courseSlug)] },
      );
    case "course.waived":
      return base(VERBS.waived, a.course(event.courseSlug), { result: { success: true, completion: true } });
    default:
      return null;
  }
}

/** What HR's "send a test statement" sends: the HR person experienced a test activity. */
export function testStatement(personId: string, testId: string, now: Date, origin: string): Statement {
  return {
    id: uuidFrom(`xapi:test:${testId}`),
    actor: statementActor(origin, personId),
    verb: VERBS.experienced,
    object: activities(origin, { course: (s) => s, lesson: (_c, l) => l }).test(),
    context: { platform: "Baton", language: "en-US" },
    timestamp: now.toISOString(),
  };
}
