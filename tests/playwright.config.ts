import { spawnSync } from "node:child_process";
import { defineConfig } from "@playwright/test";
import { randomServerPort } from "./support/server-port.ts";

// End-to-end tests in Debian's Chromium (Playwright's own browser download is unreachable here) against
// the whole product in one process (e2e/server.ts), every journey with JavaScript on and off.

// Workers load this file again: the port chosen by the main process reaches them through the environment.
process.env.E2E_PORT ??= String(freePort());
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Generous: axe checks every page, and the machine may be busy with other work.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  outputDir: "test-results/e2e",
  use: {
    baseURL,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Without the networking flags Chromium stalls on this closed network (ENVIRONMENT.md).
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    { name: "javascript", use: { javaScriptEnabled: true } },
    { name: "no-javascript", use: { javaScriptEnabled: false } },
  ],
  webServer: {
    command: "node --import tsx e2e/server.ts",
    url: `${baseURL}/healthz`,
    // The first run builds the web app.
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: process.env.E2E_PORT },
    // SIGTERM lets the server drop its database; Playwright's default would kill it outright.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});

/** A random port (randomServerPort) that nothing is listening on. */
function freePort(): number {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = randomServerPort();
    const probe = spawnSync(process.execPath, [
      "-e",
      `require("net").createServer().once("error", () => process.exit(1)).listen(${port}, "127.0.0.1", () => process.exit(0))`,
    ]);
    if (probe.status === 0) return port;
  }
  throw new Error("no free port found in 20 tries");
}
