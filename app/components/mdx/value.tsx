import { useLesson } from "./lesson-context";

/** A company's own words in a template course (content/values.yml); an unset one is marked for HR to fill in. */
export function Value({ name }: { name: string }) {
  const { values } = useLesson();
  const entry = values[name];
  if (entry?.value) return <>{entry.value}</>;
  return (
    <mark className="rounded bg-amber-100 px-1 text-amber-950" title="HR has not filled this in yet (content/values.yml)">
      [to be filled in: {entry?.label ?? name}]
    </mark>
  );
}
