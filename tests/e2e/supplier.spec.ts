import { expect, test } from "./fixtures.ts";
import { companiesHouseNumber, newPerson, signUp } from "./journeys.ts";

test("a supplier signs up and registers their company, correcting mistakes on the way", async ({ page, expectPage }) => {
  const number = companiesHouseNumber();
  const company = `Open Digital ${number} Ltd`;
  const summary = page.locator(".govuk-error-summary");

  await signUp(page, expectPage, newPerson("Alex Morgan"));

  // Continuing without choosing says what to do.
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(summary).toContainText("Select whether you are registering a council or a supplier");
  await expectPage("What are you registering?");
  await page.getByLabel("A supplier").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expectPage("Your company");

  // A malformed Companies House number is refused and nothing entered is lost.
  await page.getByLabel("Company name").fill(company);
  await page.getByLabel("Companies House number").fill("12-AB");
  await page.getByLabel("North West (England)").check();
  await page.getByLabel("Wales").check();
  await page.getByRole("button", { name: "Register supplier" }).click();
  await expect(summary.getByRole("link", { name: /Enter a Companies House number in the correct format/ })).toHaveAttribute(
    "href",
    "#companiesHouseNumber",
  );
  await expectPage("Your company");
  await expect(page.getByLabel("Company name")).toHaveValue(company);
  await expect(page.getByLabel("Wales")).toBeChecked();

  await page.getByLabel("Companies House number").fill(number);
  await page.getByRole("button", { name: "Register supplier" }).click();
  await expectPage(company);
  await expect(page.getByText("Supplier dashboard")).toBeVisible();
  await expect(page.getByRole("alert")).toContainText(`${company} is registered`);
  const details = page.locator(".govuk-summary-list");
  await expect(details).toContainText(number);
  await expect(details).toContainText("North West (England), Wales");
});
