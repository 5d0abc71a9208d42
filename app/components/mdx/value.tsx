/**
 * A company's own words in a template course (content/values.yml); an unset one is marked for HR to fill in.
 * Rendered once at content:build with the library's values, so a changed value needs a content build, like the catalog.
 */
export function Value({ name, entry }: { name: string; entry: { label: string; value: string } | undefined }) {
  if (entry?.value) return <>{entry.value}</>;
  return (
    <mark className="rounded bg-amber-100 px-1 text-amber-950" title="HR has not filled this in yet (content/values.yml)">
      [to be filled in: {entry?.label ?? name}]
    </mark>
  );
}
