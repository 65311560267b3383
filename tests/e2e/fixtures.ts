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
  /** A JavaScript-enabled page where axe checks copies of pages rendered with JavaScript off. */
  axeCopyPage: Page;
}

// Pages this worker has already found clean, by a hash of their HTML: the same markup gives the same
// result, and the home and sign-up pages are visited by most tests.
const cleanPages = new Set<string>();

export const test = base.extend<Fixtures, WorkerFixtures>({
  javaScript: async ({ javaScriptEnabled }, use) => use(javaScriptEnabled),

  axeCopyPage: [
    async ({ browser }, use, workerInfo) => {
      const context = await browser.newContext({ javaScriptEnabled: true });
      await use(await openCopyPage(context, workerInfo.project.use.baseURL ?? "http://127.0.0.1"));
      await context.close();
    },
    { scope: "worker" },
  ],

  expectPage: async ({ page, axeCopyPage, javaScriptEnabled }, use) => {
    const visited = new Set<string>();
    const checked = new Set<string>();
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) visited.add(withoutHash(frame.url()));
    });

    await use(async (heading) => {
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      checked.add(withoutHash(page.url()));
      await expectNoAccessibilityViolations(page, javaScriptEnabled === false ? axeCopyPage : null);
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
 * pages pass `copyTarget` (a JavaScript-enabled page, or a context to open one in): axe then checks the
 * same HTML, without its scripts so nothing changes it, written into a page of the same origin, where
 * the stylesheets load as before.
 */
export async function expectNoAccessibilityViolations(page: Page, copyTarget: Page | BrowserContext | null): Promise<void> {
  // Scripts are not checked by axe, and carry a fresh CSP nonce on every response.
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "").replace(/ nonce="[^"]*"/g, "");
  const key = createHash("sha256").update(page.url()).update(html).digest("hex");
  if (cleanPages.has(key)) return;

  const opened = copyTarget && !("goto" in copyTarget) ? await openCopyPage(copyTarget, page.url()) : null;
  const copyPage = opened ?? (copyTarget as Page | null);
  const target = copyPage ?? page;
  try {
    if (copyPage) await copyPage.setContent(html, { waitUntil: "load" });
    // axe's 580 kB source is injected once per document: client-side navigation keeps the document, and
    // setContent keeps the window. "void 0" stands in for it when it is already there.
    const injected = await target.evaluate(() => "axe" in window);
    // Legacy mode runs axe in the one page (no extra page to combine frame results): there are no iframes.
    const results = await new AxeBuilder({ page: target, axeSource: injected ? "void 0" : undefined })
      .setLegacyMode(true)
      .analyze();
    const violations = results.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    at ${n.target.join(" ")}: ${n.failureSummary}`).join("\n")}`,
    );
    expect(violations, `accessibility violations on ${page.url()}`).toEqual([]);
    cleanPages.add(key);
  } finally {
    await opened?.close();
  }
}

/** A page in `context` at a resource of the app's origin, so relative stylesheet links resolve. */
async function openCopyPage(context: BrowserContext, url: string): Promise<Page> {
  const copy = await context.newPage();
  await copy.goto(new URL("/robots.txt", url).href);
  return copy;
}

function withoutHash(url: string): string {
  return url.split("#")[0] ?? url;
}
