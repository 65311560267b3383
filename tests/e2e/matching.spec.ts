// Matching, end to end, with the real workers: a supplier whose capabilities match sees a newly
// published tender among its opportunities with the reasons, says another is not relevant (and
// restores it); the council sees the ranked matches with reasons and invites the supplier; the
// supplier chooses its alerts; and the public algorithm and fairness pages show their charts. Tenders
// and suppliers are set up through the API; everything a person does is done in the browser, with
// JavaScript on and off, and expectPage() runs axe on every page.
import { randomInt } from "node:crypto";
import { request as playwrightRequest, type Page } from "@playwright/test";
import { expect, expectNoAccessibilityViolations, test } from "./fixtures.ts";
import { PASSWORD } from "./journeys.ts";
import {
  gql,
  publishTenderThroughApi,
  registerCouncilThroughApi,
  registerSupplierThroughApi,
  signUpThroughApi,
} from "./matching-journeys.ts";

// Library services (CPV division 92) in the East of England: no other end-to-end test works there.
const CPV = "92511000";
const REGION = "TLH";

/** A made-up word for this test's tenders, so runs in parallel never confuse each other's. */
function marker(): string {
  const letters = "bcdfghjklmnpqrstvwxz";
  return `Zq${Array.from({ length: 7 }, () => letters[randomInt(letters.length)]).join("")}`;
}

/** The card of one opportunity or match, found by its heading. */
function card(page: Page, heading: string | RegExp) {
  return page.locator(".govuk-summary-card").filter({ has: page.getByRole("heading", { level: 2, name: heading }) });
}

test("a matching supplier sees a new tender with its reasons and the council sees it ranked", async ({
  page,
  browser,
  baseURL,
  javaScript,
  axeCopyPage,
  expectPage,
}) => {
  test.setTimeout(180_000);
  const word = marker();
  const company = `${word} Library Services Ltd`;

  // The supplier signs up in this browser (page.request shares its cookies) and says what it does.
  await signUpThroughApi(page.request, "Lee Library");
  await registerSupplierThroughApi(page.request, {
    name: company,
    regions: [REGION],
    cpvCodes: [CPV],
    description: `Library services: reading events, mobile libraries and book clubs for children. ${word}.`,
  });

  // A council publishes two tenders in the supplier's line of work, after the supplier registered.
  const councilApi = await playwrightRequest.newContext({ baseURL });
  const buyer = await signUpThroughApi(councilApi, "Bea Buyer");
  const council = await registerCouncilThroughApi(councilApi);
  const wanted = `Summer reading events in libraries ${word}`;
  const unwanted = `Mobile library van service ${word}`;
  const tender = await publishTenderThroughApi(councilApi, {
    title: wanted,
    description: `Reading events for children in our libraries over the summer holidays, with book clubs. ${word}.`,
    cpvCodes: [CPV],
    itl1Code: REGION,
  });
  await publishTenderThroughApi(councilApi, {
    title: unwanted,
    description: `A mobile library van visiting villages every week. ${word}.`,
    cpvCodes: [CPV],
    itl1Code: REGION,
  });
  await councilApi.dispose();

  // The match job runs in the background after publication: reload until it has (for a bounded time).
  await page.goto("/opportunities");
  await expect(async () => {
    await page.reload();
    await expect(card(page, wanted)).toBeVisible({ timeout: 1_000 });
    await expect(card(page, unwanted)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expectPage("Your opportunities");

  const opportunity = card(page, wanted);
  // Server-rendered links are relative ("./tenders/..."): what counts is where they lead.
  expect(await opportunity.getByRole("link", { name: wanted }).evaluate((a: HTMLAnchorElement) => a.pathname)).toBe(
    `/tenders/${tender.dbId}`,
  );
  await expect(opportunity).toContainText(council.name);
  const reasons = opportunity.getByRole("table", { name: "Why it matches" });
  await expect(reasons.getByRole("row", { name: /What the tender is for/ })).toContainText(
    `is the same code as the tender's ${CPV}`,
  );
  await expect(reasons.getByRole("row", { name: /Where the work is/ })).toContainText("Serves East");
  await expect(reasons.getByRole("row", { name: /What the supplier says it does/ })).toContainText(/reading|children|libraries/);
  await expect(reasons.getByRole("row", { name: /Small or medium-sized enterprise/ })).toContainText("8 of 8");
  await expect(opportunity).toContainText(/Match score\s*\d+(\.\d)? out of 100/);

  // The other one is not relevant: it leaves the list and waits at the end, where it can be restored.
  await card(page, unwanted)
    .getByRole("button", { name: `Not relevant – ${unwanted}` })
    .click();
  await expect(page.getByRole("alert")).toContainText(`‘${unwanted}’ is marked not relevant`);
  await expectPage("Your opportunities");
  await expect(card(page, unwanted)).toHaveCount(0);
  await expect(card(page, wanted)).toBeVisible();
  const marked = page.locator(".app-not-relevant__item").filter({ hasText: unwanted });
  await expect(marked).toBeVisible();
  await marked.getByRole("button", { name: `Restore – ${unwanted}` }).click();
  await expect(page.getByRole("alert")).toContainText(`‘${unwanted}’ is back in your opportunities`);
  await expectPage("Your opportunities");
  await expect(card(page, unwanted)).toBeVisible();
  await card(page, unwanted)
    .getByRole("button", { name: `Not relevant – ${unwanted}` })
    .click();
  await expect(page.getByRole("alert")).toContainText(`‘${unwanted}’ is marked not relevant`);

  // The council sees its matches ranked, with the reasons, and invites the supplier.
  const councilContext = await browser.newContext({ javaScriptEnabled: javaScript });
  try {
    const councilPage = await councilContext.newPage();
    // expectPage watches `page` only: the council's pages are checked with axe here.
    const councilSees = async (heading: string) => {
      await expect(councilPage.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectNoAccessibilityViolations(councilPage, javaScript ? null : axeCopyPage);
    };
    await councilPage.goto("/sign-in");
    await councilSees("Sign in");
    await councilPage.getByLabel("Email address").fill(buyer.email);
    await councilPage.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await councilPage.getByRole("button", { name: "Sign in" }).click();
    await councilSees(council.name);

    await councilPage.goto(`/tenders/${tender.dbId}/matches`);
    await councilSees("Matched suppliers");
    const titles = await councilPage.locator(".govuk-summary-card__title").allTextContents();
    expect(titles.map((t) => Number(/(\d+)\./.exec(t)?.[1]))).toEqual(titles.map((_, i) => i + 1));
    const match = card(councilPage, new RegExp(company));
    await expect(match).toContainText("Small SME");
    await expect(match.getByRole("table", { name: "Why it matches" })).toContainText(`is the same code as the tender's ${CPV}`);
    await match.getByRole("button", { name: `Invite to bid – ${company}` }).click();
    await expect(councilPage.getByRole("alert")).toContainText(`${company} is invited to bid`);
    await councilSees("Matched suppliers");
    await expect(card(councilPage, new RegExp(company))).toContainText("You invited this supplier to bid");
  } finally {
    await councilContext.close();
  }

  // Back with the supplier: the invitation shows on the opportunity.
  await page.reload();
  await expectPage("Your opportunities");
  await expect(card(page, wanted)).toContainText("Invited to bid");
});

test("a supplier chooses which matched tenders it is told about", async ({ page, expectPage }) => {
  const word = marker();
  await signUpThroughApi(page.request, "Ali Alerts");
  await registerSupplierThroughApi(page.request, {
    name: `${word} Alerts Ltd`,
    regions: [REGION],
    cpvCodes: [CPV],
    description: "Library services.",
  });
  await page.goto("/supplier/alerts");
  await expectPage("Alert settings");

  // Find a code with the search beside the form.
  await page.getByLabel("Words or the start of a code").fill("library");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("list", { name: "CPV codes found" })).toContainText("92511000");
  await expectPage("Alert settings");

  // Mistakes are pointed out and nothing typed is lost.
  await page.getByLabel("CPV codes (optional)").fill("92511000\n12345678");
  await page.getByLabel("East", { exact: true }).check();
  await page.getByLabel("Lowest value").fill("ten pounds");
  await page.getByLabel("Highest value").fill("£500,000");
  await page.getByRole("button", { name: "Save alert settings" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("link", { name: "Enter the lowest value as an amount of money, like 50000" })).toHaveAttribute(
    "href",
    "#minValue",
  );
  await expectPage("Alert settings");
  await expect(page.getByLabel("Highest value")).toHaveValue("£500,000");
  await expect(page.getByLabel("East", { exact: true })).toBeChecked();

  await page.getByLabel("Lowest value").fill("10,000");
  await page.getByRole("button", { name: "Save alert settings" }).click();
  await expect(summary.getByRole("link", { name: "12345678 is not a CPV code" })).toHaveAttribute("href", "#cpvCodes");
  await expectPage("Alert settings");

  await page.getByLabel("CPV codes (optional)").fill("92511000");
  await page.getByLabel("No", { exact: true }).check();
  await page.getByRole("button", { name: "Save alert settings" }).click();
  await expect(page.getByRole("alert")).toContainText("Your alert settings are saved");
  await expectPage("Alert settings");
  await expect(page.getByLabel("CPV codes (optional)")).toHaveValue("92511000");
  await expect(page.locator(".govuk-inset-text")).toContainText("Library services (92511000)");
  await expect(page.getByLabel("Lowest value")).toHaveValue("10000");
  await expect(page.getByLabel("Highest value")).toHaveValue("500000");
  await expect(page.getByLabel("East", { exact: true })).toBeChecked();
  await expect(page.getByLabel("No", { exact: true })).toBeChecked();
});

test("the public algorithm page shows the weights in use, as a chart and a table", async ({ page, expectPage }) => {
  const { matchingAlgorithm } = await gql<{
    matchingAlgorithm: { version: string; maximumScore: number; parts: { title: string; weight: number }[] };
  }>(page.request, `{ matchingAlgorithm { version maximumScore parts { title weight } } }`);

  await page.goto("/algorithm");
  await expectPage("How we match tenders to suppliers");
  await expect(page.getByRole("img", { name: /The most points each part of the score can add/ })).toBeVisible();
  const table = page.getByRole("table", { name: "Parts of the score" });
  for (const part of matchingAlgorithm.parts)
    await expect(table.getByRole("row", { name: new RegExp(`^${part.title}`) })).toContainText(String(part.weight));
  await expect(table.getByRole("row", { name: /^Total/ })).toContainText(String(matchingAlgorithm.maximumScore));
  await expect(page.getByText(`version ${matchingAlgorithm.version}`).first()).toBeVisible();
  for (const heading of ["How people use the results", "The data it uses", "Risks and how we reduce them"])
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
});

test("the public fairness monitoring shows its charts, with the same figures in tables, filtered by a form", async ({
  page,
  expectPage,
}) => {
  await page.goto("/monitoring");
  await expectPage("Fairness monitoring");
  for (const name of [
    "Share of SMEs by month",
    "Share of high-growth firms by month",
    "Share of SMEs by region",
    "Share of high-growth firms by region",
  ])
    await expect(page.getByRole("img", { name: new RegExp(`^${name}`) })).toBeVisible();
  await expect(page.getByRole("table", { name: "SMEs and high-growth firms at each stage" })).toBeVisible();
  await expect(page.getByRole("table", { name: "SMEs by region" }).getByRole("row")).toHaveCount(14);

  await page.getByLabel("Tenders published in").selectOption({ label: "The last 3 months" });
  await page.getByLabel("Region", { exact: true }).selectOption({ label: "East" });
  await page.getByRole("button", { name: "Show figures" }).click();
  await expect(page).toHaveURL(/period=3&region=TLH/);
  await expectPage("Fairness monitoring");
  await expect(page.getByText(/For tenders published from .* to today, in East \(the last 3 months\)/)).toBeVisible();
  await expect(page.getByRole("table", { name: /SMEs by month of publication/ }).getByRole("row")).toHaveCount(4);
  await expect(page.getByLabel("Region", { exact: true })).toHaveValue("TLH");
});
