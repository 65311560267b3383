import { openDatabase } from "@ccm/prisma";
import { createAuth } from "./auth/auth.ts";
import { createSessionReader } from "./auth/viewer.ts";
import { createBidSubmissions } from "./bids/submit-bid.ts";
import type { Config } from "./config.ts";
import type { Deps } from "./deps.ts";
import { createOutboxRelay } from "./jobs/outbox-relay.ts";
import { createQueueClient } from "./jobs/queue-backend.ts";
import { createLogger, type DestinationStream } from "./logger.ts";
import { createMailer } from "./notifications/mailer.ts";

/**
 * Opens the database (migrating it), the queues and the mailer: everything a process needs. Logs go to
 * stdout unless `logDestination` is given.
 */
export async function createDeps(config: Config, options: { logDestination?: DestinationStream } = {}): Promise<Deps> {
  const logger = createLogger(config.logLevel, "ccm", options.logDestination);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
  const queues = await createQueueClient(config, db, logger);
  const outbox = createOutboxRelay({ prisma: db.prisma, queues, logger, databaseKind: db.kind });
  return {
    config,
    db,
    prisma: db.prisma,
    logger,
    auth: createAuth(db.prisma, config),
    mailer: createMailer(config, logger),
    queues,
    outbox,
    sessions: createSessionReader(db),
    bidSubmissions: createBidSubmissions({ db, outbox }),
  };
}

/** Closes in reverse order of opening; safe to call once at shutdown. */
export async function closeDeps(deps: Deps): Promise<void> {
  await deps.outbox.close();
  await deps.queues.close();
  await deps.db.close();
}
