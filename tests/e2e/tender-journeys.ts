// Steps of the tendering journeys, written as a person would do them in the browser.
import type { Locator, Page } from "@playwright/test";
import { expect, type Fixtures } from "./fixtures.ts";
import { companiesHouseNumber, newPerson, signUp, type Person } from "./journeys.ts";

const DAY = 24 * 60 * 60 * 1000;

/** Signs up a new person and registers a real council, landing on its dashboard. */
export async function registerCouncil(
  page: Page,
  expectPage: Fixtures["expectPage"],
  council: string,
  name: string,
): Promise<Person> {
  const buyer = newPerson(name);
  await signUp(page, expectPage, buyer);
  await page.getByLabel("A council").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expectPage("Find your council");
  await page.getByLabel("Council name").fill(council.split(" ")[0]!);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("group", { name: "Select your council" })).toBeVisible();
  await expectPage("Find your council");
  await page.getByLabel(council).check();
  await page.getByRole("button", { name: "Register council" }).click();
  await expectPage(council);
  return buyer;
}

/** Signs up a new person and registers a supplier working in every region, landing on its dashboard. */
export async function registerSupplier(
  page: Page,
  expectPage: Fixtures["expectPage"],
  company: string,
  name: string,
): Promise<Person> {
  const bidder = newPerson(name);
  await signUp(page, expectPage, bidder);
  await page.getByLabel("A supplier").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expectPage("Your company");
  await page.getByLabel("Company name").fill(company);
  await page.getByLabel("Companies House number").fill(companiesHouseNumber());
  await page.getByLabel("London").check();
  await page.getByLabel("South West (England)").check();
  await page.getByRole("button", { name: "Register supplier" }).click();
  await expectPage(company);
  return bidder;
}

/** The day, month and year `days` from now in UK time. */
export function ukDateInDays(days: number): { day: string; month: string; year: string } {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "numeric", year: "numeric" })
    .formatToParts(new Date(Date.now() + days * DAY))
    .reduce<Record<string, string>>((all, p) => ({ ...all, [p.type]: p.value }), {});
  return { day: parts.day!, month: parts.month!, year: parts.year! };
}

/** Fills a GOV.UK date input with a time (the fieldset named `legend`). */
export async function fillDateTime(page: Page, legend: string, date: { day: string; month: string; year: string }, time: string) {
  const group: Locator = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(date.day);
  await group.getByLabel("Month").fill(date.month);
  await group.getByLabel("Year").fill(date.year);
  await group.getByLabel("Time (UK time)").fill(time);
}

/** The success banner's text. */
export function successBanner(page: Page): Locator {
  return page.locator(".govuk-notification-banner--success");
}
