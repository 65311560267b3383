import { expect, test } from "./fixtures.ts";
import { newPerson, PASSWORD, signUp } from "./journeys.ts";

// Each project registers a different real council, as a council can be registered only once.
const COUNCIL = { javascript: "Leeds City Council", "no-javascript": "Cornwall Council" } as const;

test("a buyer signs up, registers their council, sees its dashboard, signs out and back in", async ({
  page,
  expectPage,
}, testInfo) => {
  const council = COUNCIL[testInfo.project.name as keyof typeof COUNCIL];
  const buyer = newPerson("Priya Patel");

  await signUp(page, expectPage, buyer);
  await expect(page.getByRole("alert")).toContainText("Your account has been created");

  await page.getByLabel("A council").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expectPage("Find your council");

  await page.getByLabel("Council name").fill(council.split(" ")[0]!);
  await page.getByRole("button", { name: "Search" }).click();
  // The heading stays the same, so wait for the results before checking the page.
  await expect(page).toHaveURL(/search=/);
  await expect(page.getByRole("group", { name: "Select your council" })).toBeVisible();
  await expectPage("Find your council");
  await page.getByLabel(council).check();
  await page.getByRole("button", { name: "Register council" }).click();

  await expectPage(council);
  await expect(page.getByText("Council dashboard")).toBeVisible();
  await expect(page.getByRole("alert")).toContainText(`${council} is registered`);
  const members = page.getByRole("table");
  await expect(members).toContainText(buyer.name);
  await expect(members).toContainText(buyer.email);
  await expect(members).toContainText("Administrator");

  await page.getByRole("link", { name: "Notifications" }).click();
  await expectPage("Notifications");
  await expect(page.getByText("You have no notifications yet.")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expectPage("Buy and sell digital services for councils");
  await expect(page.getByRole("alert")).toContainText("You have signed out");

  // Signed out, the dashboard asks you to sign in and then takes you back to it.
  await page.goto("/dashboard");
  await expectPage("Sign in");
  expect(new URL(page.url()).searchParams.get("returnTo")).toBe("/dashboard");
  await page.getByLabel("Email address").fill(buyer.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectPage(council);
});
