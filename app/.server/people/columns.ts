/** The columns that say who a person is, as lists, checks and the import read them (a Prisma select). */
export const personColumns = {
  id: true,
  email: true,
  name: true,
  role: true,
  department: true,
  jobTitle: true,
  startDate: true,
  deactivatedAt: true,
} as const;
