import type { Database, PrismaClient } from "@ccm/prisma";
import type { Auth } from "./auth/auth.ts";
import type { SessionReader } from "./auth/viewer.ts";
import type { BidSubmissions } from "./bids/submit-bid.ts";
import type { Config } from "./config.ts";
import type { OutboxRelay } from "./jobs/outbox.ts";
import type { QueueClient } from "./jobs/queue-client.ts";
import type { Logger } from "./logger.ts";
import type { Mailer } from "./notifications/mailer.ts";

/** Everything a domain operation may need, passed in explicitly (no module-level singletons). */
export interface Deps {
  config: Config;
  db: Database;
  prisma: PrismaClient;
  logger: Logger;
  auth: Auth;
  mailer: Mailer;
  /** Relays committed outbox rows to the queues; operations call `outbox.kick()` after they commit. */
  outbox: OutboxRelay;
  queues: QueueClient;
  /** Reads sessions by token, reading those asked for together in one statement (see createSessionReader). */
  sessions: SessionReader;
  /** Submits bids, committing those that crowd in together (see createBidSubmissions). */
  bidSubmissions: BidSubmissions;
}
