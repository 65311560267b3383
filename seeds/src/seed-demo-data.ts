import { createHash } from "node:crypto";
import type { Deps } from "@ccm/api";
import { recordAuditEvent } from "@ccm/api/audit/audit";
import type { PrismaClient } from "@ccm/prisma";
import { createFaker, DEMO_SEED } from "./random.ts";
import { withSeedLock } from "./seed-lock.ts";
import { SeedRefs } from "./step.ts";
import { SEED_STEPS } from "./steps/seed-steps.ts";

export interface SeedProgress {
  step: string;
  done: number;
  total: number;
}

export interface SeedSummary {
  /** Rows created per step and kind of row; all zero when the data was already there. */
  steps: { name: string; created: Record<string, number> }[];
  /** Rows created in total, per kind of row. */
  created: Record<string, number>;
  durationMs: number;
}

// The audit trail records that the demo data was seeded, and with which steps: when a step is added,
// isSeeded turns false again, so the next start fills in the new data (the old steps create nothing).
const SEEDED_ACTION = "demo-data.seeded";
const STEP_NAMES = SEED_STEPS.map((s) => s.name);
const FINGERPRINT = createHash("sha256")
  .update(`${DEMO_SEED}:${STEP_NAMES.join(",")}`)
  .digest("hex")
  .slice(0, 16);

/** Seeds the demo data (councils, consortia, suppliers, users, then every later step); running it again changes nothing. */
export async function seedDemoData(deps: Deps, options: { onProgress?: (p: SeedProgress) => void } = {}): Promise<SeedSummary> {
  const started = performance.now();
  return withSeedLock(deps, async () => {
    const refs = new SeedRefs();
    const steps: SeedSummary["steps"] = [];
    const totals: Record<string, number> = {};
    for (const step of SEED_STEPS) {
      const created: Record<string, number> = {};
      let last = { done: 0, total: 1 };
      const progress = (done: number, total: number) => {
        last = { done, total };
        options.onProgress?.({ step: step.name, done, total });
      };
      progress(0, 1);
      await step.run({
        deps,
        prisma: deps.prisma,
        faker: createFaker(step.name),
        refs,
        progress,
        created(entity, count) {
          created[entity] = (created[entity] ?? 0) + count;
          totals[entity] = (totals[entity] ?? 0) + count;
        },
      });
      if (last.done < last.total) progress(last.total, last.total);
      steps.push({ name: step.name, created });
    }
    await markSeeded(deps.prisma);
    return { steps, created: totals, durationMs: Math.round(performance.now() - started) };
  });
}

/** Whether this database holds the demo data of every current step. */
export async function isSeeded(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.auditEvent.count({ where: { action: SEEDED_ACTION, entityId: FINGERPRINT } })) > 0;
}

async function markSeeded(prisma: PrismaClient): Promise<void> {
  if (await isSeeded(prisma)) return;
  await prisma.$transaction((tx) =>
    recordAuditEvent(tx, {
      action: SEEDED_ACTION,
      entityType: "DemoData",
      entityId: FINGERPRINT,
      data: { seed: DEMO_SEED, steps: STEP_NAMES },
    }),
  );
}
