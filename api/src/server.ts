// The API as its own process (for scaling out): GraphQL and health on PORT. The outbox relay runs here
// too: it is kicked after each commit, and polls every second to recover rows any process left behind.
import { buildApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { closeDeps, createDeps } from "./create-deps.ts";

const config = loadConfig();
const deps = await createDeps(config);
deps.outbox.start();
const server = buildApp(deps).listen(config.port, () =>
  deps.logger.info(`API listening on http://localhost:${config.port}/graphql`),
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  deps.logger.info({ signal }, "shutting down");
  await new Promise((resolve) => server.close(resolve));
  await closeDeps(deps);
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
