/**
 * A synthetic organisation for the readiness benchmark: a course catalog (written as catalog.json, valid
 * against CatalogSchema) and a SQLite database with people (some never signed in, some starting later),
 * curricula (some in order), assignments, lesson progress, quiz attempts (passed, failed, out of attempts,
 * some started and still open), practice tasks waiting, returned and signed off, and overrides (waivers,
 * later due dates, extra attempts), inserted with raw better-sqlite3 prepared statements.
 * Deterministic: the same sizes give the same data.
 */
import Database from "better-sqlite3";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { COURSE_ROLES, type Catalog, type CatalogCourse } from "../../../app/.server/content/schema";
import { FIRST_NAMES as FIRST, LAST_NAMES as LAST } from "../names";

export type OrgSize = {
  people: number;
  curricula: number;
  courses: number;
  coursesPerCurriculum: number;
  /** Curricula each person holds, on average (each person gets this ± 2). */
  curriculaPerPerson: number;
};

const DAY = 24 * 60 * 60 * 1000;

/** mulberry32: small, fast, seeded. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}

const ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
/** cuid-shaped ids (25 characters, random order), as Prisma would create them. */
function idMaker(seed: number) {
  const r = rng(seed);
  return () => {
    let s = "c";
    for (let i = 0; i < 24; i++) s += ID_CHARS[Math.floor(r.next() * 36)];
    return s;
  };
}

/** Dates as Prisma's SQLite adapter stores them. */
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const midnight = (ms: number) => Math.floor(ms / DAY) * DAY;

function benchCourseSlug(i: number) {
  return `bench-course-${String(i + 1).padStart(3, "0")}`;
}

/** A catalog of `n` courses, 3–6 lessons each; most courses end with a quiz lesson. */
export function syntheticCatalog(n: number): Catalog {
  const r = rng(7);
  // Practice tasks draw from their own stream, so adding them changed no other course.
  const practiceRng = rng(11);
  const courses: CatalogCourse[] = [];
  for (let i = 0; i < n; i++) {
    const lessonCount = r.int(3, 6);
    const hasQuiz = r.chance(0.8);
    const passMark = r.pick([70, 75, 80, 80, 90]);
    const lessons: CatalogCourse["lessons"] = [];
    // A quarter of the courses have a task to do at work, signed off by a manager (the second lesson).
    const practiceAt = practiceRng.chance(0.25) ? 1 : -1;
    for (let j = 0; j < lessonCount; j++) {
      const quiz = hasQuiz && j === lessonCount - 1;
      const practice = !quiz && j === practiceAt;
      lessons.push({
        slug: `lesson-${j + 1}`,
        number: j + 1,
        title: `Lesson ${j + 1} of course ${i + 1}`,
        objectives: ["Know the thing", "Do the thing"],
        minutes: r.int(5, 20),
        completion: quiz ? "quiz" : practice ? "signoff" : j % 3 === 1 ? "acknowledge" : "view",
        practice: practice ? { title: `Practice ${i + 1}`, evidence: "note", criteria: ["Did it", "Did it well"] } : null,
        codeFile: `bench-${i + 1}-${j + 1}.js`,
        quizInBody: false,
        quiz: quiz
          ? {
              passMark,
              questions: [
                { id: "q-one", type: "truefalse", prompt: "Is this a benchmark?", explanation: "It is.", answer: true },
                {
                  id: "q-two",
                  type: "single",
                  prompt: "Which one?",
                  explanation: "The first.",
                  choices: [{ text: "First", correct: true }, { text: "Second" }],
                },
              ],
            }
          : null,
      });
    }
    courses.push({
      slug: benchCourseSlug(i),
      title: `Bench course ${i + 1}`,
      summary: "A synthetic course for the readiness benchmark.",
      audience: "Everyone",
      roles: [...COURSE_ROLES],
      minutes: lessons.reduce((m, l) => m + l.minutes, 0),
      passMark,
      attemptLimit: r.pick([2, 3, 3, 3, 5]),
      owner: "Benchmarks",
      confidence: "How confident are you?",
      order: i + 1,
      version: `v${i}`,
      intro: "Synthetic.",
      lessons,
    });
  }
  return { builtAt: new Date().toISOString(), courses, values: {} };
}

export function writeCatalog(dir: string, catalog: Catalog) {
  writeFileSync(join(dir, "catalog.json"), JSON.stringify(catalog));
}

export function freshDatabase(file: string) {
  for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
  const db = new Database(file);
  const dir = join(process.cwd(), "prisma", "migrations");
  for (const name of readdirSync(dir)
    .filter((d) => /^\d{14}_/.test(d))
    .sort()) {
    db.exec(readFileSync(join(dir, name, "migration.sql"), "utf8"));
  }
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  return db;
}

const DEPARTMENTS = [
  "Front Desk",
  "Support",
  "Sales",
  "Finance",
  "Engineering",
  "Operations",
  "Marketing",
  "Legal",
  "Logistics",
  "Kitchen",
  "Housekeeping",
  "Security",
];

export type BuildStats = {
  people: number;
  assignments: number;
  lessonRows: number;
  attemptRows: number;
  practiceRows: number;
  overrideRows: number;
  neverSignedIn: number;
  startingLater: number;
  seconds: number;
};

/**
 * Fill a fresh, migrated database with an organisation of the given size. `now` anchors every date:
 * start dates spread over the six months before it (and a few weeks after, for people about to start).
 * `progress(done, total)` is called as people are written.
 */
export function buildOrganisation(
  db: Database.Database,
  size: OrgSize,
  catalog: Catalog,
  now: Date,
  progress: (done: number, total: number) => void,
): BuildStats {
  const started = performance.now();
  const r = rng(42);
  // Attempts left open draw from their own stream, so adding them changed no other row (ids aside).
  const openRng = rng(7);
  // Sign-ins, practice and overrides draw from their own stream too.
  const extra = rng(99);
  const newId = idMaker(size.people * 31 + 1);
  const nowMs = now.getTime();
  const stamp = iso(nowMs);
  const courses = catalog.courses;

  const insertPerson = db.prepare(
    `INSERT INTO "Person" (id, email, name, role, department, jobTitle, startDate, managerId, signedInAt, deactivatedAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCurriculum = db.prepare(
    `INSERT INTO "Curriculum" (id, name, description, inOrder, dueDays, dueDate, archivedAt, createdAt, updatedAt) VALUES (?, ?, '', ?, ?, ?, ?, ?, ?)`,
  );
  const insertCurriculumCourse = db.prepare(
    `INSERT INTO "CurriculumCourse" (id, curriculumId, courseSlug, position, required, dueDays, dueDate, addedAt, requiredSince) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRule = db.prepare(`INSERT INTO "AssignmentRule" (id, curriculumId, kind, value, createdAt) VALUES (?, ?, 'DEPARTMENT', ?, ?)`);
  const insertAssignment = db.prepare(`INSERT INTO "Assignment" (id, personId, curriculumId, ruleId, assignedAt, unassignedAt) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertLesson = db.prepare(
    `INSERT INTO "LessonProgress" (id, personId, courseSlug, lessonSlug, courseVersion, status, startedAt, completedAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAttempt = db.prepare(
    `INSERT INTO "QuizAttempt" (id, personId, courseSlug, lessonSlug, courseVersion, attemptNumber, answers, correctCount, questionCount, score, passed, startedAt, submittedAt) VALUES (?, ?, ?, ?, ?, ?, '{}', ?, 2, ?, ?, ?, ?)`,
  );
  const insertPractice = db.prepare(
    `INSERT INTO "PracticeSubmission" (id, personId, courseSlug, lessonSlug, note, status, submittedAt, reviewedAt, reviewerName, comment) VALUES (?, ?, ?, ?, 'Done at the desk', ?, ?, ?, ?, ?)`,
  );
  const insertOverride = db.prepare(
    `INSERT INTO "Override" (id, personId, kind, courseSlug, lessonSlug, extraAttempts, dueDate, reason, createdByName, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Hana HR', ?)`,
  );
  // Started and not submitted: counts nowhere (readiness counts submitted attempts only).
  const insertOpenAttempt = db.prepare(
    `INSERT INTO "QuizAttempt" (id, personId, courseSlug, lessonSlug, courseVersion, attemptNumber, startedAt, submittedAt) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
  );

  // Curricula: each a due rule (mostly N days after the start date, some a fixed day), a handful of courses,
  // some optional, some with their own due rule, a few made required after people already held them.
  type CurriculumCourseDef = { slug: string; required: boolean; dueDays: number | null; dueDate: number | null; addedAt: number; requiredSince: number | null };
  type CurriculumDef = {
    id: string;
    dueDays: number | null;
    dueDate: number | null;
    archived: boolean;
    createdAt: number;
    courses: CurriculumCourseDef[];
    ruleId: string | null;
    department: string | null;
  };
  const curricula: CurriculumDef[] = [];
  const createdAt = nowMs - 400 * DAY;
  for (let c = 0; c < size.curricula; c++) {
    const fixed = r.chance(0.1);
    const def: CurriculumDef = {
      id: newId(),
      dueDays: fixed ? null : r.int(21, 120),
      dueDate: fixed ? midnight(nowMs + r.int(-60, 60) * DAY) : null,
      archived: c % 40 === 39,
      createdAt,
      courses: [],
      ruleId: null,
      department: c < DEPARTMENTS.length ? DEPARTMENTS[c]! : null,
    };
    const slugs = new Set<string>();
    while (slugs.size < size.coursesPerCurriculum) slugs.add(courses[Math.floor(r.next() * courses.length)]!.slug);
    // A course deleted from content/ but still listed: the report must skip it.
    if (c % 50 === 7) slugs.add("retired-course");
    for (const slug of slugs) {
      const lateRequired = r.chance(0.04);
      const required = lateRequired || r.chance(0.85);
      const own = r.chance(0.15);
      def.courses.push({
        slug,
        required,
        dueDays: own ? r.int(14, 90) : null,
        dueDate: null,
        addedAt: lateRequired ? nowMs - r.int(10, 90) * DAY : createdAt,
        requiredSince: required ? (lateRequired ? nowMs - r.int(5, 60) * DAY : createdAt) : null,
      });
    }
    curricula.push(def);
  }
  // The first few curricula also follow their department by a rule (the source only changes labels).
  db.transaction(() => {
    for (const c of curricula) {
      insertCurriculum.run(
        c.id,
        `Curriculum ${curricula.indexOf(c) + 1}`,
        c.courses.length % 3 === 0 ? 1 : 0,
        c.dueDays,
        c.dueDate === null ? null : iso(c.dueDate),
        c.archived ? stamp : null,
        iso(c.createdAt),
        stamp,
      );
      c.courses.forEach((cc, position) =>
        insertCurriculumCourse.run(
          newId(),
          c.id,
          cc.slug,
          position + 1,
          cc.required ? 1 : 0,
          cc.dueDays,
          cc.dueDate === null ? null : iso(cc.dueDate),
          iso(cc.addedAt),
          cc.requiredSince === null ? null : iso(cc.requiredSince),
        ),
      );
      if (c.department) {
        c.ruleId = newId();
        insertRule.run(c.ruleId, c.id, c.department, iso(c.createdAt));
      }
    }
  })();

  const catalogBySlug = new Map(courses.map((c) => [c.slug, c]));
  const managersPerDepartment = new Map<string, string[]>();
  let assignments = 0;
  let lessonRows = 0;
  let attemptRows = 0;
  let practiceRows = 0;
  let overrideRows = 0;
  let neverSignedIn = 0;
  let startingLater = 0;
  let lessonSeq = 0;
  const rowId = () => `l${(lessonSeq++).toString(36).padStart(9, "0")}${newId().slice(1, 9)}`;

  // People in batches of 250, one transaction each: managers come first in each department.
  const BATCH = 250;
  for (let from = 0; from < size.people; from += BATCH) {
    db.transaction(() => {
      for (let i = from; i < Math.min(size.people, from + BATCH); i++) {
        const id = newId();
        const department = r.chance(0.01) ? null : DEPARTMENTS[i % DEPARTMENTS.length]!;
        const pool = managersPerDepartment.get(department ?? "") ?? [];
        const isManager = pool.length === 0 || i % 12 === 0;
        const role = i % 500 === 3 ? "HR" : isManager ? "MANAGER" : "LEARNER";
        const managerId = pool.length ? pool[Math.floor(r.next() * pool.length)]! : null;
        if (isManager) managersPerDepartment.set(department ?? "", [...pool, id]);
        // Start dates: the last ~6 months, some a few weeks ahead, a few unknown.
        const startMs = r.chance(0.01) ? null : midnight(nowMs - r.int(-21, 180) * DAY);
        const deactivated = r.chance(0.02) ? stamp : null;
        // Accounts never used: most people who have not started yet, and some who have.
        const later = startMs !== null && startMs > nowMs;
        const signedIn = later ? extra.chance(0.2) : extra.chance(0.9);
        if (!signedIn) neverSignedIn += 1;
        if (later) startingLater += 1;
        const signedInAt = signedIn ? iso(Math.min(nowMs - 60_000, (startMs ?? nowMs - 30 * DAY) + extra.int(0, 20) * DAY)) : null;
        insertPerson.run(
          id,
          `person${i}@bench.example`,
          `${r.pick(FIRST)} ${r.pick(LAST)} ${i}`,
          role,
          department,
          isManager ? "Manager" : "Associate",
          startMs === null ? null : iso(startMs),
          managerId,
          signedInAt,
          deactivated,
          stamp,
          stamp,
        );

        // Curricula held: a few people none (HR, and 1 %), everyone else curriculaPerPerson ± 2.
        if (role === "HR" || r.chance(0.01)) continue;
        const held = new Set<CurriculumDef>();
        const want = size.curriculaPerPerson + r.int(-2, 2);
        while (held.size < want) held.add(curricula[Math.floor(r.next() * curricula.length)]!);
        const anchor = startMs ?? nowMs - r.int(0, 120) * DAY;
        const assignedAt = Math.min(anchor - r.int(0, 10) * DAY, nowMs);
        // How fast this person works through their courses: days to finish everything (some never do).
        const pace = r.int(30, 160);
        const tenure = (nowMs - anchor) / DAY;
        const share = tenure < 0 ? (r.chance(0.05) ? 0.05 : 0) : Math.min(1, tenure / pace);
        const cells = new Map<string, number>(); // course slug -> earliest due (ms), over what they hold
        for (const c of held) {
          const ruleId = c.ruleId !== null && c.department === department ? c.ruleId : null;
          const roll = r.next();
          if (roll < 0.03) {
            // Unassigned: the period is closed and nothing is held.
            insertAssignment.run(newId(), id, c.id, ruleId, iso(assignedAt), iso(Math.min(nowMs, assignedAt + 20 * DAY)));
            assignments += 1;
            continue;
          }
          if (roll < 0.05) {
            // Unassigned and assigned again: held since the first period.
            insertAssignment.run(newId(), id, c.id, null, iso(assignedAt - 30 * DAY), iso(assignedAt - 10 * DAY));
            assignments += 1;
          }
          insertAssignment.run(newId(), id, c.id, ruleId, iso(assignedAt), null);
          assignments += 1;
          if (c.archived) continue;
          for (const cc of c.courses) {
            if (!catalogBySlug.has(cc.slug)) continue;
            const days = cc.dueDays ?? c.dueDays;
            const due = cc.dueDate ?? c.dueDate ?? anchor + (days ?? 60) * DAY;
            cells.set(cc.slug, Math.min(cells.get(cc.slug) ?? Infinity, due));
          }
        }

        // Progress: courses in due order; the first `share` of them complete, the next one or two begun.
        const ordered = [...cells.entries()].sort((a, b) => a[1] - b[1]).map(([slug]) => slug);
        // Never signed in: nothing done (progress needs an account).
        const doneCount = signedIn ? Math.floor(ordered.length * share * (r.chance(0.1) ? 0.5 : 1)) : 0;
        const partial = doneCount < ordered.length && share > 0 && signedIn ? r.int(0, 2) : 0;
        const span = Math.max(1, Math.min(nowMs, anchor + pace * DAY) - anchor);
        for (let k = 0; k < Math.min(ordered.length, doneCount + partial); k++) {
          const course = catalogBySlug.get(ordered[k]!)!;
          const complete = k < doneCount;
          const finishedAt = Math.min(nowMs - 60_000, anchor + Math.floor(((k + 1) / Math.max(1, doneCount)) * span * r.next()) + 3_600_000);
          const lessonsTouched = complete ? course.lessons.length : r.int(1, course.lessons.length);
          for (let j = 0; j < lessonsTouched; j++) {
            const lesson = course.lessons[j]!;
            const last = j === lessonsTouched - 1;
            const practice = lesson.completion === "signoff";
            let lessonDone = complete || (!last && !lesson.quiz) || (last && !lesson.quiz && r.chance(0.5));
            const at = finishedAt - (lessonsTouched - j) * 3_600_000;
            if (practice) {
              // Signed off when done (some after a return); otherwise waiting, returned, or not yet submitted.
              if (!complete) lessonDone = false;
              const roll = extra.next();
              if (lessonDone && roll < 0.2) {
                insertPractice.run(
                  rowId(),
                  id,
                  course.slug,
                  lesson.slug,
                  "RETURNED",
                  iso(at - 3 * DAY),
                  iso(at - 2 * DAY),
                  "Mo Manager",
                  "Try again with a guest",
                );
                practiceRows += 1;
              }
              if (lessonDone) insertPractice.run(rowId(), id, course.slug, lesson.slug, "SIGNED_OFF", iso(at - DAY), iso(at), "Mo Manager", null);
              else if (roll < 0.5) insertPractice.run(rowId(), id, course.slug, lesson.slug, "WAITING", iso(at - extra.int(0, 14) * DAY), null, null, null);
              else if (roll < 0.75)
                insertPractice.run(rowId(), id, course.slug, lesson.slug, "RETURNED", iso(at - 2 * DAY), iso(at - DAY), "Mo Manager", "Not yet");
              if (lessonDone || roll < 0.75) practiceRows += 1;
            }
            if (lesson.quiz) {
              // Attempts: passes after 1–3 tries when done; otherwise failures, sometimes all of them used.
              const limit = course.attemptLimit;
              const tries = lessonDone ? Math.min(limit, r.chance(0.7) ? 1 : r.int(2, 3)) : r.chance(0.3) ? limit : r.int(0, limit - 1);
              for (let t = 1; t <= tries; t++) {
                const pass = lessonDone && t === tries;
                const score = pass ? r.int(lesson.quiz.passMark, 100) : r.int(0, lesson.quiz.passMark - 1);
                const submittedAt = at - (tries - t) * 600_000;
                insertAttempt.run(
                  rowId(),
                  id,
                  course.slug,
                  lesson.slug,
                  course.version,
                  t,
                  pass ? 2 : score >= 50 ? 1 : 0,
                  score,
                  pass ? 1 : 0,
                  iso(submittedAt - 300_000),
                  iso(submittedAt),
                );
                attemptRows += 1;
              }
              // Out of attempts: a manager grants one more to some.
              if (!lessonDone && tries >= limit && extra.chance(0.3)) {
                insertOverride.run(rowId(), id, "EXTRA_ATTEMPTS", course.slug, lesson.slug, 1, null, "Was off sick during the course", iso(at + 600_000));
                overrideRows += 1;
              }
              if (!lessonDone && tries === 0 && r.chance(0.5)) continue; // quiz page never opened
              // Some learners have the next attempt started and not submitted (its lesson row is written below).
              if (!lessonDone && tries < limit && openRng.chance(0.15)) {
                insertOpenAttempt.run(rowId(), id, course.slug, lesson.slug, course.version, tries + 1, iso(at));
                attemptRows += 1;
              }
            }
            insertLesson.run(
              rowId(),
              id,
              course.slug,
              lesson.slug,
              course.version,
              lessonDone ? "COMPLETED" : "IN_PROGRESS",
              iso(at - 600_000),
              lessonDone ? iso(at) : null,
              iso(at),
            );
            lessonRows += 1;
          }
          // A lesson since removed from the course: its row stays and must be ignored.
          if (complete && r.chance(0.01)) {
            insertLesson.run(
              rowId(),
              id,
              course.slug,
              "retired-lesson",
              "old",
              "COMPLETED",
              iso(finishedAt - DAY),
              iso(finishedAt - DAY),
              iso(finishedAt - DAY),
            );
            lessonRows += 1;
          }
        }
        // Exceptions HR made: a course waived, a later due date for one not done yet.
        for (const slug of ordered.slice(doneCount)) {
          const roll = extra.next();
          if (roll < 0.02) {
            insertOverride.run(rowId(), id, "WAIVER", slug, null, null, null, "Did this course at a previous employer", iso(nowMs - extra.int(1, 30) * DAY));
            overrideRows += 1;
          } else if (roll < 0.05) {
            const newDue = midnight(Math.max(nowMs, cells.get(slug)!) + extra.int(7, 30) * DAY);
            insertOverride.run(rowId(), id, "DUE_DATE", slug, null, null, iso(newDue), "Parental leave", iso(nowMs - extra.int(1, 30) * DAY));
            overrideRows += 1;
          }
        }
      }
    })();
    progress(Math.min(size.people, from + BATCH), size.people);
  }
  db.exec("ANALYZE");
  return {
    people: size.people,
    assignments,
    lessonRows,
    attemptRows,
    practiceRows,
    overrideRows,
    neverSignedIn,
    startingLater,
    seconds: (performance.now() - started) / 1000,
  };
}
