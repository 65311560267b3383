import { defineConfig } from "vitest/config";

// Unit tests live next to the code in each package; integration tests (real PostgreSQL and Redis)
// live here. End-to-end tests in Chromium run with Playwright (playwright.config.ts).
// graphql ships CJS and ESM builds; Node (and so Pothos and yoga) loads the CJS one, so tests must too,
// or a schema or validation rule from one build meets the other ("from another module or realm").
const oneGraphql = { alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }] };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          // Unit tests first (fast, no services), then the integration files with their own worker limit.
          sequence: { groupOrder: 0 },
          root: "..",
          include: ["{api,worker,seeds,prisma}/src/**/*.test.ts"],
          environment: "node",
        },
        resolve: oneGraphql,
      },
      {
        test: {
          name: "integration",
          sequence: { groupOrder: 1 },
          root: ".",
          include: ["integration/**/*.test.ts"],
          globalSetup: ["./support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Files share one fresh database per run; each file builds its own app and fixtures.
          fileParallelism: true,
          maxWorkers: 2,
        },
        resolve: oneGraphql,
      },
    ],
  },
});
