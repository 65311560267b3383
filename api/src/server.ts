// The API as its own process (for scaling out): GraphQL and health on PORT; the outbox relay runs here
// too, so jobs written by this process's transactions reach the queues.
import { buildApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { closeDeps, createDeps } from "./create-deps.ts";

const config = loadConfig();
const deps = await createDeps(config);
const server = buildApp(deps).listen(config.port, () =>
  deps.logger.info(`API listening on http://localhost:${config.port}/graphql`),
);

async function shutdown(signal: string) {
  deps.logger.info({ signal }, "shutting down");
  server.close();
  await closeDeps(deps);
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
