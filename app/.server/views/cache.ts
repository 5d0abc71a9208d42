/**
 * Learner views cached per person (docs/decisions/014). A view — My learning, a course page, a lesson page —
 * is a function of the person's own rows, of what everyone shares (curricula, rules), of the course library
 * and of the day. Database triggers bump `Person.viewVersion` on every write to the person's rows and
 * `ViewGeneration` on every write to the shared ones, in the writing transaction, whichever process writes;
 * the session read returns both. So a view computed under a key is never served after a write that changes it.
 */
import { catalogKey } from "../readiness/catalog-key";
import type { SessionWithPerson } from "../auth/session-read";

/** People whose views are kept; the least recently seen are dropped first. */
const MAX_PEOPLE = 5_000;

type Entry = { key: string; views: Map<string, Promise<unknown>> };
const people = new Map<string, Entry>();

/**
 * What a person's learner views depend on besides the view's own arguments. The day is a UTC day because due
 * dates turn overdue at UTC midnight (curricula/due-dates.ts); nothing on a learner page changes with the
 * clock more finely than that.
 */
export function viewKey(session: Pick<SessionWithPerson, "person" | "versions">, now: Date): string {
  const { person, versions } = session;
  return [
    versions.person,
    versions.everyone,
    person.role,
    person.startDate?.toISOString() ?? "-",
    person.managerId ?? "-",
    person.name,
    now.toISOString().slice(0, 10),
    catalogKey(),
  ].join("|");
}

/**
 * The view `name` for this person under their current key: computed once, shared by concurrent requests,
 * recomputed when the key changes. A failed computation is not kept. Callers must not mutate the result.
 */
export function cachedView<T>(viewer: { id: string; viewKey: string }, name: string, compute: () => Promise<T>): Promise<T> {
  let entry = people.get(viewer.id);
  if (entry) people.delete(viewer.id); // re-inserted below: most recently seen last
  if (!entry || entry.key !== viewer.viewKey) entry = { key: viewer.viewKey, views: new Map() };
  people.set(viewer.id, entry);
  if (people.size > MAX_PEOPLE) people.delete(people.keys().next().value!);

  const found = entry.views.get(name);
  if (found) return found as Promise<T>;
  const views = entry.views;
  const view = compute();
  views.set(name, view);
  view.catch(() => views.delete(name));
  return view;
}

/** Forget every cached view (tests; a course library reload changes every key anyway). */
export function clearViews() {
  people.clear();
}
