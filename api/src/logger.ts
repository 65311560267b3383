import pino, { type DestinationStream, type Logger } from "pino";

export type { DestinationStream, Logger };

/**
 * One structured logger per process, to stdout unless given another destination (tests read what is
 * logged). Sealed bid content must never be passed to it (see tenders/).
 */
export function createLogger(level: string, name = "ccm", destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    redact: { paths: ["req.headers.cookie", "password", "*.password", "input.password"], censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}
