import { prisma } from "../db";
import { countByDepartmentMonth, lastMonths, type CountTable } from "./rules";

export const COUNT_MONTHS = 6;

/** HR's table: visible stories per subject department × month, for the last six months (this one included). */
export async function storyCounts(now: Date): Promise<CountTable> {
  const months = lastMonths(now, COUNT_MONTHS);
  const rows = await prisma.serviceStory.findMany({
    where: { hiddenAt: null, createdAt: { gte: months[0] } },
    select: { createdAt: true, subject: { select: { department: true } } },
  });
  return countByDepartmentMonth(
    rows.map((r) => ({ createdAt: r.createdAt, department: r.subject.department })),
    months,
  );
}
