import { expect, test } from "./fixtures.ts";
import { newPerson } from "./journeys.ts";

test("creating an account with nothing filled in lists each problem and marks each field", async ({
  page,
  expectPage,
  javaScript,
}) => {
  await page.goto("/sign-up");
  await expectPage("Create an account");
  await page.getByRole("button", { name: "Create account" }).click();

  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expectPage("Create an account");
  await expect(page).toHaveTitle(/^Error: Create an account/);
  await expect(summary.getByRole("link", { name: "Enter your full name" })).toHaveAttribute("href", "#name");
  await expect(summary.getByRole("link", { name: /Enter an email address/ })).toHaveAttribute("href", "#email");
  await expect(summary.getByRole("link", { name: /Password must be 10 characters or more/ })).toHaveAttribute(
    "href",
    "#password",
  );
  await expect(page.locator("#name-error")).toHaveText(/Error:\s*Enter your full name/);
  await expect(page.getByLabel("Full name")).toHaveAttribute("aria-describedby", "name-error");
  // With JavaScript the summary takes focus, so screen readers announce it first.
  if (javaScript) await expect(summary).toBeFocused();
});

test("a wrong password is refused without saying whether the account exists, and keeps the email", async ({
  page,
  expectPage,
}) => {
  const email = newPerson().email;
  await page.goto("/sign-in");
  await expectPage("Sign in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page.locator(".govuk-error-summary")).toContainText("The email address or password is not right");
  await expectPage("Sign in");
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
});
