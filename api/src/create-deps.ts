import { openDatabase } from "@ccm/prisma";
import { createAuth } from "./auth/auth.ts";
import type { Config } from "./config.ts";
import type { Deps } from "./deps.ts";
import { createOutboxRelay } from "./jobs/outbox-relay.ts";
import { createQueueClient } from "./jobs/queue-backend.ts";
import { createLogger } from "./logger.ts";
import { createMailer } from "./notifications/mailer.ts";

/** Opens the database (migrating it), the queues and the mailer: everything a process needs. */
export async function createDeps(config: Config): Promise<Deps> {
  const logger = createLogger(config.logLevel);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
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
  };
}

/** Closes in reverse order of opening; safe to call once at shutdown. */
export async function closeDeps(deps: Deps): Promise<void> {
  await deps.outbox.close();
  await deps.queues.close();
  await deps.db.close();
}
