import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the repository root is, so `.data/` is the same folder whichever package starts the process. */
export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), "../../..");

export interface Config {
  nodeEnv: string;
  port: number;
  /** The public origin of the web app and API (used for links in emails and auth cookies). */
  publicUrl: string;
  databaseUrl: string | undefined;
  /** Connections in this process's PostgreSQL pool (DATABASE_POOL_SIZE). */
  databasePoolSize: number;
  /** API processes sharing PORT in `src/server.ts` (API_PROCESSES, default 1; "auto" for one per core). */
  apiProcesses: number;
  /** Embedded PGlite folder when DATABASE_URL is not set. */
  dataDir: string;
  redisUrl: string | undefined;
  /** Namespace for queue keys (Redis prefix) or schema (PostgreSQL); tests set a unique one per run. */
  queuePrefix: string;
  authSecret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
}

// Each pool (Prisma's, and the pipelining one for submissions) opens up to this many connections.
const DEFAULT_DATABASE_POOL_SIZE = 10;

/** Reads the configuration from the environment; every setting has a working default for one machine. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? "development";
  const port = Number(env.PORT ?? 3000);
  const authSecret = env.AUTH_SECRET ?? (nodeEnv === "production" ? "" : "development-only-secret-change-me-0123456789");
  if (!authSecret) throw new Error("AUTH_SECRET must be set when NODE_ENV=production");
  return {
    nodeEnv,
    port,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolSize: Number(env.DATABASE_POOL_SIZE ?? DEFAULT_DATABASE_POOL_SIZE),
    apiProcesses: env.API_PROCESSES === "auto" ? availableParallelism() : Math.max(1, Number(env.API_PROCESSES ?? 1) || 1),
    dataDir: env.PGLITE_DIR ?? resolve(REPO_ROOT, ".data/pglite"),
    redisUrl: env.REDIS_URL || undefined,
    queuePrefix: env.QUEUE_PREFIX ?? "ccm",
    authSecret,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? "Connected Councils Marketplace <no-reply@marketplace.localhost>",
    logLevel: env.LOG_LEVEL ?? (nodeEnv === "test" ? "warn" : "info"),
  };
}
