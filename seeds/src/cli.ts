// `pnpm seed`: seeds the demo data into DATABASE_URL, or the embedded PGlite under .data/ when unset.
import { closeDeps, createDeps, loadConfig } from "@ccm/api";
import { formatDemoSignIns } from "./demo-sign-ins.ts";
import { seedDemoData, type SeedProgress } from "./index.ts";
import { SEED_STEPS } from "./steps/seed-steps.ts";

const BAR_WIDTH = 24;
const interactive = process.stdout.isTTY === true;

function bar(done: number, total: number): string {
  const filled = total > 0 ? Math.round((done / total) * BAR_WIDTH) : BAR_WIDTH;
  return `[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}]`;
}

function line({ step, done, total }: SeedProgress): string {
  const index = SEED_STEPS.findIndex((s) => s.name === step);
  const title = SEED_STEPS[index]?.title ?? step;
  return `${bar(done, total)} ${index + 1}/${SEED_STEPS.length} ${title} (${done}/${total})`;
}

// On a terminal the line redraws in place; in CI logs each step prints once, when it finishes.
function showProgress(p: SeedProgress): void {
  if (interactive) process.stdout.write(`\r\x1b[2K${line(p)}${p.done >= p.total ? "\n" : ""}`);
  else if (p.done >= p.total) console.log(line(p));
}

async function main(): Promise<void> {
  const config = loadConfig();
  console.log(`Seeding demo data into ${config.databaseUrl ? "DATABASE_URL" : `the embedded database in ${config.dataDir}`}`);
  const deps = await createDeps(config);
  try {
    const summary = await seedDemoData(deps, { onProgress: showProgress });
    const created = Object.entries(summary.created).filter(([, n]) => n > 0);
    console.log(
      created.length
        ? `Created ${created.map(([what, n]) => `${n} ${what}`).join(", ")} in ${(summary.durationMs / 1000).toFixed(1)} s.`
        : "The demo data was already there: nothing changed.",
    );
    console.log(`\nDemo sign-ins (every seeded organisation has more: see the README):\n${formatDemoSignIns()}`);
  } finally {
    await closeDeps(deps);
  }
}

// Queue clients and the database pool can keep timers alive after closing; the seed is done, so exit.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
