import { test, signIn, DEMO } from "./utils";

// Not a check: `npm run screenshots` renders the main page of each audience at a phone's and a laptop's width into
// docs/screenshots/ (the README shows two). Skipped in every ordinary run.
test.skip(!process.env.SCREENSHOTS, "set SCREENSHOTS=1 (npm run screenshots)");

const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;
const PAGES = [
  { name: "learner-my-learning", who: DEMO.newHire, path: "/learn" },
  { name: "hr-readiness", who: DEMO.hr, path: "/hr/readiness" },
  { name: "hr-curriculum-builder", who: DEMO.hr, path: "/hr/curricula/new" },
  { name: "manager-team", who: DEMO.manager, path: "/team" },
  { name: "sign-in", who: null, path: "/login" },
] as const;

for (const [size, viewport] of Object.entries(SIZES)) {
  for (const shot of PAGES) {
    test(`${shot.name} at ${size} width`, async ({ page }) => {
      await page.setViewportSize(viewport);
      if (shot.who) await signIn(page, shot.who);
      await page.goto(shot.path);
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: `docs/screenshots/${shot.name}-${size}.png` });
    });
  }
}
