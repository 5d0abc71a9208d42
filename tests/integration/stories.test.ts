import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { deactivatePerson } from "~/.server/people/people";
import { storyCounts } from "~/.server/stories/counts";
import { storiesAbout, type StoryCard } from "~/.server/stories/list";
import { postStory } from "~/.server/stories/post";
import { StoriesAboutYou } from "~/components/stories-about-you";
import { StoryItem } from "~/components/story-card";
import { loader as countsLoader } from "~/routes/_app.hr.stories";
import { action as storiesAction, loader as storiesLoader } from "~/routes/_app.stories._index";
import { createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";

const ctx = { context: {} };
const PAYLOAD = `<img src=x onerror=alert(1)> & <script>alert("stories")</script> <b>bold</b>`;

type Person = Awaited<ReturnType<typeof createTestPerson>>;
const people = {} as Record<"author" | "colleague" | "other" | "manager" | "hr" | "leaver", Person>;
const cookies = {} as Record<keyof typeof people, string>;

beforeAll(async () => {
  people.author = await createTestPerson({ name: "Ada Author", department: "Support" });
  people.colleague = await createTestPerson({ name: "Cleo Colleague", department: "Front Desk" });
  people.other = await createTestPerson({ name: "Otto Other", department: "Support" });
  people.manager = await createTestPerson({ role: "MANAGER", name: "Mina Manager", department: "Warehouse" });
  people.hr = await createTestPerson({ role: "HR", name: "Hal HR", department: "People" });
  people.leaver = await createTestPerson({ name: "Lee Leaver", department: "Front Desk" });
  for (const key of Object.keys(people) as (keyof typeof people)[]) cookies[key] = (await signedInCookie(people[key].id)).cookie;
});

const act = (who: keyof typeof people, form: Record<string, string>) =>
  outcomeOf(storiesAction({ request: makeRequest("/stories", { cookie: cookies[who], form }), params: {}, ...ctx }));
const list = async (who: keyof typeof people, query = "") =>
  (await outcomeOf(storiesLoader({ request: makeRequest(`/stories${query}`, { cookie: cookies[who] }), params: {}, ...ctx }))).data as {
    stories: StoryCard[];
    filter: { view: string };
    can: { highlight: boolean; hide: boolean };
  };
const ids = (cards: { id: string }[]) => cards.map((c) => c.id);

/** Post through the route as `who` and return the new story's id. */
async function posted(who: keyof typeof people = "author", form: Partial<Record<"subject" | "behaviour" | "text", string>> = {}) {
  const out = await act(who, {
    intent: "post",
    subject: people.colleague.id,
    behaviour: "owned-it",
    text: "Stayed with a lost parcel until it was found.",
    ...form,
  });
  expect(out.status, JSON.stringify(out.data)).toBe(200);
  return out.data.storyId as string;
}

describe("posting a story", () => {
  it("posts about an active colleague: trimmed, newest first, on their home panel and in their 'about me' list", async () => {
    const first = await posted();
    const out = await act("author", {
      intent: "post",
      subject: people.colleague.id,
      behaviour: "clean-hand-off",
      text: "  Left me notes that made the\r\nnext shift easy.  ",
    });
    expect(out.data).toMatchObject({ ok: true, intent: "post", message: expect.stringMatching(/your story about Cleo is posted/) });
    const second = out.data.storyId as string;
    expect(await prisma.serviceStory.findUniqueOrThrow({ where: { id: second } })).toMatchObject({
      authorId: people.author.id,
      subjectId: people.colleague.id,
      behaviour: "clean-hand-off",
      text: "Left me notes that made the\nnext shift easy.",
      highlightedAt: null,
      hiddenAt: null,
    });

    const newest = await list("other");
    expect(ids(newest.stories).slice(0, 2)).toEqual([second, first]);
    expect(newest.stories[0]).toMatchObject({
      author: { name: "Ada Author" },
      subject: { name: "Cleo Colleague", department: "Front Desk" },
      behaviour: { id: "clean-hand-off", name: "Clean hand-off" },
      mine: false,
      highlighted: null,
    });
    expect((await list("author")).stories[0]?.mine).toBe(true);
    expect(ids(await storiesAbout(people.colleague.id, 2))).toEqual([second, first]);
    expect(ids((await list("colleague", "?view=about-me")).stories)).toEqual(expect.arrayContaining([first, second]));
    expect(ids((await list("other", "?view=about-me")).stories)).toEqual([]);
  });

  it("answers bad input with field errors (400) and writes nothing", async () => {
    await deactivatePerson(people.leaver.id, { actor: people.hr, ip: null });
    const before = await prisma.serviceStory.count();
    const base = { intent: "post", subject: people.colleague.id, behaviour: "owned-it", text: "A good story." };
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ ...base, text: "   " }, "text", /Tell the story/],
      [{ ...base, text: "x".repeat(1501) }, "text", /1,500 characters/],
      [{ ...base, behaviour: "made-up" }, "behaviour", /one of the behaviours/],
      [{ intent: "post", subject: people.colleague.id, text: "no behaviour" }, "behaviour", /Choose the behaviour/],
      [{ ...base, subject: "" }, "subject", /Choose the colleague/],
      [{ ...base, subject: "no-such-person" }, "subject", /Choose a colleague from the list/],
      [{ ...base, subject: people.author.id }, "subject", /about someone else/],
      [{ ...base, subject: people.leaver.id }, "subject", /Lee Leaver no longer works here/],
    ];
    for (const [form, field, message] of cases) {
      const out = await act("author", form);
      expect(out.status, field).toBe(400);
      expect(out.thrown).toBe(false);
      expect(having(out.data, "fieldErrors").fieldErrors[field], JSON.stringify(out.data)).toMatch(message);
    }
    expect(await prisma.serviceStory.count()).toBe(before);
    expect((await list("author")).stories.map((s) => s.subject.name)).not.toContain("Lee Leaver");
  });

  it("refuses an unknown action with 400 and sends a signed-out browser to sign in", async () => {
    expect((await act("author", { intent: "nonsense" })).status).toBe(400);
    const anonymous = await outcomeOf(storiesAction({ request: makeRequest("/stories", { form: { intent: "post" } }), params: {}, ...ctx }));
    expect(anonymous.location).toMatch(/^\/login\?/);
  });
});

/** Server-render a component inside a data router, as a page would be. */
async function renderAsRemixWould(element: ReturnType<typeof createElement>) {
  const handler = createStaticHandler([{ path: "/", element }]);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw context;
  return renderToString(createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }));
}

describe("markup in a story", () => {
  it("is stored and returned verbatim, and rendered as text wherever a story is shown", async () => {
    const id = await posted("author", { text: PAYLOAD });
    expect((await prisma.serviceStory.findUniqueOrThrow({ where: { id } })).text).toBe(PAYLOAD);
    const card = (await list("hr")).stories.find((s) => s.id === id)!;
    expect(card.text).toBe(PAYLOAD);

    for (const element of [
      createElement(StoryItem, { story: card, can: { highlight: true, hide: true } }),
      createElement(StoriesAboutYou, { stories: [card] }),
    ]) {
      const html = await renderAsRemixWould(element);
      expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;alert(&quot;stories&quot;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;");
      expect(html).not.toMatch(/<img|<script|<b>/);
    }
  });
});

describe("deleting", () => {
  it("lets the author delete their own story, audited; to anyone else it is not found", async () => {
    const id = await posted();
    for (const who of ["other", "colleague", "manager", "hr"] as const) {
      const out = await act(who, { intent: "delete", story: id });
      expect(out.status, who).toBe(404);
    }
    expect(await prisma.serviceStory.count({ where: { id } })).toBe(1);
    const out = await act("author", { intent: "delete", story: id });
    expect(out.data).toMatchObject({ ok: true, message: "Your story is deleted." });
    expect(await prisma.serviceStory.count({ where: { id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "story.deleted", actorId: people.author.id, target: people.colleague.email } })).toBeGreaterThan(0);
    expect((await act("author", { intent: "delete", story: id })).status).toBe(404);
  });
});

describe("highlighting", () => {
  it("is refused to a learner (403, refusal recorded) and changes nothing", async () => {
    const id = await posted();
    const out = await act("other", { intent: "highlight", story: id });
    expect(out).toMatchObject({ status: 403, thrown: true });
    expect(await prisma.auditEvent.count({ where: { action: "authorization.refused", actorId: people.other.id, target: "/stories" } })).toBe(1);
    expect((await prisma.serviceStory.findUniqueOrThrow({ where: { id } })).highlightedAt).toBeNull();
    expect((await list("other")).can).toEqual({ highlight: false, hide: false });
  });

  it("lets any manager highlight a story about anyone, once, audited; it joins the Highlighted list; HR can remove it", async () => {
    const id = await posted();
    expect((await list("manager")).can).toEqual({ highlight: true, hide: false });
    for (let n = 0; n < 2; n++)
      expect((await act("manager", { intent: "highlight", story: id })).data).toMatchObject({ ok: true, message: "Story highlighted." });
    const audit = await prisma.auditEvent.findMany({ where: { action: "story.highlighted", target: people.colleague.email } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: people.manager.id, actorEmail: people.manager.email });
    expect(JSON.parse(audit[0]!.details!)).toEqual({ story: id });

    const highlighted = await list("other", "?view=highlighted");
    expect(highlighted.stories[0]).toMatchObject({ id, highlighted: { by: "Mina Manager" } });
    expect((await storiesAbout(people.colleague.id, 1))[0]?.highlighted?.by).toBe("Mina Manager");

    expect((await act("hr", { intent: "unhighlight", story: id })).data).toMatchObject({ ok: true, message: "Highlight removed." });
    expect(ids((await list("other", "?view=highlighted")).stories)).not.toContain(id);
    expect(await prisma.auditEvent.count({ where: { action: "story.unhighlighted", actorId: people.hr.id } })).toBe(1);
    expect((await act("manager", { intent: "highlight", story: "no-such-story" })).status).toBe(404);
  });
});

describe("hiding", () => {
  it("is HR's alone: a manager gets 403, a missing reason is a field error, and nothing changes", async () => {
    const id = await posted();
    expect((await act("manager", { intent: "hide", story: id, reason: "Not for the wall" })).status).toBe(403);
    expect((await act("author", { intent: "hide", story: id, reason: "Changed my mind" })).status).toBe(403);
    for (const reason of ["", "   ", "r".repeat(501)]) {
      const out = await act("hr", { intent: "hide", story: id, reason });
      expect(out.status).toBe(400);
      expect(out.data).toMatchObject({ ok: false, intent: "hide", storyId: id, fieldErrors: { reason: expect.stringMatching(/reason/) } });
    }
    expect(await act("hr", { intent: "hide", story: id })).toMatchObject({
      status: 400,
      data: { fieldErrors: { reason: expect.stringMatching(/Give a reason/) } },
    });
    expect((await prisma.serviceStory.findUniqueOrThrow({ where: { id } })).hiddenAt).toBeNull();
    expect(await prisma.auditEvent.count({ where: { action: "story.hidden" } })).toBe(0);
  });

  it("takes a story out of every list but HR's hidden one, audited with the reason; unhiding brings it back", async () => {
    const id = await posted("author", { behaviour: "spoke-up" });
    await act("manager", { intent: "highlight", story: id });
    const reason = "Names a customer and their phone number.";
    expect((await act("hr", { intent: "hide", story: id, reason })).data).toMatchObject({ ok: true, message: expect.stringMatching(/hidden/) });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "story.hidden", target: people.colleague.email } });
    expect(audit.actorId).toBe(people.hr.id);
    expect(JSON.parse(audit.details!)).toEqual({ story: id, reason });

    const queries = ["", "?view=highlighted", "?view=about-me", "?behaviour=spoke-up", "?department=Front%20Desk", "?view=hidden"];
    for (const who of ["other", "colleague", "manager", "author"] as const) {
      for (const q of queries) expect(ids((await list(who, q)).stories), `${who} ${q}`).not.toContain(id);
    }
    expect((await list("other", "?view=hidden")).filter.view).toBe("newest");
    expect(ids(await storiesAbout(people.colleague.id, 50))).not.toContain(id);
    for (const q of queries.slice(0, -1)) expect(ids((await list("hr", q)).stories), `hr ${q}`).not.toContain(id);
    const hidden = await list("hr", "?view=hidden");
    expect(hidden.stories.find((s) => s.id === id)).toMatchObject({ hidden: { by: "Hal HR", reason }, highlighted: { by: "Mina Manager" } });

    // Hidden stories cannot be highlighted or unhidden by anyone but HR.
    expect((await act("manager", { intent: "unhighlight", story: id })).status).toBe(404);
    expect((await act("manager", { intent: "unhide", story: id })).status).toBe(403);
    expect((await act("hr", { intent: "unhide", story: id })).data).toMatchObject({ ok: true });
    expect(await prisma.auditEvent.count({ where: { action: "story.unhidden", actorId: people.hr.id } })).toBe(1);
    expect((await list("other", "?view=highlighted")).stories.find((s) => s.id === id)).toMatchObject({ hidden: null, highlighted: { by: "Mina Manager" } });
  });
});

describe("lists and counts", () => {
  it("filters by behaviour and by the department of the person a story is about", async () => {
    const warehouse = await createTestPerson({ name: "Wes Warehouse", department: "Warehouse" });
    const a = await posted("author", { subject: warehouse.id, behaviour: "found-a-way" });
    const b = await posted("author", { behaviour: "found-a-way" });
    const byBehaviour = await list("other", "?behaviour=found-a-way");
    expect(byBehaviour.stories.every((s) => s.behaviour.id === "found-a-way")).toBe(true);
    expect(ids(byBehaviour.stories)).toEqual(expect.arrayContaining([a, b]));
    const both = await list("other", "?behaviour=found-a-way&department=Warehouse");
    expect(ids(both.stories)).toEqual([a]);
  });

  it("shows HR stories per department and month for the last six months, and only HR", async () => {
    const now = new Date();
    const month = (back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 15));
    const counted = await createTestPerson({ name: "Cara Counted", department: "Counting" });
    const author = { ...people.author, role: "LEARNER" as const };
    const input = { subject: counted.id, behaviour: "listened-first", text: "Heard me out." };
    for (const back of [0, 0, 2, 5, 6]) expect((await postStory(author, input, month(back))).kind).toBe("done");

    const table = await storyCounts(now);
    expect(table.months).toHaveLength(6);
    expect(table.rows.find((r) => r.department === "Counting")).toEqual({ department: "Counting", counts: [1, 0, 0, 1, 0, 2], total: 4 });

    const page = await outcomeOf(countsLoader({ request: makeRequest("/hr/stories", { cookie: cookies.hr }), params: {}, ...ctx }));
    expect(page.data.table.rows.find((r) => r.department === "Counting")?.total).toBe(4);
    for (const who of ["manager", "other"] as const) {
      const refused = await outcomeOf(countsLoader({ request: makeRequest("/hr/stories", { cookie: cookies[who] }), params: {}, ...ctx }));
      expect(refused.status, who).toBe(403);
    }
  });
});
