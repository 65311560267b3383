// The catalogue, end to end: a buyer searches, filters (seeing the facet counts), pages and opens an
// offering; a supplier records its figures, sees the size and growth worked out from them with the
// reasons, and lists an offering that buyers then find. Each runs with JavaScript on and off, and
// expectPage() runs axe on every page visited.
import { randomInt } from "node:crypto";
import { request as playwrightRequest, type Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { companiesHouseNumber, newPerson, PASSWORD, signUp } from "./journeys.ts";

/** A made-up word that only this test's offerings contain, so other tests' offerings never change its counts. */
function marker(): string {
  const letters = "bcdfghjklmnpqrstvwxz";
  return `zq${Array.from({ length: 9 }, () => letters[randomInt(letters.length)]).join("")}`;
}

/** A supplier set up through the API (a person with their own session), for a buyer to find. */
async function apiSupplier(baseURL: string, name: string, years: { year: number; headcount: number; turnover: number }[]) {
  const api = await playwrightRequest.newContext({ baseURL });
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const response = await api.post("/graphql", { data: { query, variables } });
    const body = (await response.json()) as {
      data?: Record<string, { __typename: string; data?: { id: string } }>;
      errors?: unknown;
    };
    const result = body.data && Object.values(body.data)[0];
    if (!result || !result.__typename.endsWith("Success"))
      throw new Error(`${query.slice(0, 40)} failed: ${JSON.stringify(body)}`);
    return result.data!;
  };
  await gql(
    `mutation($input: SignUpInput!) { signUp(input: $input) { __typename ... on SignUpSuccess { data { id } } ... on Error { message } } }`,
    {
      input: { ...newPerson(), password: PASSWORD },
    },
  );
  const supplier = await gql(
    `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) {
       __typename ... on RegisterOrganisationSuccess { data { id } } ... on Error { message } } }`,
    { input: { kind: "SUPPLIER", name, companiesHouseNumber: companiesHouseNumber(), regionsServed: ["TLI", "TLL"] } },
  );
  for (const y of years)
    await gql(
      `mutation($input: RecordSupplierYearInput!) { recordSupplierYear(input: $input) {
         __typename ... on RecordSupplierYearSuccess { data { id } } ... on Error { message } } }`,
      {
        input: {
          organisationId: supplier.id,
          year: y.year,
          headcount: y.headcount,
          turnoverPence: y.turnover * 100,
          balanceSheetPence: (y.turnover / 2) * 100,
        },
      },
    );
  return {
    /** Creates and publishes an offering. */
    async offer(fields: Record<string, unknown>) {
      const offering = await gql(
        `mutation($input: CreateOfferingInput!) { createOffering(input: $input) {
           __typename ... on CreateOfferingSuccess { data { id } } ... on Error { message } } }`,
        {
          input: {
            supplierId: supplier.id,
            description: "A longer description of the service, what it does and how it is delivered to councils.",
            cpvCodes: ["72212000"],
            pricingUnit: "PER_DAY",
            pricePence: 65_000,
            regions: ["TLI"],
            ...fields,
          },
        },
      );
      await gql(
        `mutation($input: OfferingIdInput!) { publishOffering(input: $input) {
           __typename ... on PublishOfferingSuccess { data { id } } ... on Error { message } } }`,
        { input: { id: offering.id } },
      );
    },
    dispose: () => api.dispose(),
  };
}

/** Searches from the catalogue page for `words` and waits for the result count. */
async function searchFor(page: Page, expectPage: (heading: string) => Promise<void>, words: string, count: string) {
  await page.getByLabel("Search for").fill(words);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  // The count may read the same before the search, so wait for the new address first.
  await expect(page).toHaveURL(new RegExp(`[?&]q=${words}`));
  await expect(page.getByRole("heading", { level: 2, name: count })).toBeVisible();
  await expectPage("Search the catalogue");
}

test("a buyer searches the catalogue, filters with the counts in view, and opens an offering", async ({
  page,
  expectPage,
  baseURL,
}) => {
  // A long journey with axe on every page: three times the usual time on a busy machine.
  test.slow();
  const word = marker();
  const small = await apiSupplier(baseURL!, `Kestrel ${word} Ltd`, [
    { year: 2022, headcount: 12, turnover: 900_000 },
    { year: 2025, headcount: 31, turnover: 2_400_000 },
  ]);
  const large = await apiSupplier(baseURL!, `Granite ${word} plc`, [
    { year: 2022, headcount: 400, turnover: 60_000_000 },
    { year: 2025, headcount: 410, turnover: 62_000_000 },
  ]);
  const title = `${word} case management for housing`;
  await small.offer({
    title,
    summary: `Cloud case management for housing teams, from repairs to allocations (${word}).`,
    features: ["Single sign-on", "Accessible to WCAG 2.2 AA"],
    benefits: ["Fewer phone calls"],
    cpvCodes: ["72212000", "48000000"],
    pricingUnit: "PER_USER_PER_MONTH",
    pricePence: 950,
    priceTiers: [{ fromQuantity: 100, pricePence: 850 }],
    regions: ["TLI", "TLL"],
  });
  await small.offer({
    title: `${word} user research`,
    summary: `Discovery and user research for councils (${word}).`,
    regions: ["TLL"],
  });
  await large.offer({
    title: `${word} managed hosting`,
    summary: `Hosting for council websites (${word}).`,
    pricePence: 4_500_000,
  });
  await Promise.all([small.dispose(), large.dispose()]);

  await page.goto("/catalogue");
  await expectPage("Search the catalogue");
  await searchFor(page, expectPage, word, "3 offerings");
  const results = page.getByRole("list", { name: "Offerings" });
  await expect(results.getByRole("link")).toHaveCount(3);

  // Each filter shows how many offerings choosing it would give.
  await expect(page.getByLabel("London (2)")).toBeVisible();
  await expect(page.getByLabel("Wales (2)")).toBeVisible();
  await expect(page.getByLabel("SMEs only (2)")).toBeVisible();
  await expect(page.getByLabel("High-growth only (2)")).toBeVisible();
  await expect(page.getByRole("link", { name: "£10,000 or more (1)" })).toBeVisible();

  await page.getByLabel("London (2)").check();
  await page.getByLabel("SMEs only (2)").check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "1 offering" })).toBeVisible();
  await expectPage("Search the catalogue");
  await expect(page).toHaveURL(/region=TLI/);
  await expect(page.getByLabel(/^London/)).toBeChecked();
  // Under the SME filter, London counts only the SME's offering; Wales counts what London would add.
  await expect(page.getByLabel("London (1)")).toBeVisible();
  await expect(page.getByLabel("Wales (2)")).toBeVisible();

  // A CPV code typed in matches the codes under it; its children are offered as finer filters.
  await page.getByLabel("Or enter a CPV code").fill("72000000");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByLabel(/^72000000 IT services/)).toBeChecked();
  await expectPage("Search the catalogue");
  await expect(page.getByRole("heading", { level: 2, name: "1 offering" })).toBeVisible();

  // A code that is not one says so beside the field.
  await page.getByLabel("Or enter a CPV code").fill("12345678");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("12345678 is not a CPV code");
  await expectPage("Search the catalogue");

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "3 offerings" })).toBeVisible();
  await expectPage("Search the catalogue");

  await page.getByRole("link", { name: title }).click();
  await expectPage(title);
  await expect(page.getByText("£9.50 per user per month")).toBeVisible();
  const tiers = page.getByRole("table", { name: "Volume pricing" });
  await expect(tiers.getByRole("row", { name: "1 to 99 £9.50" })).toBeVisible();
  await expect(tiers.getByRole("row", { name: "100 or more £8.50" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Single sign-on" })).toBeVisible();
  const about = page.getByRole("region", { name: "About the supplier" });
  await expect(about).toContainText("Small business (SME)");
  await expect(about).toContainText("High-growth: headcount grew from 12 to 31 over 2022-2025: 37% a year");
  await expect(about).toContainText("London, Wales");

  await about.getByRole("link", { name: /profile/ }).click();
  await expectPage(`Kestrel ${word} Ltd`);
  await expect(page.getByRole("table", { name: "Figures by year" })).toContainText("£2,400,000");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("a buyer pages through results with Next and Previous", async ({ page, expectPage, baseURL }) => {
  test.slow();
  const word = marker();
  const supplier = await apiSupplier(baseURL!, `Paging ${word} Ltd`, []);
  for (let i = 1; i <= 22; i += 1)
    await supplier.offer({ title: `${word} service number ${i}`, summary: `Service ${i} for councils, with ${word}.` });
  await supplier.dispose();

  await page.goto(`/catalogue?q=${word}`);
  await expect(page.getByRole("heading", { level: 2, name: "22 offerings" })).toBeVisible();
  await expectPage("Search the catalogue");
  const results = page.getByRole("list", { name: "Offerings" }).getByRole("heading");
  await expect(results).toHaveCount(20);
  const firstPage = await results.allTextContents();
  await expect(page.getByRole("link", { name: "Previous page" })).toHaveCount(0);

  await page.getByRole("link", { name: "Next page" }).click();
  await expect(results).toHaveCount(2);
  await expectPage("Search the catalogue");
  await expect(page).toHaveURL(/after=/);
  const secondPage = await results.allTextContents();
  expect(secondPage.filter((t) => firstPage.includes(t))).toEqual([]);
  await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);

  await page.getByRole("link", { name: "Previous page" }).click();
  await expect(results).toHaveCount(20);
  await expectPage("Search the catalogue");
  expect(await results.allTextContents()).toEqual(firstPage);
  await expect(page.getByRole("link", { name: "Previous page" })).toHaveCount(0);
});

test("a supplier records its figures, sees its size with the reason, and lists an offering buyers can find", async ({
  page,
  expectPage,
}) => {
  test.slow();
  const word = marker();
  const company = `Brightwater ${word} Ltd`;
  const summary = page.locator(".govuk-error-summary");

  await signUp(page, expectPage, newPerson("Priya Shah"));
  await page.getByLabel("A supplier").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expectPage("Your company");
  await page.getByLabel("Company name").fill(company);
  await page.getByLabel("Companies House number").fill(companiesHouseNumber());
  await page.getByLabel("Yorkshire and The Humber").check();
  await page.getByRole("button", { name: "Register supplier" }).click();
  await expectPage(company);

  await page.getByRole("link", { name: "Your supplier profile" }).click();
  await expectPage("Your supplier profile");
  await expect(page.getByText("Not known: no yearly figures recorded yet").first()).toBeVisible();

  // Figures that are not numbers are refused, and what was typed stays.
  await page.getByLabel("Year", { exact: true }).fill("2022");
  await page.getByLabel("Staff", { exact: true }).fill("twelve");
  await page.getByLabel("Turnover").fill("900,000");
  await page.getByLabel("Balance sheet total").fill("400000");
  await page.getByRole("button", { name: "Add figures" }).click();
  await expect(summary.getByRole("link", { name: "Enter the number of staff as a whole number, like 12" })).toHaveAttribute(
    "href",
    "#headcount",
  );
  await expectPage("Your supplier profile");
  await expect(page.getByLabel("Turnover")).toHaveValue("900,000");

  const addYear = async (year: string, staff: string, turnover: string) => {
    await page.getByLabel("Year", { exact: true }).fill(year);
    await page.getByLabel("Staff", { exact: true }).fill(staff);
    await page.getByLabel("Turnover").fill(turnover);
    await page.getByLabel("Balance sheet total").fill("400000");
    await page.getByRole("button", { name: "Add figures" }).click();
    await expect(page.getByRole("alert")).toContainText(`Figures for ${year} recorded`);
    await expectPage("Your supplier profile");
  };
  await addYear("2022", "12", "900,000");
  await addYear("2024", "40", "2,000,000");
  await addYear("2025", "31", "2,400,000");

  const sizeAndGrowth = page.getByRole("region", { name: "Size and growth" });
  await expect(sizeAndGrowth).toContainText("Small business (SME)");
  await expect(sizeAndGrowth).toContainText(
    "Small SME: fewer than 50 staff (31 staff) and turnover £2.4m (at most £44m) in 2025",
  );
  await expect(sizeAndGrowth).toContainText("High-growth: headcount grew from 12 to 31 over 2022-2025: 37% a year");

  // A year entered by mistake can be removed.
  await page.getByRole("button", { name: "Remove figures for 2024" }).click();
  await expect(page.getByRole("alert")).toContainText("Figures for 2024 removed");
  await expectPage("Your supplier profile");
  await expect(page.getByRole("table", { name: "Your figures by year" }).getByRole("row")).toHaveCount(3);

  await page.getByLabel("Description").fill(`We build case management for councils (${word}).`);
  await page.getByLabel("What you do, as CPV codes").fill("72212000");
  // A code found by words is ticked and joins the list when the profile is saved; nothing typed is lost.
  await page.getByText("Find CPV codes by words").click();
  await page.getByLabel("Words that describe what you do").fill("information technology services");
  await page.getByRole("button", { name: "Find codes" }).click();
  await expectPage("Your supplier profile");
  await expect(page.getByLabel("Description")).toHaveValue(`We build case management for councils (${word}).`);
  await page.getByLabel("72222300 Information technology services").check();
  await page.getByLabel("Cyber Essentials Plus").check();
  await page.getByLabel("Other accreditations (optional)").fill("Living Wage Employer");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("alert")).toContainText("Your profile has been saved");
  await expectPage("Your supplier profile");
  await expect(page.getByLabel("Cyber Essentials Plus")).toBeChecked();
  await expect(page.getByLabel("Other accreditations (optional)")).toHaveValue("Living Wage Employer");
  await expect(page.getByLabel("What you do, as CPV codes")).toHaveValue("72212000\n72222300");

  // An offering: an empty form lists every problem, then a good one is saved as a draft and published.
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expectPage(company);
  await page.getByRole("link", { name: "Your offerings" }).click();
  await expectPage("Your offerings");
  await page.getByRole("link", { name: "Create an offering" }).click();
  await expectPage("Create an offering");
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(summary).toContainText("Enter a title of at least 3 characters");
  await expect(summary).toContainText("Choose how the price is charged");
  await expect(summary).toContainText("Choose at least one region");
  await expectPage("Create an offering");

  const title = `${word} housing repairs tracker`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("Tenants report repairs online and follow them to the end.");
  await page
    .getByLabel("Description", { exact: true })
    .fill("A repairs tracker for council housing teams, with text message updates for tenants.");
  await page.getByLabel("Features (optional)").fill("Text message updates\nPhotos with each report");
  await page.getByLabel("Categories, as CPV codes").fill("72212000");
  await page.getByLabel("Per user per month").check();
  await page.getByLabel("Price", { exact: true }).fill("12.50");
  await page.getByRole("button", { name: "Add a volume tier" }).click();
  await expect(page.getByLabel("From quantity")).toBeVisible();
  await expectPage("Create an offering");
  await page.getByLabel("From quantity").fill("50");
  await page.getByLabel("Price each").fill("10");
  await page.getByLabel("Yorkshire and The Humber").check();
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.getByRole("alert")).toContainText(`‘${title}’ is saved as a draft`);
  await expectPage(title);
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();

  // Not in the catalogue until published.
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("alert")).toContainText(`‘${title}’ is published`);
  await expectPage(title);

  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Catalogue" }).click();
  await expectPage("Search the catalogue");
  await searchFor(page, expectPage, word, "1 offering");
  const result = page.getByRole("list", { name: "Offerings" }).getByRole("listitem");
  await expect(result).toContainText(company);
  await expect(result).toContainText("Small SME");
  await expect(result).toContainText("High-growth");
  await expect(result).toContainText("£12.50 per user per month");
  await expect(result).toContainText("Yorkshire and The Humber");
  await result.getByRole("link", { name: title }).click();
  await expectPage(title);
  await expect(page.getByRole("table", { name: "Volume pricing" }).getByRole("row", { name: "50 or more £10.00" })).toBeVisible();
});
