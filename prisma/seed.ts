// The demo organisation. Idempotent: people are keyed by email; existing ones are left as they are.
import { hashPassword } from "../app/.server/auth/password";
import { prisma } from "../app/.server/db";
import type { Role } from "../app/generated/prisma/enums";
import { PAST_HIRES, pastHireEmail } from "./demo-cohort";
import { seedDemoFeedback } from "./demo-feedback";
import { seedDemoLearning } from "./demo-learning";
import { seedDemoStories } from "./demo-stories";
import { freshenReadiness, markReadinessStale, withReadinessDeferred } from "../app/.server/readiness/upkeep";
import { seedDemoRenewal } from "./demo-renewal";
import { recordDemoVersions } from "./demo-versions";
import { seedDemoBranding } from "./demo-branding";

export const DEMO_PASSWORD = "baton-demo";

type DemoPerson = {
  email: string;
  name: string;
  role: Role;
  department: string;
  jobTitle: string;
  startOffsetDays: number;
  manager?: string;
};

const people: DemoPerson[] = [
  { email: "hr@baton.test", name: "Hana Reyes", role: "HR", department: "People", jobTitle: "HR Partner", startOffsetDays: -900 },
  {
    email: "manager@baton.test",
    name: "Marcus Bell",
    role: "MANAGER",
    department: "Customer Support",
    jobTitle: "Support Team Lead",
    startOffsetDays: -700,
    manager: "hr@baton.test",
  },
  {
    email: "manager2@baton.test",
    name: "Priya Natarajan",
    role: "MANAGER",
    department: "Operations",
    jobTitle: "Warehouse Supervisor",
    startOffsetDays: -500,
    manager: "hr@baton.test",
  },
  {
    email: "newhire@baton.test",
    name: "Nia Okafor",
    role: "LEARNER",
    department: "Customer Support",
    jobTitle: "Support Advisor",
    startOffsetDays: -3,
    manager: "manager@baton.test",
  },
  {
    email: "tom.fischer@baton.test",
    name: "Tom Fischer",
    role: "LEARNER",
    department: "Customer Support",
    jobTitle: "Support Advisor",
    startOffsetDays: -10,
    manager: "manager@baton.test",
  },
  {
    email: "lena.kowalski@baton.test",
    name: "Lena Kowalski",
    role: "LEARNER",
    department: "Customer Support",
    jobTitle: "Support Advisor",
    startOffsetDays: -6,
    manager: "manager@baton.test",
  },
  {
    email: "samir.haddad@baton.test",
    name: "Samir Haddad",
    role: "LEARNER",
    department: "Customer Support",
    jobTitle: "Billing Specialist",
    startOffsetDays: 2,
    manager: "manager@baton.test",
  },
  {
    email: "grace.lin@baton.test",
    name: "Grace Lin",
    role: "LEARNER",
    department: "Customer Support",
    jobTitle: "Support Advisor",
    startOffsetDays: 7,
    manager: "manager@baton.test",
  },
  {
    email: "ade.bello@baton.test",
    name: "Ade Bello",
    role: "LEARNER",
    department: "Front Desk",
    jobTitle: "Receptionist",
    startOffsetDays: -12,
    manager: "manager@baton.test",
  },
  {
    email: "maria.santos@baton.test",
    name: "Maria Santos",
    role: "LEARNER",
    department: "Front Desk",
    jobTitle: "Guest Services Agent",
    startOffsetDays: -4,
    manager: "manager@baton.test",
  },
  {
    email: "jonas.berg@baton.test",
    name: "Jonas Berg",
    role: "LEARNER",
    department: "Front Desk",
    jobTitle: "Receptionist",
    startOffsetDays: 0,
    manager: "manager@baton.test",
  },
  {
    email: "chloe.martin@baton.test",
    name: "Chloe Martin",
    role: "LEARNER",
    department: "Front Desk",
    jobTitle: "Guest Services Agent",
    startOffsetDays: 5,
    manager: "manager@baton.test",
  },
  {
    email: "kofi.mensah@baton.test",
    name: "Kofi Mensah",
    role: "LEARNER",
    department: "Warehouse",
    jobTitle: "Warehouse Operative",
    startOffsetDays: -13,
    manager: "manager2@baton.test",
  },
  {
    email: "ella.novak@baton.test",
    name: "Ella Novak",
    role: "LEARNER",
    department: "Warehouse",
    jobTitle: "Goods-in Clerk",
    startOffsetDays: -8,
    manager: "manager2@baton.test",
  },
  {
    email: "ravi.patel@baton.test",
    name: "Ravi Patel",
    role: "LEARNER",
    department: "Warehouse",
    jobTitle: "Warehouse Operative",
    startOffsetDays: -1,
    manager: "manager2@baton.test",
  },
  {
    email: "sofia.rossi@baton.test",
    name: "Sofia Rossi",
    role: "LEARNER",
    department: "Warehouse",
    jobTitle: "Dispatch Coordinator",
    startOffsetDays: 3,
    manager: "manager2@baton.test",
  },
  {
    email: "liam.oconnor@baton.test",
    name: "Liam O'Connor",
    role: "LEARNER",
    department: "Warehouse",
    jobTitle: "Warehouse Operative",
    startOffsetDays: 9,
    manager: "manager2@baton.test",
  },
  {
    email: "manager3@baton.test",
    name: "Daniel Osei",
    role: "MANAGER",
    department: "Operations",
    jobTitle: "Service Operations Lead",
    startOffsetDays: -800,
    manager: "hr@baton.test",
  },
  ...PAST_HIRES.map(([name, department, jobTitle, startOffsetDays]) => ({
    email: pastHireEmail(name),
    name,
    role: "LEARNER" as const,
    department,
    jobTitle,
    startOffsetDays,
    manager: "manager3@baton.test",
  })),
];

function dayOffset(days: number, today = new Date()) {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  d.setUTCDate(d.getUTCDate() + days);
  return d;
}

export async function seedDemo() {
  const existing = new Set((await prisma.person.findMany({ select: { email: true } })).map((p) => p.email));
  const missing = people.filter((p) => !existing.has(p.email));
  if (missing.length > 0) console.log(`Seeding the demo organisation: ${missing.length} people …`);
  const hashes = await Promise.all(missing.map(() => hashPassword(DEMO_PASSWORD)));
  const ids = new Map<string, string>();
  for (const row of await prisma.person.findMany({ select: { id: true, email: true } })) ids.set(row.email, row.id);

  // Managers come before their reports in the list, so one ordered pass can link them.
  await prisma.$transaction(async (tx) => {
    for (const [i, p] of missing.entries()) {
      const created = await tx.person.create({
        data: {
          email: p.email,
          name: p.name,
          role: p.role,
          department: p.department,
          jobTitle: p.jobTitle,
          startDate: dayOffset(p.startOffsetDays),
          managerId: p.manager ? ids.get(p.manager) : undefined,
          passwordHash: hashes[i],
        },
        select: { id: true },
      });
      ids.set(p.email, created.id);
    }
  });
  return { created: missing.length };
}

/** Everyone who has started has used their account, except one new hire who starts today and has not signed in yet. */
async function seedDemoSignIns() {
  const people = await prisma.person.findMany({
    where: { signedInAt: null, startDate: { lte: new Date() }, email: { not: NOT_SIGNED_IN } },
    select: { id: true, startDate: true },
  });
  for (const p of people) await prisma.person.update({ where: { id: p.id }, data: { signedInAt: p.startDate } });
}

/** The demo's "Invited, not signed in": starts today, account never used. */
export const NOT_SIGNED_IN = "jonas.berg@baton.test";

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  // A bulk load: readiness is computed once at the end instead of after every write.
  withReadinessDeferred(async () => {
    const result = await seedDemo();
    await seedDemoLearning();
    await seedDemoStories();
    await seedDemoFeedback();
    await seedDemoSignIns();
    await seedDemoRenewal();
    await recordDemoVersions();
    await seedDemoBranding();
    return result;
  })
    .then(async (result) => {
      // The seed writes some rows directly (back-dated assignments): bring every readiness summary up to date.
      await prisma.$transaction((tx) => markReadinessStale(tx, "all", "Demo data loaded"));
      await freshenReadiness();
      return result;
    })
    .then(({ created }) => {
      console.log(created > 0 ? `Demo organisation created (${created} people).` : "Demo organisation already present.");
      console.log(`Sign in at /login as hr@baton.test, manager@baton.test or newhire@baton.test with the password "${DEMO_PASSWORD}".`);
    })
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => prisma.$disconnect());
}
