import pino, { type Logger } from "pino";

export type { Logger };

/** One structured logger per process. Sealed bid content must never be passed to it (see tenders/). */
export function createLogger(level: string, name = "ccm"): Logger {
  return pino({
    name,
    level,
    redact: { paths: ["req.headers.cookie", "password", "*.password", "input.password"], censor: "[redacted]" },
  });
}
