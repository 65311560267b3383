// The API as its own process (for scaling out): GraphQL and health on PORT. The outbox relay runs here
// too: it is kicked after each commit, and polls every second to recover rows any process left behind.
// With API_PROCESSES above 1 (or "auto", one per core) this process forks that many API processes that
// share PORT (node:cluster hands each new connection to one of them); each has its own pools and relay,
// which is safe because every relay claims rows with FOR UPDATE SKIP LOCKED.
import cluster from "node:cluster";
import { buildApp, listen } from "./app.ts";
import { loadConfig } from "./config.ts";
import { closeDeps, createDeps } from "./create-deps.ts";

const config = loadConfig();

if (cluster.isPrimary && config.apiProcesses > 1) {
  for (let i = 0; i < config.apiProcesses; i++) cluster.fork();
  let stopping = false;
  cluster.on("exit", (worker, code) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // An API process that dies is replaced; the others keep serving meanwhile.
    console.error(`API process ${worker.process.pid} exited (${code}); starting another`);
    cluster.fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
} else {
  const deps = await createDeps(config);
  deps.outbox.start();
  const server = await listen(buildApp(deps), config.port);
  deps.logger.info(`API listening on http://localhost:${config.port}/graphql`);

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
}
