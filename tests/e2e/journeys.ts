// Steps that several end-to-end tests share, written as a person would do them in the browser.
import { randomInt, randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import type { Fixtures } from "./fixtures.ts";

export const PASSWORD = "correct horse battery staple";

export interface Person {
  name: string;
  email: string;
}

/** A new person with an email address nobody in this run has used. */
export function newPerson(name = "Sam Taylor"): Person {
  return { name, email: `e2e-${randomUUID().slice(0, 8)}@example.org` };
}

/** An 8-digit Companies House number in the right format. */
export function companiesHouseNumber(): string {
  return String(randomInt(10_000_000, 99_999_999));
}

/** From the home page, creates an account and lands on "What are you registering?". */
export async function signUp(page: Page, expectPage: Fixtures["expectPage"], person: Person): Promise<void> {
  await page.goto("/");
  await expectPage("Buy and sell digital services for councils");
  await page.getByRole("button", { name: "Create an account" }).click();
  await expectPage("Create an account");
  await page.getByLabel("Full name").fill(person.name);
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Create a password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expectPage("What are you registering?");
}
