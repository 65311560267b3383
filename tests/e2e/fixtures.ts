// The end-to-end test API: `test` and `expect` with an `expectPage(heading)` fixture that waits for the
// page's h1 and runs axe on the page, failing on any violation. Every page a test lands on must be
// checked this way: a page visited without `expectPage` fails the test when it ends. When an action
// keeps the same heading (a failed form, a search), first wait for what changes, then call expectPage.
import { createHash } from "node:crypto";
import { AxeBuilder } from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";

export { expect };

export interface Fixtures {
  /** Asserts the h1 of the page now shown and that axe finds nothing wrong with it. */
  expectPage: (heading: string | RegExp) => Promise<void>;
  /** Whether this project runs with JavaScript on ("javascript") or off ("no-javascript"). */
  javaScript: boolean;
}

interface WorkerFixtures {
  /** A JavaScript-enabled context where axe checks copies of pages rendered with JavaScript off. */
  axeContext: BrowserContext;
}

// Pages this worker has already found clean, by a hash of their HTML: the same markup gives the same
// result, and the home and sign-up pages are visited by most tests.
const cleanPages = new Set<string>();

export const test = base.extend<Fixtures, WorkerFixtures>({
  javaScript: async ({ javaScriptEnabled }, use) => use(javaScriptEnabled),

  axeContext: [
    async ({ browser }, use) => {
      const context = await browser.newContext({ javaScriptEnabled: true });
      await use(context);
      await context.close();
    },
    { scope: "worker" },
  ],

  expectPage: async ({ page, axeContext, javaScriptEnabled }, use) => {
    const visited = new Set<string>();
    const checked = new Set<string>();
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) visited.add(withoutHash(frame.url()));
    });

    await use(async (heading) => {
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      checked.add(withoutHash(page.url()));
      await expectNoAccessibilityViolations(page, javaScriptEnabled === false ? axeContext : null);
      // SvelteKit may update the address just after it shows the new page.
      checked.add(withoutHash(page.url()));
    });

    const unchecked = [...visited].filter((url) => !checked.has(url) && url !== "about:blank");
    expect(unchecked, "pages visited without expectPage(), so not checked for accessibility").toEqual([]);
  },
});

/**
 * Runs every axe rule (WCAG 2.2 A/AA and best practice) on the page and lists each violation on failure.
 * axe runs as a script and waits on timers, which never fire in a page with JavaScript off; for those
 * pages pass `copyContext`: axe then checks the same HTML (without its scripts, so nothing changes it)
 * served at the same address in that context, where the stylesheets load as before.
 */
export async function expectNoAccessibilityViolations(page: Page, copyContext: BrowserContext | null): Promise<void> {
  // Scripts are not checked by axe, and carry a fresh CSP nonce on every response.
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "").replace(/ nonce="[^"]*"/g, "");
  const key = createHash("sha256").update(page.url()).update(html).digest("hex");
  if (cleanPages.has(key)) return;

  const target = copyContext ? await copyContext.newPage() : page;
  try {
    if (target !== page) {
      await target.route(page.url(), (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: html }));
      await target.goto(page.url());
    }
    // Legacy mode runs axe in the one page (no extra page to combine frame results): there are no iframes.
    const results = await new AxeBuilder({ page: target }).setLegacyMode(true).analyze();
    const violations = results.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    at ${n.target.join(" ")}: ${n.failureSummary}`).join("\n")}`,
    );
    expect(violations, `accessibility violations on ${page.url()}`).toEqual([]);
    cleanPages.add(key);
  } finally {
    if (target !== page) await target.close();
  }
}

function withoutHash(url: string): string {
  return url.split("#")[0] ?? url;
}
