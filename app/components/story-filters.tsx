import { Form, Link } from "@remix-run/react";
import type { StoryFilter, StoryView } from "~/.server/stories/schema";
import { FilterPanel } from "./filter-panel";
import { Button, FilterSelect } from "./ui";

const tabs: { view: StoryView; label: string; hrOnly?: boolean }[] = [
  { view: "newest", label: "Newest" },
  { view: "highlighted", label: "Highlighted" },
  { view: "about-me", label: "About me" },
  { view: "hidden", label: "Hidden", hrOnly: true },
];

function hrefFor(filter: StoryFilter, view: StoryView) {
  const params = new URLSearchParams({ view });
  if (filter.behaviour) params.set("behaviour", filter.behaviour);
  if (filter.department) params.set("department", filter.department);
  return `/stories?${params}`;
}

/** The lists (newest, highlighted, about me, and HR's hidden) and the behaviour and department filters. */
export function StoryFilters({
  filter,
  showHidden,
  behaviours,
  departments,
}: {
  filter: StoryFilter;
  showHidden: boolean;
  behaviours: { id: string; name: string }[];
  departments: string[];
}) {
  return (
    <>
      <nav aria-label="Story lists" className="flex flex-wrap gap-1 border-b border-slate-200">
        {tabs
          .filter((t) => showHidden || !t.hrOnly)
          .map((t) => (
            <Link
              key={t.view}
              to={hrefFor(filter, t.view)}
              aria-current={filter.view === t.view ? "page" : undefined}
              className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-700 hover:text-brand-700 aria-[current=page]:border-brand-600 aria-[current=page]:text-brand-700"
            >
              {t.label}
            </Link>
          ))}
      </nav>
      <FilterPanel active={[filter.behaviour, filter.department].filter(Boolean).length}>
        <Form method="get" role="search" aria-label="Filter stories" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="view" value={filter.view} />
          <FilterSelect
            label="Behaviour"
            name="behaviour"
            value={filter.behaviour}
            all="Any behaviour"
            options={behaviours.map((b) => ({ value: b.id, label: b.name }))}
          />
          <FilterSelect
            label="Department (of the person it is about)"
            name="department"
            value={filter.department}
            all="Any department"
            options={departments.map((d) => ({ value: d, label: d }))}
          />
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </Form>
      </FilterPanel>
    </>
  );
}
