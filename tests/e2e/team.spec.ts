import { expect, test } from "./fixtures.ts";
import type { Page } from "@playwright/test";
import type { Fixtures } from "./fixtures.ts";
import { newPerson, PASSWORD, signUp, type Person } from "./journeys.ts";
import { registerCouncil } from "./tender-journeys.ts";

// A council's administrator builds the team that scores its tenders: a colleague creates an account,
// then the administrator adds them as an evaluator by email address, changes their role and removes them.
// Each project registers a different real council, as a council can be registered only once.
const COUNCIL = { javascript: "Sheffield City Council", "no-javascript": "Kent County Council" } as const;

/** Signs out whoever is signed in and signs `person` in, landing on their council's dashboard. */
async function switchTo(page: Page, expectPage: Fixtures["expectPage"], person: Person, council: string) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expectPage("Buy and sell digital services for councils");
  await page.goto("/sign-in");
  await expectPage("Sign in");
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectPage(council);
}

test("a council administrator adds a colleague as an evaluator, changes their role and removes them; the colleague sees the team read-only; a bad email is explained", async ({
  page,
  expectPage,
}, testInfo) => {
  const council = COUNCIL[testInfo.project.name as keyof typeof COUNCIL];
  const colleague = newPerson("Ezra Evans");

  // The colleague needs an account before they can be added.
  await signUp(page, expectPage, colleague);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expectPage("Buy and sell digital services for councils");

  const admin = await registerCouncil(page, expectPage, council, "Ada Adebayo");

  await page.getByRole("link", { name: "Add colleagues and change their roles" }).click();
  await expectPage("Team");
  const team = page.getByRole("table", { name: `People in ${council}` });
  await expect(team).toContainText(admin.email);

  // A mistyped address is shown in the error summary and beside the field.
  await page.getByLabel("Email address").fill("ezra.evans-at-example.org");
  await page.getByLabel("Evaluator", { exact: true }).check();
  await page.getByRole("button", { name: "Add colleague" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Enter an email address in the correct format, like name@example.org");
  await expect(page).toHaveTitle(/^Error: /);
  await expectPage("Team");
  await expect(page.getByLabel("Email address")).toHaveValue("ezra.evans-at-example.org");

  // Someone without an account cannot be added yet.
  await page.getByLabel("Email address").fill("nobody-has-this-address@example.org");
  await page.getByLabel("Evaluator", { exact: true }).check();
  await page.getByRole("button", { name: "Add colleague" }).click();
  await expect(summary).toContainText("Ask them to create an account first, then add them");
  await expectPage("Team");

  await page.getByLabel("Email address").fill(colleague.email);
  await page.getByLabel("Evaluator", { exact: true }).check();
  await page.getByRole("button", { name: "Add colleague" }).click();
  await expect(page.getByRole("alert")).toContainText(`${colleague.name} has been added as an evaluator`);
  await expectPage("Team");
  const row = team.getByRole("row").filter({ hasText: colleague.name });
  await expect(row).toContainText(colleague.email);
  await expect(row).toContainText("Evaluator");

  await row.getByRole("link", { name: `Change role of ${colleague.name}` }).click();
  await expectPage(`What should ${colleague.name}'s role be?`);
  await page.getByLabel("Buyer", { exact: true }).check();
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.getByRole("alert")).toContainText(`${colleague.name} is now a buyer`);
  await expectPage("Team");
  await expect(row).toContainText("Buyer");

  // The colleague sees the team but cannot change it.
  await switchTo(page, expectPage, colleague, council);
  await page.getByRole("link", { name: "See your team" }).click();
  await expectPage("Team");
  await expect(team).toContainText(admin.email);
  await expect(page.getByText("Only administrators can add, change or remove people.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add colleague" })).toHaveCount(0);
  await expect(team.getByRole("link")).toHaveCount(0);

  await switchTo(page, expectPage, admin, council);
  await page.getByRole("link", { name: "Add colleagues and change their roles" }).click();
  await expectPage("Team");
  await row.getByRole("link", { name: `Remove ${colleague.name}` }).click();
  await expectPage(`Are you sure you want to remove ${colleague.name}?`);
  await page.getByRole("button", { name: `Remove ${colleague.name}` }).click();
  await expect(page.getByRole("alert")).toContainText(`${colleague.name} has been removed from ${council}`);
  await expectPage("Team");
  await expect(team).not.toContainText(colleague.email);
});
