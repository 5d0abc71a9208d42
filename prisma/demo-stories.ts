// Service stories in the demo organisation: a dozen, across departments and behaviours, told over the last two
// months, a few highlighted by managers and one hidden by HR. Idempotent: nothing happens once any story exists.
import { prisma } from "../app/.server/db";
import { getBehaviours } from "../app/.server/stories/behaviours";

type DemoStory = {
  by: string;
  about: string;
  behaviour: string;
  daysAgo: number;
  text: string;
  highlightedBy?: string;
  hidden?: { by: string; reason: string };
};

const email = (local: string) => `${local}@baton.test`;

const stories: DemoStory[] = [
  {
    by: "ben.carter",
    about: "farid.nasser",
    behaviour: "clean-hand-off",
    daysAgo: 5,
    highlightedBy: "manager2",
    text: "Farid passed me a damaged-delivery case at the end of his shift with the order number, photos of the box, what the customer had already been told and the time he had promised her a call. I rang her ten minutes later and did not have to ask her a single question twice. She thanked us for being organised.",
  },
  {
    by: "gita.sharma",
    about: "jakub.nowak",
    behaviour: "stepped-in",
    daysAgo: 9,
    text: "The morning the card machine at reception died, Jakub took over the desk without being asked so I could stay on the phone to the bank. He never made a thing of it, and the queue never got longer than three people.",
  },
  {
    by: "noah.fischer",
    about: "zoe.fontaine",
    behaviour: "listened-first",
    daysAgo: 12,
    hidden: { by: "hr", reason: "Names a customer and gives his phone number. Asked Noah to post it again without them." },
    text: "Zoe stayed on the line for forty minutes with Mr J. Doe (07700 900123), who was upset about a double charge, and let him explain everything before she started fixing it.",
  },
  {
    by: "ines.duarte",
    about: "amara.diallo",
    behaviour: "kept-people-posted",
    daysAgo: 14,
    highlightedBy: "manager",
    text: "While the courier strike lasted, Amara sent us in dispatch a short note every afternoon: which orders customers were chasing, what support had promised them, and what she needed from us. The surprise escalations stopped and we could plan the loading around her list.",
  },
  {
    by: "tom.fischer",
    about: "hugo.lambert",
    behaviour: "owned-it",
    daysAgo: 20,
    text: "A customer's refund had bounced between billing and support for a week. Hugo took it, found that the bank details had gone into the wrong field, fixed it with finance and rang the customer himself to say it was done. Then he wrote the trap up so nobody else falls into it.",
  },
  {
    by: "rana.haddad",
    about: "mei.tanaka",
    behaviour: "listened-first",
    daysAgo: 25,
    text: "A new starter came to Mei close to tears about a complaint she thought she had mishandled. Mei let her tell the whole thing before saying a word, then asked what she would try differently. By the end the new starter had her own plan and called the guest back herself.",
  },
  {
    by: "kofi.mensah",
    about: "olga.petrova",
    behaviour: "found-a-way",
    daysAgo: 31,
    highlightedBy: "manager2",
    text: "Support needed a replacement part sent the same day for a clinic, but the system showed the stock as reserved for a bulk order. Olga asked the bulk customer, who was happy to wait a day, and moved the reservation properly instead of just saying no. The clinic had its part by four.",
  },
  {
    by: "elif.yilmaz",
    about: "kemi.adeyemi",
    behaviour: "easy-to-ask",
    daysAgo: 36,
    text: "In my first fortnight I must have asked Kemi twenty questions about the billing screens. She never once sighed, and she often checked the next day that her answer had worked. I try to give the same patience to the people who started after me.",
  },
  {
    by: "sven.larsen",
    about: "manager3",
    behaviour: "spoke-up",
    daysAgo: 42,
    highlightedBy: "manager",
    text: "Daniel noticed that returns sat for two days because support and the warehouse each thought the other was logging them. He got both teams into one fifteen-minute meeting, agreed who logs what, and put it on a single page. Returns are now booked the day they arrive.",
  },
  {
    by: "maria.santos",
    about: "chen.wei",
    behaviour: "clean-hand-off",
    daysAgo: 47,
    text: "Chen's shift notes are the best on the desk: which rooms check out early, which guests are waiting for a taxi, and one line on anything that went wrong. Starting after Chen feels like picking up mid-sentence rather than from scratch.",
  },
  {
    by: "luca.bianchi",
    about: "vera.costa",
    behaviour: "kept-people-posted",
    daysAgo: 51,
    text: "Vera saw that a lorry was running three hours late and rang the support team before any customer noticed. Support warned the twelve people expecting deliveries, so the calls that came in afterwards were thank-yous rather than complaints.",
  },
  {
    by: "pablo.ortega",
    about: "ella.novak",
    behaviour: "stepped-in",
    daysAgo: 55,
    highlightedBy: "manager3",
    text: "Goods-in was two people short on a Friday, and Ella, only a few weeks into the job, offered to help sort the returns pile so support could give customers real dates. She asked good questions, labelled everything clearly and stayed until it was done.",
  },
  {
    by: "will.harper",
    about: "dana.kruger",
    behaviour: "owned-it",
    daysAgo: 58,
    text: "A customer received the wrong size twice in a row. Dana did not just send a third parcel: she went to the shelf, found two products stored in each other's bins, sorted them out and told us exactly what had happened, so we could explain it honestly.",
  },
];

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export async function seedDemoStories(now = new Date()) {
  if ((await prisma.serviceStory.count()) > 0) return { created: 0 };
  const known = new Set(getBehaviours().map((b) => b.id));
  const emails = [...new Set(stories.flatMap((s) => [s.by, s.about, s.highlightedBy, s.hidden?.by].filter((e): e is string => Boolean(e))))].map(email);
  const ids = new Map((await prisma.person.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } })).map((p) => [p.email, p.id]));
  const idOf = (local: string) => {
    const id = ids.get(email(local));
    if (!id) throw new Error(`demo stories: ${email(local)} is not in the demo organisation (seed people first)`);
    return id;
  };
  const rows = stories.map((s) => {
    if (!known.has(s.behaviour)) throw new Error(`demo stories: "${s.behaviour}" is not in content/behaviours.yml`);
    // Posted earlier in the day on their date; highlighted or hidden a day later (never in the future).
    const createdAt = new Date(now.getTime() - s.daysAgo * DAY - 2 * HOUR);
    const later = new Date(Math.min(now.getTime(), createdAt.getTime() + DAY));
    return {
      authorId: idOf(s.by),
      subjectId: idOf(s.about),
      behaviour: s.behaviour,
      text: s.text,
      createdAt,
      highlightedAt: s.highlightedBy ? later : null,
      highlightedById: s.highlightedBy ? idOf(s.highlightedBy) : null,
      hiddenAt: s.hidden ? later : null,
      hiddenById: s.hidden ? idOf(s.hidden.by) : null,
      hiddenReason: s.hidden?.reason ?? null,
    };
  });
  // One statement: all the stories or none.
  await prisma.serviceStory.createMany({ data: rows });
  return { created: rows.length };
}
