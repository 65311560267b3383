import type { SeedStep } from "../step.ts";
import { consortiaStep } from "./consortia.step.ts";
import { councilsStep } from "./councils.step.ts";
import { offeringsStep } from "./offerings.step.ts";
import { suppliersStep } from "./suppliers.step.ts";
import { tendersStep } from "./tenders.step.ts";
import { usersStep } from "./users.step.ts";

/**
 * The demo data, in order. To add demo data, write `<name>.step.ts` beside these (see seeds/README.md)
 * and append it here; later steps can use what earlier ones seeded through `ctx.refs`.
 */
export const SEED_STEPS: readonly SeedStep[] = [
  councilsStep,
  consortiaStep,
  suppliersStep,
  usersStep,
  offeringsStep,
  tendersStep,
];
