import type { Locator, Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, signIn, signOut, test } from "./utils";

// Kemi and Noah finished "Listening both ways" in an earlier cohort; the demo leaves their feedback empty for
// these tests. The course's owner (ownerEmail in its front file) is Daniel Osei, a manager, not HR.
const LEARNER = "kemi.adeyemi@baton.test";
const NO_SCRIPT_LEARNER = "noah.fischer@baton.test";
const OWNER = "manager3@baton.test";
const COURSE = "listening-both-ways";
const COURSE_TITLE = "Listening both ways";
const LESSON_URL = `/learn/${COURSE}/speaking-up`;
const COMMENT = "A sample message to a team lead would help <em>a lot</em>.";
const REPLY = "the lesson now ends with a sample message you can adapt.";

/** The lesson's feedback form, once its scripts run (the no-JavaScript marker is gone). */
async function feedbackForm(page: Page) {
  const form = page.getByRole("region", { name: "Your feedback on this lesson" });
  await expect(form).toBeVisible();
  await expect(form.locator('input[name="noscript"]')).toHaveCount(0);
  return form;
}

/** Pick n on a 1–5 scale (the radio is drawn as a numbered box; its label takes the click). */
const pick = (scale: Locator, n: number) =>
  scale
    .locator("label")
    .filter({ hasText: new RegExp(`^${n}$`) })
    .click();

test("a learner's named comment is answered by the course owner, and the learner sees the answer", async ({ page }) => {
  await signIn(page, LEARNER);
  await page.goto(LESSON_URL);
  let form = await feedbackForm(page);
  await pick(form.getByRole("group", { name: "Was this useful?" }), 4);
  await form.getByLabel("What would make it better?").fill(COMMENT);
  await form.getByRole("button", { name: "Send feedback" }).click();
  await expect(form.getByRole("status")).toHaveText("Thanks — your feedback is saved.");
  await page.reload();
  form = await feedbackForm(page);
  await expect(form.getByText("You rated this lesson 4 out of 5.")).toBeVisible();
  await expect(form.getByRole("radio", { name: "4", exact: true })).toBeChecked();

  // The course page: the confidence question after finishing, and anonymous comments with their answers.
  await page.goto(`/learn/${COURSE}`);
  const confidence = page.getByRole("group", { name: /^How confident are you to/ });
  await expect(confidence).toBeVisible();
  await expect(page.getByRole("heading", { name: "What learners told us, and what we did" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await pick(confidence, 4);
  await page.getByRole("button", { name: "Save my answer" }).click();
  await expect(page.getByText("Thanks — your answer is saved.")).toBeVisible();
  await expect(confidence).toHaveCount(0);
  await signOut(page);

  await signIn(page, OWNER);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Feedback" }).click();
  await page.getByRole("link", { name: COURSE_TITLE }).click();
  await expect(page.getByRole("heading", { name: `Feedback: ${COURSE_TITLE}` })).toBeVisible();
  const card = page.getByRole("listitem").filter({ hasText: COMMENT });
  await expect(card.getByText("Kemi Adeyemi")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await card.getByLabel("Status").selectOption("CHANGED");
  await card.getByLabel(/^Reply/).fill(REPLY);
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByRole("status")).toHaveText("Saved: Changed.");
  await expect(card.getByText(/^Replied by Daniel Osei on /)).toBeVisible();
  await signOut(page);

  await signIn(page, LEARNER);
  await page.goto("/learn");
  await expect(page.getByText(`You said “${COMMENT}” — we changed: ${REPLY}`)).toBeVisible();
});

test("without JavaScript, anonymous feedback is sent and the lesson says thanks", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, NO_SCRIPT_LEARNER);
  await page.goto(LESSON_URL);
  const form = page.getByRole("region", { name: "Your feedback on this lesson" });
  await pick(form.getByRole("group", { name: "Was this useful?" }), 2);
  await form.getByLabel("What would make it better?").fill("Shorter paragraphs, please.");
  await form.getByLabel("Send anonymously").check();
  await form.getByRole("button", { name: "Send feedback" }).click();
  await expect(page).toHaveURL(new RegExp(`${LESSON_URL}\\?thanks=lesson-feedback#lesson-feedback$`));
  await expect(form.getByRole("status")).toHaveText("Thanks — your feedback is saved.");
  // Anonymous: nothing of it is shown back as theirs.
  await expect(form.getByText(/You rated this lesson/)).toHaveCount(0);
  await context.close();
});
