/**
 * Build-time compiler for content/: validates every course, lesson and quiz, compiles lessons with
 * mdx-bundler (cached by content hash) and writes the catalog the server reads. Never runs per request.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { bundleMDX } from "mdx-bundler";
import { z } from "zod";
import { readFrontmatter } from "./frontmatter";
import { renderLessonSegments } from "./lesson-segments";
import { remarkLessonRules, type LessonTreeFacts, type Problem } from "./mdx-rules";
import { itemsPerAttempt, passMarkProblem } from "../quiz/pass-mark";
import { courseTimeWarning, type LessonEffort } from "./time-estimate";
import { readValues, valueProblems, VALUES_FILE } from "./values";
import { parseQuiz } from "./quiz-rules";
import { CHANGELOG_FILE, declaredChanges, keyHash, lessonHash, readChangelog } from "./versions/fingerprint";
import {
  PracticeSchema,
  CourseFrontmatterSchema,
  LessonFrontmatterSchema,
  type Catalog,
  type CatalogCourse,
  type CatalogLesson,
  segmentsFileOf,
} from "./schema";

type FileProblem = Problem & { file: string };

// Bump when compile options change, so cached output is rebuilt.
const COMPILER_KEY = "mdx-bundler-10.1.1/baton-5";

const LESSON_FILE = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/;
const QUIZ_FILE = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.quiz\.ya?ml$/;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The course's version: a hash of every file in its folder, names included. */
export function courseVersion(dir: string): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    hash.update(name).update("\0").update(readFileSync(path)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

export type BuildOptions = {
  contentDir: string;
  outDir: string;
  /** Validate and compile, but write nothing. */
  checkOnly?: boolean;
  onFile?: (event: { index: number; total: number; file: string; cached: boolean }) => void;
};

/** Problems stop the build; warnings (a time estimate off, a fill-in value not set) are printed and let it through. */
export type BuildResult = { catalog: Catalog | null; problems: FileProblem[]; warnings: FileProblem[]; compiled: number; cached: number };

type PlannedLesson = { file: string; number: number; slug: string; quizFile: string | null };

function planCourse(dir: string, display: (p: string) => string, problems: FileProblem[]) {
  const lessons: PlannedLesson[] = [];
  const quizzes = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    const quiz = QUIZ_FILE.exec(name);
    if (quiz) quizzes.set(`${quiz[1]}-${quiz[2]}`, join(dir, name));
  }
  const seenNumbers = new Set<number>();
  const seenSlugs = new Set<string>();
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name === "index.mdx" || name === CHANGELOG_FILE || QUIZ_FILE.test(name) || name.startsWith(".")) continue;
    const m = LESSON_FILE.exec(name);
    if (!m || !m[1] || !m[2]) {
      problems.push({ file: display(path), message: `unexpected file: lessons are named NN-slug.mdx, quizzes NN-slug.quiz.yml, the changelog ${CHANGELOG_FILE}` });
      continue;
    }
    const number = Number(m[1]);
    if (seenNumbers.has(number)) problems.push({ file: display(path), message: `two lessons share the number ${m[1]}` });
    if (seenSlugs.has(m[2])) problems.push({ file: display(path), message: `two lessons share the slug "${m[2]}"` });
    seenNumbers.add(number);
    seenSlugs.add(m[2]);
    const key = `${m[1]}-${m[2]}`;
    lessons.push({ file: path, number, slug: m[2], quizFile: quizzes.get(key) ?? null });
    quizzes.delete(key);
  }
  for (const orphan of quizzes.values()) problems.push({ file: display(orphan), message: "quiz file has no lesson with the same name" });
  return lessons.sort((a, b) => a.number - b.number);
}

type Compiled = LessonTreeFacts & { code: string | null; key: string; cached: boolean };

// What the remark plugin learned about a lesson, kept beside its cached code.
const MetaSchema = z.object({
  quizInBody: z.boolean(),
  scenarios: z.array(z.number().int()),
  checklists: z.array(z.number().int()),
  reflections: z.array(z.string()),
  practice: PracticeSchema.nullable(),
  values: z.array(z.string()),
  words: z.number().int(),
});

export async function compileLesson(source: string, cacheDir: string | null): Promise<Compiled> {
  const key = sha256(`${COMPILER_KEY}\n${source}`).slice(0, 32);
  const cachePath = cacheDir ? join(cacheDir, `${key}.js`) : null;
  const metaPath = cacheDir ? join(cacheDir, `${key}.json`) : null;
  if (cachePath && metaPath && existsSync(cachePath) && existsSync(metaPath)) {
    const meta = MetaSchema.safeParse(JSON.parse(readFileSync(metaPath, "utf8")));
    if (meta.success) return { code: readFileSync(cachePath, "utf8"), key, cached: true, problems: [], ...meta.data };
  }
  const sink: LessonTreeFacts = { problems: [], quizInBody: false, scenarios: [], checklists: [], reflections: [], practice: null, values: [], words: 0 };
  try {
    const result = await bundleMDX({
      source,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkLessonRules(sink)];
        return options;
      },
    });
    if (sink.problems.length > 0) return { code: null, key, cached: false, ...sink };
    if (cachePath && metaPath) {
      writeFileSync(cachePath, result.code);
      const meta: z.infer<typeof MetaSchema> = {
        quizInBody: sink.quizInBody,
        scenarios: sink.scenarios,
        checklists: sink.checklists,
        reflections: sink.reflections,
        practice: sink.practice,
        values: sink.values,
        words: sink.words,
      };
      writeFileSync(metaPath, JSON.stringify(meta));
    }
    return { code: result.code, key, cached: false, ...sink };
  } catch (error) {
    if (sink.problems.length > 0) return { code: null, key, cached: false, ...sink };
    return { code: null, key, cached: false, problems: describeCompileError(error), quizInBody: false, scenarios: [], checklists: [], reflections: [], practice: null, values: [], words: 0 };
  }
}

/** esbuild and MDX errors carry positions in different shapes; turn both into line + message. */
function describeCompileError(error: unknown): Problem[] {
  const errors = (error as { errors?: { text?: string; location?: { line?: number } | null }[] }).errors;
  if (Array.isArray(errors) && errors.length > 0) {
    return errors.map((e) => ({ line: e.location?.line ?? undefined, message: cleanMessage(e.text ?? "MDX could not be compiled") }));
  }
  const message = error instanceof Error ? error.message : String(error);
  const line = (error as { line?: number }).line;
  return [{ line: typeof line === "number" ? line : undefined, message: cleanMessage(message) }];
}

const cleanMessage = (m: string) => m.split("\n")[0]?.replace(/^\S+\.mdx:\d+:\d+:\s*/, "") ?? m;

const display = (p: string) => relative(process.cwd(), p);

export async function buildLibrary(options: BuildOptions): Promise<BuildResult> {
  const problems: FileProblem[] = [];
  const warnings: FileProblem[] = [];
  const fillIns = readValues(options.contentDir);
  problems.push(...fillIns.problems.map((p) => ({ ...p, file: display(join(options.contentDir, VALUES_FILE)) })));
  const coursesDir = join(options.contentDir, "courses");
  const codeDir = options.checkOnly ? null : join(options.outDir, "code");
  if (codeDir) mkdirSync(codeDir, { recursive: true });
  // Checks reuse the compile cache read-only when it exists: the same source compiles to the same code.
  const cacheDir = codeDir ?? (existsSync(join(options.outDir, "code")) ? join(options.outDir, "code") : null);

  const courseDirs = existsSync(coursesDir)
    ? readdirSync(coursesDir).filter((n) => !n.startsWith(".") && statSync(join(coursesDir, n)).isDirectory()).sort()
    : [];
  if (courseDirs.length === 0) problems.push({ file: display(coursesDir), message: "no courses found" });

  const plans = courseDirs.map((slug) => ({ slug, dir: join(coursesDir, slug), lessons: planCourse(join(coursesDir, slug), display, problems) }));
  const total = plans.reduce((n, p) => n + p.lessons.length, 0);
  let index = 0;
  let compiled = 0;
  let cached = 0;
  const courses: CatalogCourse[] = [];

  for (const plan of plans) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(plan.slug)) {
      problems.push({ file: display(plan.dir), message: "course folder names are lower-case words joined by hyphens" });
    }
    const indexPath = join(plan.dir, "index.mdx");
    if (!existsSync(indexPath)) {
      problems.push({ file: display(indexPath), message: "every course needs an index.mdx front file" });
      continue;
    }
    const front = readFrontmatter(readFileSync(indexPath, "utf8"), CourseFrontmatterSchema);
    problems.push(...front.problems.map((p) => ({ ...p, file: display(indexPath) })));
    if (plan.lessons.length === 0) problems.push({ file: display(plan.dir), message: "course has no lessons" });
    const changelogPath = join(plan.dir, CHANGELOG_FILE);
    const changelog = existsSync(changelogPath)
      ? readChangelog(
          readFileSync(changelogPath, "utf8"),
          plan.lessons.map((l) => l.slug),
        )
      : null;
    problems.push(...(changelog?.problems ?? []).map((p) => ({ ...p, file: display(changelogPath) })));

    const lessons: CatalogLesson[] = [];
    const efforts: LessonEffort[] = [];
    for (const lesson of plan.lessons) {
      index += 1;
      const source = readFileSync(lesson.file, "utf8");
      const fm = readFrontmatter(source, LessonFrontmatterSchema);
      problems.push(...fm.problems.map((p) => ({ ...p, file: display(lesson.file) })));
      const out = await compileLesson(source, cacheDir);
      options.onFile?.({ index, total, file: display(lesson.file), cached: out.cached });
      if (out.cached) cached += 1;
      else compiled += 1;
      problems.push(...out.problems.map((p) => ({ ...p, file: display(lesson.file) })));
      const fillInProblems = valueProblems(out.values, fillIns.values);
      problems.push(...fillInProblems.errors.map((message) => ({ file: display(lesson.file), message })));
      warnings.push(...fillInProblems.warnings.map((message) => ({ file: display(lesson.file), message })));

      let quiz: CatalogLesson["quiz"] = null;
      if (fm.data?.completion === "signoff" && !out.practice && out.code !== null) {
        problems.push({ file: display(lesson.file), line: 2, message: 'completion is "signoff" but the lesson has no <Practice> task to sign off' });
      }
      if (out.practice && fm.data && fm.data.completion !== "signoff") {
        problems.push({ file: display(lesson.file), message: '<Practice> is only for lessons with completion: signoff (the task is what gets signed off)' });
      }
      if (out.quizInBody && fm.data && fm.data.completion !== "quiz") {
        problems.push({ file: display(lesson.file), message: "<Quiz /> is only for lessons with completion: quiz" });
      }
      const quizText = lesson.quizFile ? readFileSync(lesson.quizFile, "utf8") : null;
      if (lesson.quizFile && quizText !== null) {
        const parsed = parseQuiz(quizText);
        const quizFile = display(lesson.quizFile);
        problems.push(...parsed.problems.map((p) => ({ ...p, file: quizFile })));
        if (parsed.quiz && front.data) {
          quiz = { ...parsed.quiz, passMark: parsed.quiz.passMark ?? front.data.passMark };
          const unreachable = passMarkProblem(quiz, quiz.passMark);
          if (unreachable) problems.push({ file: quizFile, message: unreachable });
        }
        if (fm.data && fm.data.completion !== "quiz") {
          problems.push({ file: quizFile, message: `the lesson completes by "${fm.data.completion}", so this quiz would never count; set completion: quiz` });
        }
      } else if (fm.data?.completion === "quiz") {
        problems.push({ file: display(lesson.file), line: 2, message: `completion is "quiz" but there is no ${lesson.number.toString().padStart(2, "0")}-${lesson.slug}.quiz.yml` });
      }
      efforts.push({ words: out.words, quizItems: quiz ? itemsPerAttempt(quiz) : 0, practice: out.practice !== null });
      // The body is rendered on every build (a fraction of a second for the library), so a changed fill-in value or
      // component markup never leaves a stale body behind the compile cache.
      if (out.code !== null) {
        try {
          const segments = JSON.stringify(renderLessonSegments(out.code, fillIns.values));
          if (codeDir) writeFileSync(join(codeDir, segmentsFileOf(`${out.key}.js`)), segments);
        } catch (error) {
          problems.push({ file: display(lesson.file), message: error instanceof Error ? error.message : String(error) });
        }
      }
      if (fm.data && out.code !== null) {
        const { change, ...front } = fm.data;
        lessons.push({
          ...front,
          slug: lesson.slug,
          number: lesson.number,
          codeFile: `${out.key}.js`,
          quizInBody: out.quizInBody,
          scenarios: out.scenarios,
          checklists: out.checklists,
          reflections: out.reflections,
          practice: out.practice,
          values: out.values.length ? [...new Set(out.values)] : undefined,
          quiz,
          hash: lessonHash(source, quizText),
          keyHash: keyHash(quiz, out.practice),
          changes: declaredChanges(change, changelog?.byLesson.get(lesson.slug)),
        });
      }
    }
    const timeWarning = front.data ? courseTimeWarning(front.data.minutes, efforts) : null;
    if (timeWarning) warnings.push({ file: display(indexPath), message: timeWarning });
    if (front.data) {
      courses.push({ ...front.data, slug: plan.slug, version: courseVersion(plan.dir), intro: front.body.trim(), lessons });
    }
  }

  if (problems.length > 0) return { catalog: null, problems, warnings, compiled, cached };
  courses.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  const catalog: Catalog = { builtAt: new Date().toISOString(), courses, values: fillIns.values };
  if (!options.checkOnly) writeFileSync(join(options.outDir, "catalog.json"), JSON.stringify(catalog));
  return { catalog, problems, warnings, compiled, cached };
}
