// The demo data for `pnpm seed` and the one-process start (worker/src/start-all.ts). See seeds/README.md.
export { seedDemoData, isSeeded, type SeedSummary, type SeedProgress } from "./seed-demo-data.ts";
export { DEMO_SIGN_INS, formatDemoSignIns } from "./demo-sign-ins.ts";
export type { SeedStep, SeedContext } from "./step.ts";
