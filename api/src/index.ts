// The public surface of @ccm/api for the worker, seeds and tests; deeper modules are imported by path.
export { buildApp, listen, type BuildAppOptions } from "./app.ts";
export { loadConfig, type Config, REPO_ROOT } from "./config.ts";
export { createDeps, closeDeps } from "./create-deps.ts";
export type { Deps } from "./deps.ts";
export type { Context, Viewer } from "./context.ts";
