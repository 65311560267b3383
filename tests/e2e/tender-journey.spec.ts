import type { Page } from "@playwright/test";
import { expect, test, type Fixtures } from "./fixtures.ts";
import { PASSWORD, type Person } from "./journeys.ts";
import { closeTenderSoon } from "./tender-clock.ts";
import { fillDateTime, registerCouncil, registerSupplier, successBanner, ukDateInDays } from "./tender-journeys.ts";

// A whole procurement in the browser: a buyer drafts and publishes a tender with two lots; a supplier
// finds it, follows it, asks a question, drafts, submits, withdraws and resubmits a bid; the buyer
// answers and amends the tender, and the supplier confirms its bid again; the deadline passes; the
// buyer opens the bids, declares no conflict of interest, scores and awards both lots; the supplier
// reads its feedback. Each project registers its own real council (a council registers only once).

const COUNCIL = { javascript: "Bristol City Council", "no-javascript": "Brighton and Hove City Council" } as const;

// Long: the journey visits some forty pages, and axe checks each of them.
test.describe.configure({ timeout: 20 * 60_000 });

async function signIn(page: Page, expectPage: Fixtures["expectPage"], person: Person, landing: string) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expectPage("Buy and sell digital services for councils");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Sign in" }).click();
  await expectPage("Sign in");
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectPage(landing);
}

test("a buyer and a supplier run a procurement from draft to feedback", async ({ page, expectPage }, testInfo) => {
  const council = COUNCIL[testInfo.project.name as keyof typeof COUNCIL];
  const title = `Bulky waste booking service (${testInfo.project.name})`;
  const company = `Kerbside Digital ${Date.now() % 100000} Ltd`;
  const lot1 = "Build the booking website";
  const lot2 = "Host and support it";
  const quality = "How you will build and run it";

  // --- The buyer drafts the tender, fixing what the form points out.
  const buyer = await registerCouncil(page, expectPage, council, "Priya Patel");
  await page.getByRole("button", { name: "Draft a tender" }).click();
  await expectPage("Draft a tender");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page
    .getByLabel("Description", { exact: true })
    .fill(
      "We want a website where residents book a bulky waste collection. They pick a date and pay online. We will utilise it on phones.",
    );
  await page.getByLabel("Open procedure").check();
  await page.getByLabel("Search for codes").fill("software development");
  await page.getByRole("button", { name: "Search codes" }).click();
  await expect(page.getByLabel("72262000 Software development services")).toBeVisible();
  await expectPage("Draft a tender");
  await page.getByLabel("72262000 Software development services").check();
  await page.getByLabel("Estimated value (optional)", { exact: true }).fill("300,000");
  await fillDateTime(page, "Deadline for questions", ukDateInDays(20), "5pm");
  await fillDateTime(page, "Deadline for bids", ukDateInDays(30), "12pm");
  await page.getByLabel("Lot 1 title").fill(lot1);
  await page.getByRole("button", { name: "Add another lot" }).click();
  await expect(page.getByLabel("Lot 2 title")).toBeVisible();
  await expectPage("Draft a tender");
  await page.getByLabel("Lot 2 title").fill(lot2);
  await page.getByLabel("Lot 2 estimated value (optional)").fill("50000");
  // The quality criterion's title is left empty: the API's message appears beside it and in the summary.
  await page.getByRole("button", { name: "Save draft" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("link", { name: "Enter a title for the criterion" })).toHaveAttribute(
    "href",
    "#criteria-1-title",
  );
  await expectPage("Draft a tender");
  await expect(page).toHaveTitle(/^Error: Draft a tender/);
  // Nothing typed is lost, including the CPV code found and the second lot.
  await expect(page.getByLabel("72262000 Software development services")).toBeChecked();
  await expect(page.getByLabel("Lot 2 title")).toHaveValue(lot2);
  await page.getByLabel("Criterion 2 title").fill(quality);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expectPage(title);
  await expect(successBanner(page)).toContainText("Draft saved");
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();

  // --- The plain-English and SME-barrier check, then publishing.
  await page.getByRole("link", { name: "Check and publish" }).click();
  await expectPage("Check before publishing");
  await expect(page.getByText("Nothing stops you publishing")).toBeVisible();
  await expect(page.getByText(/Reading ease score/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Words to replace with plainer ones" })).toContainText("utilise");
  await page.getByRole("button", { name: "Publish the tender" }).click();
  await expectPage(title);
  await expect(successBanner(page)).toContainText("Tender published");
  await expect(page.getByText("Open for bids", { exact: true })).toBeVisible();
  const tenderPath = new URL(page.url()).pathname;
  const tenderId = tenderPath.split("/")[2]!;

  // --- A supplier finds the tender, follows it and asks a question.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expectPage("Buy and sell digital services for councils");
  const bidder = await registerSupplier(page, expectPage, company, "Alex Morgan");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Tenders" }).click();
  await expectPage("Find a tender");
  await page.getByLabel("CPV code").fill("72000000");
  await page.getByLabel("Only tenders suitable for small businesses").check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/cpv=72000000/);
  await expectPage("Find a tender");
  await page.getByRole("link", { name: title }).click();
  await expectPage(title);
  await page.getByRole("button", { name: "Follow this tender" }).click();
  await expect(successBanner(page)).toContainText("You are following this tender");
  await expectPage(title);
  await page.getByRole("link", { name: "Ask the council a question" }).click();
  await expectPage("Questions and answers");
  await page.getByLabel("Your question").fill("Can we host the service in our own UK cloud?");
  await page.getByRole("button", { name: "Send the question" }).click();
  await expect(successBanner(page)).toContainText("Question sent");
  await expectPage("Questions and answers");
  await expect(page.getByText("Can we host the service in our own UK cloud?")).toBeVisible();

  // --- It drafts a bid, saves it, comes back, submits, withdraws and submits again.
  await page.getByRole("link", { name: "Back to the tender" }).click();
  await expectPage(title);
  await page.getByRole("button", { name: "Start a bid" }).click();
  await expectPage("Your bid");
  await page.getByLabel(`Lot 1: ${lot1}`).fill("12O,000");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter your price in pounds");
  await expectPage("Your bid");
  await page.getByLabel(`Lot 1: ${lot1}`).fill("120,000");
  await page.getByLabel(`Lot 2: ${lot2}`).fill("30000");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(successBanner(page)).toContainText("Your bid is saved as a draft");
  await expectPage("Your bid");
  await expect(page.getByRole("link", { name: `Answer "${quality}"` })).toBeVisible();
  await page.getByRole("button", { name: "Continue your bid" }).click();
  await expectPage("Your bid");
  await expect(page.getByLabel(`Lot 1: ${lot1}`)).toHaveValue("120000");
  await page.getByLabel(new RegExp(quality)).fill("We build in two-week sprints with residents testing each release.");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(successBanner(page)).toContainText("Check it, then submit it");
  await expectPage("Your bid");
  await page.getByRole("button", { name: "Submit your bid" }).click();
  await expect(successBanner(page)).toContainText("Bid submitted");
  await expectPage("Your bid");
  await expect(page.getByText("Receipt time")).toBeVisible();
  await page.getByRole("button", { name: "Withdraw your bid" }).click();
  await expect(successBanner(page)).toContainText("Bid withdrawn");
  await expectPage("Your bid");
  await page.getByRole("button", { name: "Submit your bid" }).click();
  await expect(successBanner(page)).toContainText("Bid submitted");
  await expectPage("Your bid");

  // --- The buyer sees only the count, answers the question and amends the tender.
  await signIn(page, expectPage, buyer, council);
  await expect(page.getByRole("table", { name: /Open for bids/ })).toContainText(title);
  await page.getByRole("link", { name: title }).click();
  await expectPage(title);
  await expect(page.getByText("1 bid received.")).toBeVisible();
  await page.getByRole("link", { name: /Questions from suppliers \(1 waiting/ }).click();
  await expectPage("Questions and answers");
  await page.getByLabel("Your answer").fill("Yes, as long as the data stays in the UK.");
  await page.getByRole("button", { name: "Publish the answer" }).click();
  await expect(successBanner(page)).toContainText("Answer published");
  await expectPage("Questions and answers");
  await page.getByRole("link", { name: "Back to the tender" }).click();
  await expectPage(title);
  await page.getByRole("link", { name: "Amend the tender" }).click();
  await expectPage("Amend the tender");
  await expect(page.getByText(/the 1 supplier who has already submitted a bid must confirm it again/)).toBeVisible();
  await page.getByLabel("Lot 2 description (optional)").fill("Hosting in the UK and support for two years.");
  await page.getByRole("button", { name: "Save the amendment" }).click();
  await expect(successBanner(page)).toContainText("Tender amended");
  await expect(successBanner(page)).toContainText("1 supplier has already submitted a bid");
  await expectPage(title);

  // --- The supplier reads the answer and confirms its bid against the amended tender.
  await signIn(page, expectPage, bidder, company);
  await expect(page.getByRole("region", { name: "Tenders you follow" })).toContainText(title);
  await expect(page.getByRole("region", { name: "Bids" })).toContainText("Confirm it: the tender has changed");
  await page.goto(`${tenderPath}/questions`);
  await expectPage("Questions and answers");
  await expect(page.getByText("Yes, as long as the data stays in the UK.")).toBeVisible();
  await page.goto(`${tenderPath}/bid`);
  await expectPage("Your bid");
  await page.getByRole("button", { name: "Confirm your bid" }).click();
  await expect(successBanner(page)).toContainText("Bid confirmed");
  await expectPage("Your bid");

  // --- The deadline passes (moved to seconds from now in the database); the worker closes the tender.
  await closeTenderSoon(tenderId);
  await signIn(page, expectPage, buyer, council);
  await page.goto(tenderPath);
  await expectPage(title);
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Closed", { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });

  // --- The buyer opens the bids, declares no conflict, scores and awards each lot.
  await page.getByRole("link", { name: "Evaluate the bids" }).click();
  await expectPage("Evaluate the bids");
  await page.getByRole("button", { name: "Open the bids" }).click();
  await expect(successBanner(page)).toContainText("Bids opened");
  await expectPage("Evaluate the bids");
  await page.getByRole("button", { name: "Save declaration" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Select yes if you have a conflict of interest");
  await expectPage("Evaluate the bids");
  await page.getByLabel("No", { exact: true }).check();
  await page.getByRole("button", { name: "Save declaration" }).click();
  await expect(successBanner(page)).toContainText("You declared no conflict of interest");
  await expectPage("Evaluate the bids");
  const lot1Bids = page.getByRole("table", { name: "Bids for lot 1, most advantageous first" });
  await expect(lot1Bids).toContainText("£120,000.00");
  await lot1Bids.getByRole("link", { name: `Score the bid from ${company}` }).click();
  await expectPage(`Bid from ${company}`);
  await expect(page.getByText("We build in two-week sprints")).toBeVisible();
  await page.getByLabel("3: Good: meets the requirement fully, with clear evidence").check();
  await page.getByLabel("Why this mark?").fill("A clear plan with residents testing every release.");
  await page.getByRole("button", { name: "Save your scores" }).click();
  await expect(successBanner(page)).toContainText("Your scores are saved");
  await expectPage("Evaluate the bids");
  await expect(page.getByRole("table", { name: /Moderated quality scores for lot 1/ })).toContainText(
    "from 1 evaluator, lowest 75, highest 75",
  );
  await expect(lot1Bids.getByRole("row", { name: new RegExp(company) })).toContainText("85");
  for (const lot of [1, 2]) {
    await page
      .getByLabel("Why is this bid the most advantageous?")
      .first()
      .fill(`The only valid bid for lot ${lot}, with a clear plan.`);
    await page.getByRole("button", { name: `Award lot ${lot} to ${company}` }).click();
    await expect(successBanner(page)).toContainText(`Lot ${lot} is to be awarded to ${company}`);
    await expectPage("Evaluate the bids");
  }
  await expect(page.getByText(/The standstill period ends on/).first()).toBeVisible();
  await page.getByRole("link", { name: "Back to the tender" }).click();
  await expectPage(title);
  await expect(page.getByText("Standstill", { exact: true })).toBeVisible();

  // --- The supplier reads its feedback: its scores beside the winner's, with the reasons.
  await signIn(page, expectPage, bidder, company);
  await expect(page.getByRole("region", { name: "Bids" })).toContainText("Successful");
  await page.getByRole("region", { name: "Bids" }).getByRole("link", { name: title }).click();
  await expectPage("Your bid");
  await expect(page.getByRole("heading", { name: "Feedback" })).toBeVisible();
  await expect(page.getByText("Your bid was the most advantageous.").first()).toBeVisible();
  const scores = page.getByRole("table", { name: "Scores out of each criterion's weight" }).first();
  await expect(scores.getByRole("row", { name: /Total out of 100/ })).toContainText("85");
  await expect(page.getByText("The only valid bid for lot 1, with a clear plan.")).toBeVisible();
});
