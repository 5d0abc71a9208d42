import { z } from "zod";
import type { LessonSegment } from "~/utils/lesson-segments";

/** The roles Baton has, as the course front file names them. */
export const COURSE_ROLES = ["LEARNER", "MANAGER", "HR"] as const;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case words joined by hyphens");

export const CourseFrontmatterSchema = z.object({
  title: z.string().min(1),
  summary: z.string().min(1),
  /** Who the course is for, in words ("New hires and their managers"): shown, never interpreted. */
  audience: z.string().min(1),
  /** Who is offered the course without an assignment (a curriculum can assign it to anyone); none listed: everyone. */
  roles: z
    .array(z.enum(COURSE_ROLES, { errorMap: () => ({ message: `use ${COURSE_ROLES.join(", ")}` }) }))
    .min(1, "list at least one role, or leave roles out to offer the course to everyone")
    .default([...COURSE_ROLES]),
  minutes: z.number().int().positive(),
  passMark: z.number().int().min(1).max(100),
  attemptLimit: z.number().int().min(1).max(10),
  owner: z.string().min(1),
  /** The owner's e-mail: the person with it sees the course's learner feedback and answers it. */
  ownerEmail: z.string().trim().toLowerCase().email("use the course owner's e-mail address").optional(),
  /** Asked before a learner starts and after they finish ("How confident are you to …?"), scored 1 to 5. */
  confidence: z.string().trim().min(1, "write the course's confidence question").max(200).endsWith("?", "end the confidence question with a question mark"),
  order: z.number().int().default(100),
});

const COMPLETION_RULES = ["view", "acknowledge", "quiz", "signoff"] as const;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not: Date would roll it into March). */
const day = z
  .string({ invalid_type_error: "write the date as YYYY-MM-DD" })
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "write a real date as YYYY-MM-DD");

/** An author's word on an edit: material re-opens the lesson for people who completed it, minor does not. */
export const DeclaredChangeSchema = z.object({
  on: day,
  material: z.boolean({ required_error: "say material: true (people redo it) or material: false (a minor edit)" }),
  note: z.string().trim().min(1, "say in a line what changed").max(300),
});
export type DeclaredChange = z.infer<typeof DeclaredChangeSchema>;

export const LessonFrontmatterSchema = z.object({
  title: z.string().min(1),
  objectives: z.array(z.string().min(1)).min(1, "list at least one objective"),
  minutes: z.number().int().positive(),
  completion: z.enum(COMPLETION_RULES),
  /** The latest change to this lesson, when the author marks it (content/README.md, "Changing a lesson"). */
  change: DeclaredChangeSchema.strict().optional(),
});

const choice = z.object({
  text: z.string().min(1),
  correct: z.boolean().optional(),
  /** Shown to a learner who chose this option, after they submit. */
  feedback: z.string().min(1).optional(),
});
const base = {
  id: slug,
  prompt: z.string().min(1),
  explanation: z.string().min(1),
  /** The pool group this item belongs to (see the quiz's `groups`). */
  tag: slug.optional(),
  /** Keep the options in the file's order (scales, "all of the above"); otherwise each attempt shuffles them. */
  fixedOrder: z.boolean().optional(),
};

const QuestionSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("single"), choices: z.array(choice).min(2) }),
  z.object({ ...base, type: z.literal("scenario"), situation: z.string().min(1), choices: z.array(choice).min(2) }),
  z.object({ ...base, type: z.literal("multiple"), choices: z.array(choice).min(2) }),
  z.object({
    ...base,
    type: z.literal("truefalse"),
    answer: z.boolean(),
    feedbackTrue: z.string().min(1).optional(),
    feedbackFalse: z.string().min(1).optional(),
  }),
]);

export const MULTIPLE_SCORING = ["all-or-nothing", "partial"] as const;
export type MultipleScoring = (typeof MULTIPLE_SCORING)[number];

export const QuizSchema = z.object({
  passMark: z.number().int().min(1).max(100).optional(),
  /** How multiple-response items score: all-or-nothing (default) or partial credit per option. */
  scoring: z.enum(MULTIPLE_SCORING).optional(),
  /** Ask this many items per attempt, drawn from all of them (a pool). */
  draw: z.number().int().min(1).optional(),
  /** Or draw per group: `draw` items from those with each `tag`. */
  groups: z.array(z.object({ tag: slug, draw: z.number().int().min(1) })).min(1).optional(),
  questions: z.array(QuestionSchema).min(1, "a quiz needs at least one question"),
});

export type Question = z.infer<typeof QuestionSchema>;
export type Quiz = z.infer<typeof QuizSchema>;

/** A lesson's practice task: what to do at work and what an observer checks (from its <Practice>). */
export const PracticeSchema = z.object({
  title: z.string(),
  evidence: z.enum(["none", "note", "note-and-link"]),
  criteria: z.array(z.string()).min(2).max(6),
});

/** The compiled library as the server keeps it. Quiz keys are here: this never goes to a browser whole. */
const CatalogLessonSchema = LessonFrontmatterSchema.omit({ change: true }).extend({
  slug,
  number: z.number().int(),
  codeFile: z.string(),
  /** The lesson places <Quiz /> itself; otherwise the page shows the quiz after the lesson. */
  quizInBody: z.boolean(),
  /** Choices per <Scenario>, and items per <Checklist>, in document order (their index is position + 1). */
  scenarios: z.array(z.number().int()).optional(),
  checklists: z.array(z.number().int()).optional(),
  /** Ids of the lesson's <Reflection> notes. */
  reflections: z.array(z.string()).optional(),
  practice: PracticeSchema.nullable().optional(),
  /** Fill-in values (<Value name="…" />) the lesson shows. */
  values: z.array(z.string()).optional(),
  quiz: QuizSchema.extend({ passMark: z.number().int() }).nullable(),
  /** sha256 (16 hex) of the lesson's .mdx and quiz file: any edit changes it. Optional only for hand-made test lessons. */
  hash: z.string().optional(),
  /** sha256 (16 hex) of what decides a pass: quiz keys, pass mark, practice criteria. Null: the lesson has neither. */
  keyHash: z.string().nullable().optional(),
  /** Changes the author declared (front matter and the course's changes.yml), oldest first. */
  changes: z.array(DeclaredChangeSchema).optional(),
});

const CatalogCourseSchema = CourseFrontmatterSchema.extend({
  slug,
  version: z.string(),
  intro: z.string(),
  lessons: z.array(CatalogLessonSchema),
});

export const CatalogSchema = z.object({
  builtAt: z.string(),
  courses: z.array(CatalogCourseSchema),
  /** Fill-in values of template courses (content/values.yml), label and value. */
  values: z.record(z.string(), z.object({ label: z.string(), value: z.string() })).default({}),
});

export type CatalogLesson = z.infer<typeof CatalogLessonSchema>;
export type CatalogCourse = z.infer<typeof CatalogCourseSchema>;
export type Catalog = z.infer<typeof CatalogSchema>;

/** A lesson's rendered body (app/.server/content/lesson-segments.ts) lives beside its compiled code. */
export const segmentsFileOf = (codeFile: string) => codeFile.replace(/\.js$/, ".segments.json");

const plain = z.union([z.string(), z.number(), z.boolean()]);

/** Checked when the server reads a body back: only HTML elements (never a script) and the known islands. */
const SegmentSchema = z.union([
  z.object({
    tag: z
      .string()
      .regex(/^[a-z][a-z0-9]*$/)
      .refine((tag) => !["script", "style", "iframe", "object", "embed"].includes(tag), "not a lesson element"),
    props: z.record(z.string(), plain).optional(),
    html: z.string(),
  }),
  z.object({ text: z.string() }),
  z.object({
    island: z.literal("Scenario"),
    props: z.object({
      title: z.string(),
      setting: z.string().optional(),
      index: z.string(),
      situation: z.string(),
      choices: z.array(z.object({ index: z.string(), best: z.boolean(), feedback: z.string(), html: z.string() })),
    }),
  }),
  z.object({ island: z.literal("Checklist"), props: z.object({ title: z.string().optional(), index: z.string(), steps: z.array(z.string()) }) }),
  z.object({ island: z.literal("Reflection"), props: z.object({ id: z.string(), prompt: z.string() }) }),
  z.object({ island: z.literal("Practice"), props: z.object({ title: z.string(), html: z.string() }) }),
  z.object({ island: z.literal("Quiz") }),
]);

export const LessonSegmentsSchema = z.array(SegmentSchema) satisfies z.ZodType<LessonSegment[]>;
