/**
 * Every file of the data export and its columns. Secrets are left out by never selecting them: password hashes,
 * token hashes, calendar-feed token hashes, session ids, sealed secrets and the organisation's signing secret are
 * not in any select below. Quiz attempts carry their scores but not the drawn items, answers or graded results,
 * which hold the quiz's answer key.
 */
import { prisma } from "../db";
import { day, exportFile, iso, personColumns, type Column } from "./columns";

/** Keyset paging by id: the rows after the last one of the previous page. */
const afterId = (after: { id: string } | undefined) => (after ? { id: { gt: after.id } } : {});
const byId = { id: "asc" } as const;

const idColumn = <Row extends { id: string }>(what: string): Column<Row> => ({ name: "id", description: `The ${what}'s id in Baton.`, value: (r) => r.id });
const lessonColumns = <Row extends { courseSlug: string; lessonSlug: string }>(): Column<Row>[] => [
  { name: "course_slug", description: "The course, by its slug (its folder in content/courses).", value: (r) => r.courseSlug },
  { name: "lesson_slug", description: "The lesson within the course, by its slug.", value: (r) => r.lessonSlug },
];

const people = exportFile({
  name: "people.csv",
  description: "Everyone with an account, active or deactivated: one row per person.",
  count: () => prisma.person.count(),
  page: (after: { id: string } | undefined, take: number) =>
    prisma.person.findMany({
      where: afterId(after),
      orderBy: byId,
      take,
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        department: true,
        jobTitle: true,
        location: true,
        employeeId: true,
        startDate: true,
        managerId: true,
        passwordAlwaysAllowed: true,
        signedInAt: true,
        deactivatedAt: true,
        createdAt: true,
        updatedAt: true,
      },
    }),
  columns: [
    idColumn("person"),
    { name: "email", description: "E-mail address (the sign-in name), in lower case.", value: (r) => r.email },
    { name: "name", description: "Full name.", value: (r) => r.name },
    { name: "role", description: "LEARNER, MANAGER or HR.", value: (r) => r.role },
    { name: "department", description: "Department, as HR or the HR system entered it.", value: (r) => r.department },
    { name: "job_title", description: "Job title.", value: (r) => r.jobTitle },
    { name: "location", description: "Where the person works, as HR or the HR system entered it.", value: (r) => r.location },
    { name: "employee_id", description: "The HR system's id for the person (SCIM externalId).", value: (r) => r.employeeId },
    { name: "start_date", description: "First working day (YYYY-MM-DD).", value: (r) => day(r.startDate) },
    ...personColumns<{ managerId: string | null }>("manager", "Their manager", (r) => r.managerId),
    {
      name: "password_always_allowed",
      description: "true for a break-glass account that may sign in with a password where single sign-on is required.",
      value: (r) => r.passwordAlwaysAllowed,
    },
    { name: "active", description: "false once the person was deactivated.", value: (r) => r.deactivatedAt === null },
    { name: "deactivated_at", description: "When the person was deactivated (ISO 8601, UTC).", value: (r) => iso(r.deactivatedAt) },
    { name: "signed_in_at", description: "Their last sign-in; empty if the account was never used.", value: (r) => iso(r.signedInAt) },
    { name: "created_at", description: "When the person was added to Baton.", value: (r) => iso(r.createdAt) },
    { name: "updated_at", description: "When their details last changed.", value: (r) => iso(r.updatedAt) },
  ],
});

const curricula = exportFile({
  name: "curricula.csv",
  description: "Onboarding paths. Their courses are in curriculum-courses.csv, their group assignment rules in assignment-rules.csv.",
  count: () => prisma.curriculum.count(),
  page: (after: { id: string } | undefined, take: number) => prisma.curriculum.findMany({ where: afterId(after), orderBy: byId, take }),
  columns: [
    idColumn("curriculum"),
    { name: "name", description: "Name.", value: (r) => r.name },
    { name: "description", description: "Description shown to learners.", value: (r) => r.description },
    { name: "in_order", description: "true when a course opens only once every required course before it is complete.", value: (r) => r.inOrder },
    { name: "due_days", description: "Courses are due this many days after the start date (unless a course has its own rule).", value: (r) => r.dueDays },
    { name: "due_date", description: "Or: courses are due on this day (YYYY-MM-DD).", value: (r) => day(r.dueDate) },
    { name: "grace_days", description: "Days after someone receives the curriculum before they can be flagged at risk.", value: (r) => r.graceDays },
    { name: "archived_at", description: "When it was archived (history, no longer an obligation); empty while in use.", value: (r) => iso(r.archivedAt) },
    { name: "created_at", description: "When it was created.", value: (r) => iso(r.createdAt) },
    { name: "updated_at", description: "When it last changed.", value: (r) => iso(r.updatedAt) },
  ],
});

const curriculumOf = { curriculum: { select: { name: true } } } as const;
const curriculumColumns = <Row extends { curriculumId: string; curriculum: { name: string } }>(): Column<Row>[] => [
  { name: "curriculum_id", description: "The curriculum (the id column of curricula.csv).", value: (r) => r.curriculumId },
  { name: "curriculum_name", description: "The curriculum's name today.", value: (r) => r.curriculum.name },
];

const curriculumCourses = exportFile({
  name: "curriculum-courses.csv",
  description: "The courses of each curriculum, in order.",
  count: () => prisma.curriculumCourse.count(),
  page: (after: { id: string } | undefined, take: number) =>
    prisma.curriculumCourse.findMany({ where: afterId(after), orderBy: byId, take, include: curriculumOf }),
  columns: [
    idColumn("curriculum course"),
    ...curriculumColumns(),
    { name: "course_slug", description: "The course, by its slug (its folder in content/courses).", value: (r) => r.courseSlug },
    { name: "position", description: "Its place in the curriculum (1 first).", value: (r) => r.position },
    { name: "required", description: "true when the course counts towards being ready; false for an optional course.", value: (r) => r.required },
    { name: "due_days", description: "Its own due rule: due this many days after the start date.", value: (r) => r.dueDays },
    { name: "due_date", description: "Or its own fixed due day (YYYY-MM-DD); both empty: the curriculum's rule applies.", value: (r) => day(r.dueDate) },
    { name: "added_at", description: "When the course was added to the curriculum.", value: (r) => iso(r.addedAt) },
    { name: "required_since", description: "When the course last became required (empty while optional).", value: (r) => iso(r.requiredSince) },
  ],
});

const assignmentRules = exportFile({
  name: "assignment-rules.csv",
  description: "Group assignments: everyone matching a rule holds its curriculum while the rule is active.",
  count: () => prisma.assignmentRule.count(),
  page: (after: { id: string } | undefined, take: number) =>
    prisma.assignmentRule.findMany({ where: afterId(after), orderBy: byId, take, include: curriculumOf }),
  columns: [
    idColumn("rule"),
    ...curriculumColumns(),
    { name: "kind", description: "DEPARTMENT, JOB_TITLE, LOCATION, ROLE or STARTING_FROM (people starting on or after a day).", value: (r) => r.kind },
    { name: "value", description: "The department, job title, location or role as entered, or the first start day (YYYY-MM-DD).", value: (r) => r.value },
    { name: "created_at", description: "When the rule was added.", value: (r) => iso(r.createdAt) },
    ...personColumns<{ createdById: string | null }>("created_by", "Who added it", (r) => r.createdById),
    { name: "ended_at", description: "When the rule was ended; empty while active.", value: (r) => iso(r.endedAt) },
    ...personColumns<{ endedById: string | null }>("ended_by", "Who ended it", (r) => r.endedById),
  ],
});

const assignments = exportFile({
  name: "assignments.csv",
  description: "Each period during which a person held a curriculum, directly or through a rule. Unassigning closes a period; rows are never deleted.",
  count: () => prisma.assignment.count(),
  page: (after: { id: string } | undefined, take: number) => prisma.assignment.findMany({ where: afterId(after), orderBy: byId, take, include: curriculumOf }),
  columns: [
    idColumn("assignment"),
    ...personColumns<{ personId: string }>("person", "Who holds the curriculum", (r) => r.personId),
    ...curriculumColumns(),
    { name: "rule_id", description: "The assignment rule that gave it (assignment-rules.csv); empty when assigned directly.", value: (r) => r.ruleId },
    { name: "assigned_at", description: "When the period began.", value: (r) => iso(r.assignedAt) },
    ...personColumns<{ assignedById: string | null }>("assigned_by", "Who assigned it (empty for rules and imports)", (r) => r.assignedById),
    { name: "unassigned_at", description: "When the period ended; empty while the person holds the curriculum.", value: (r) => iso(r.unassignedAt) },
    ...personColumns<{ unassignedById: string | null }>("unassigned_by", "Who unassigned it", (r) => r.unassignedById),
  ],
});

const progress = exportFile({
  name: "progress.csv",
  description: "Each person's state in each lesson they opened. Course completion is derived from these rows.",
  count: () => prisma.lessonProgress.count(),
  page: (after: { id: string } | undefined, take: number) => prisma.lessonProgress.findMany({ where: afterId(after), orderBy: byId, take }),
  columns: [
    idColumn("progress row"),
    ...personColumns<{ personId: string }>("person", "The learner", (r) => r.personId),
    ...lessonColumns(),
    { name: "course_version", description: "Content hash of the course when the lesson was last opened or completed.", value: (r) => r.courseVersion },
    { name: "status", description: "IN_PROGRESS or COMPLETED.", value: (r) => r.status },
    { name: "started_at", description: "When the lesson was first opened.", value: (r) => iso(r.startedAt) },
    { name: "completed_at", description: "When it was completed; empty until then.", value: (r) => iso(r.completedAt) },
    { name: "updated_at", description: "When the row last changed.", value: (r) => iso(r.updatedAt) },
  ],
});

const attempts = exportFile({
  name: "attempts.csv",
  description: "Quiz attempts with their scores (the questions, answers and answer keys are not exported).",
  count: () => prisma.quizAttempt.count(),
  page: (after: { id: string } | undefined, take: number) =>
    prisma.quizAttempt.findMany({
      where: afterId(after),
      orderBy: byId,
      take,
      // Never `items`, `answers` or `results`: they hold the answer key.
      select: {
        id: true,
        personId: true,
        courseSlug: true,
        lessonSlug: true,
        courseVersion: true,
        attemptNumber: true,
        startedAt: true,
        submittedAt: true,
        correctCount: true,
        questionCount: true,
        score: true,
        passed: true,
      },
    }),
  columns: [
    idColumn("attempt"),
    ...personColumns<{ personId: string }>("person", "The learner", (r) => r.personId),
    ...lessonColumns(),
    { name: "course_version", description: "Content hash of the course when the attempt started.", value: (r) => r.courseVersion },
    { name: "attempt_number", description: "1, 2, 3 … per person and quiz.", value: (r) => r.attemptNumber },
    { name: "started_at", description: "When the attempt started.", value: (r) => iso(r.startedAt) },
    {
      name: "submitted_at",
      description: "When it was submitted; empty while in progress (then the score columns mean nothing yet).",
      value: (r) => iso(r.submittedAt),
    },
    { name: "correct_count", description: "Questions answered correctly.", value: (r) => r.correctCount },
    { name: "question_count", description: "Questions in the attempt.", value: (r) => r.questionCount },
    { name: "score", description: "Score in percent (0–100).", value: (r) => r.score },
    { name: "passed", description: "true when the score reached the pass mark.", value: (r) => r.passed },
  ],
});

const signOffs = exportFile({
  name: "sign-offs.csv",
  description: "Practice tasks submitted for sign-off and their review. A resubmission is a new row, so earlier returns stay.",
  count: () => prisma.practiceSubmission.count(),
  page: (after: { id: string } | undefined, take: number) => prisma.practiceSubmission.findMany({ where: afterId(after), orderBy: byId, take }),
  columns: [
    idColumn("submission"),
    ...personColumns<{ personId: string }>("person", "The learner", (r) => r.personId),
    ...lessonColumns(),
    { name: "status", description: "WAITING (for review), SIGNED_OFF or RETURNED (with coaching notes).", value: (r) => r.status },
    { name: "note", description: "The learner's note on what they did.", value: (r) => r.note },
    { name: "link", description: "The learner's link to evidence, if any.", value: (r) => r.link },
    { name: "submitted_at", description: "When it was submitted.", value: (r) => iso(r.submittedAt) },
    { name: "reviewed_at", description: "When it was signed off or returned; empty while waiting.", value: (r) => iso(r.reviewedAt) },
    ...personColumns<{ reviewerId: string | null }>("reviewer", "Who reviewed it", (r) => r.reviewerId),
    { name: "reviewer_name", description: "The reviewer's name as it was at the review.", value: (r) => r.reviewerName },
    { name: "criteria_met", description: "JSON list of the task's criteria the reviewer saw met, by position (0 first).", value: (r) => r.criteriaMet },
    { name: "comment", description: "The sign-off comment or the coaching notes of a return.", value: (r) => r.comment },
  ],
});

const overrides = exportFile({
  name: "overrides.csv",
  description: "Exceptions made for one person: extra quiz attempts, a later due date, a waived course. Never edited or deleted.",
  count: () => prisma.override.count(),
  page: (after: { id: string } | undefined, take: number) => prisma.override.findMany({ where: afterId(after), orderBy: byId, take }),
  columns: [
    idColumn("override"),
    ...personColumns<{ personId: string }>("person", "Who it is for", (r) => r.personId),
    { name: "kind", description: "EXTRA_ATTEMPTS, DUE_DATE or WAIVER.", value: (r) => r.kind },
    { name: "course_slug", description: "The course, by its slug.", value: (r) => r.courseSlug },
    { name: "lesson_slug", description: "EXTRA_ATTEMPTS: the lesson whose quiz it is.", value: (r) => r.lessonSlug },
    { name: "extra_attempts", description: "EXTRA_ATTEMPTS: how many more attempts.", value: (r) => r.extraAttempts },
    { name: "due_date", description: "DUE_DATE: the new due day (YYYY-MM-DD).", value: (r) => day(r.dueDate) },
    { name: "reason", description: "The reason given.", value: (r) => r.reason },
    ...personColumns<{ createdById: string | null }>("created_by", "Who made it", (r) => r.createdById),
    { name: "created_by_name", description: "Their name as it was then.", value: (r) => r.createdByName },
    { name: "created_at", description: "When it was made.", value: (r) => iso(r.createdAt) },
  ],
});

const feedback = exportFile({
  name: "feedback.csv",
  description: "Lesson feedback: ratings and comments, and the course owner's replies. Anonymous feedback names no one.",
  count: () => prisma.lessonFeedback.count(),
  page: (after: { id: string } | undefined, take: number) => prisma.lessonFeedback.findMany({ where: afterId(after), orderBy: byId, take }),
  columns: [
    idColumn("feedback"),
    ...personColumns<{ personId: string | null }>("person", "Who gave it (empty when anonymous)", (r) => r.personId),
    ...lessonColumns(),
    { name: "rating", description: "Was this useful? The rating given, if any.", value: (r) => r.rating },
    { name: "comment", description: "What would make it better?", value: (r) => r.comment },
    { name: "anonymous", description: "true when it was given anonymously.", value: (r) => r.anonymous },
    { name: "status", description: "NEW, PLANNED, CHANGED or DECLINED.", value: (r) => r.status },
    { name: "reply", description: "The reply, if any.", value: (r) => r.reply },
    { name: "replied_at", description: "When it was replied to.", value: (r) => iso(r.repliedAt) },
    ...personColumns<{ repliedById: string | null }>("replied_by", "Who replied", (r) => r.repliedById),
    { name: "replied_by_name", description: "Their name as it was then.", value: (r) => r.repliedByName },
    { name: "created_at", description: "When the feedback was given.", value: (r) => iso(r.createdAt) },
    { name: "updated_at", description: "When it last changed.", value: (r) => iso(r.updatedAt) },
  ],
});

const stories = exportFile({
  name: "stories.csv",
  description: "Service stories: a colleague's good service, told by someone signed in.",
  count: () => prisma.serviceStory.count(),
  page: (after: { id: string } | undefined, take: number) => prisma.serviceStory.findMany({ where: afterId(after), orderBy: byId, take }),
  columns: [
    idColumn("story"),
    ...personColumns<{ authorId: string }>("author", "Who told it", (r) => r.authorId),
    ...personColumns<{ subjectId: string }>("subject", "Whom it is about", (r) => r.subjectId),
    { name: "behaviour", description: "The behaviour it shows, by its id in content/behaviours.yml.", value: (r) => r.behaviour },
    { name: "text", description: "The story.", value: (r) => r.text },
    { name: "created_at", description: "When it was told.", value: (r) => iso(r.createdAt) },
    { name: "highlighted_at", description: "When it was highlighted; empty if not.", value: (r) => iso(r.highlightedAt) },
    ...personColumns<{ highlightedById: string | null }>("highlighted_by", "Who highlighted it", (r) => r.highlightedById),
    { name: "hidden_at", description: "When it was hidden; empty if shown.", value: (r) => iso(r.hiddenAt) },
    ...personColumns<{ hiddenById: string | null }>("hidden_by", "Who hid it", (r) => r.hiddenById),
    { name: "hidden_reason", description: "Why it was hidden.", value: (r) => r.hiddenReason },
  ],
});

const certificates = exportFile({
  name: "certificates.csv",
  description: "Certificates issued for completed curricula, with their verification codes, validity and any revocation.",
  count: () => prisma.certificate.count(),
  page: (after: { id: string } | undefined, take: number) => prisma.certificate.findMany({ where: afterId(after), orderBy: byId, take }),
  columns: [
    idColumn("certificate"),
    { name: "code", description: "The verification code (checked at /verify/<code>).", value: (r) => r.code },
    ...personColumns<{ personId: string }>("person", "Who holds it", (r) => r.personId),
    { name: "person_name", description: "The name printed on it.", value: (r) => r.personName },
    { name: "curriculum_id", description: "The curriculum completed (the id column of curricula.csv).", value: (r) => r.curriculumId },
    { name: "curriculum_name", description: "The curriculum's name printed on it.", value: (r) => r.curriculumName },
    { name: "issued_at", description: "When it was issued.", value: (r) => iso(r.issuedAt) },
    { name: "valid_until", description: "When it expires (empty: no expiry).", value: (r) => iso(r.validUntil) },
    { name: "revoked_at", description: "When HR revoked it (empty: not revoked).", value: (r) => iso(r.revokedAt) },
    { name: "revoked_reason", description: "The reason HR gave.", value: (r) => r.revokedReason },
    ...personColumns<{ revokedById: string | null }>("revoked_by", "Who revoked it", (r) => r.revokedById),
  ],
});

const audit = exportFile({
  name: "audit.csv",
  description: "The audit log, oldest first: who did what, to whom, when (as long as audit retention keeps it).",
  count: () => prisma.auditEvent.count(),
  // Oldest first: by time, then id for events in the same millisecond.
  page: (after: { id: string; at: Date } | undefined, take: number) =>
    prisma.auditEvent.findMany({
      where: after ? { OR: [{ at: { gt: after.at } }, { at: after.at, id: { gt: after.id } }] } : {},
      orderBy: [{ at: "asc" }, { id: "asc" }],
      take,
    }),
  columns: [
    idColumn("event"),
    { name: "at", description: "When it happened (the last time, for folded repeats).", value: (r) => iso(r.at) },
    { name: "action", description: 'What happened, e.g. "person.created", "sign_in.failed".', value: (r) => r.action },
    { name: "actor_id", description: "Who did it: their id (people.csv); empty for Baton itself or someone not signed in.", value: (r) => r.actorId },
    { name: "actor_email", description: "Who did it: their e-mail address when they did it.", value: (r) => r.actorEmail },
    { name: "target", description: "What it was done to, as text (an e-mail, a path, a name).", value: (r) => r.target },
    ...personColumns<{ subjectId: string | null }>("subject", "The person it is about", (r) => r.subjectId),
    { name: "ip", description: "The client's IP address.", value: (r) => r.ip },
    { name: "details", description: "JSON with whatever else explains the event.", value: (r) => r.details },
    { name: "count", description: "Repeats folded into this row (e.g. failed sign-ins in one minute).", value: (r) => r.count },
  ],
});

/** The files of the export, in the order they are written. */
export const EXPORT_FILES = [
  people,
  curricula,
  curriculumCourses,
  assignmentRules,
  assignments,
  progress,
  attempts,
  signOffs,
  overrides,
  feedback,
  stories,
  certificates,
  audit,
] as const;

/** What the export holds, for the page that offers it: each file with its columns (the README's text). */
export const exportContents = () => EXPORT_FILES.map(({ name, description, columns }) => ({ name, description, columns }));
