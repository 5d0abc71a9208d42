/**
 * A believable HR-system export of any size, for tests and the import benchmark: a few managers, everyone
 * else reporting to one of them, spread over departments and start dates.
 */
const DEPARTMENTS = ["Customer Support", "Front Desk", "Warehouse", "Billing", "Field Service"];
const TITLES = ["Advisor", "Coordinator", "Specialist", "Operative", "Agent"];

export function sampleCsv(rows: number, opts: { delimiter?: "," | ";"; bom?: boolean; domain?: string; managers?: number } = {}): string {
  const d = opts.delimiter ?? ",";
  const domain = opts.domain ?? "import.test";
  const managers = Math.max(1, Math.min(opts.managers ?? Math.ceil(rows / 50), rows));
  const lines = [["Email", "Name", "Department", "Job Title", "Manager Email", "Start Date", "Role"].join(d)];
  for (let i = 0; i < rows; i++) {
    const isManager = i < managers;
    const dept = DEPARTMENTS[i % DEPARTMENTS.length]!;
    const start = new Date(Date.UTC(2026, 0, 5) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
    lines.push(
      [
        `person${i}@${domain}`,
        `Person ${i}`,
        dept,
        isManager ? `${dept} Lead` : `${dept} ${TITLES[i % TITLES.length]}`,
        isManager ? "" : `person${i % managers}@${domain}`,
        start,
        isManager ? "manager" : "",
      ].join(d),
    );
  }
  return (opts.bom ? "\uFEFF" : "") + lines.join("\r\n") + "\r\n";
}
