import { hash, verify } from "@node-rs/argon2";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import type { PrismaClient } from "@ccm/prisma";
import type { Config } from "../config.ts";

// Sessions are better-auth's (ADR 0004): an opaque token in an HTTP-only, SameSite=Lax cookie, stored in
// the session table so signing out really ends it. Passwords are hashed with Argon2id (memory-hard).
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const; // OWASP's minimum for Argon2id

export const MIN_PASSWORD_LENGTH = 10;

/** Session lifetime and how often an active session is extended, in seconds (better-auth's expiresIn and updateAge). */
export const SESSION_EXPIRES_IN = 60 * 60 * 24 * 7;
export const SESSION_UPDATE_AGE = 60 * 60 * 24;

/** The session cookie's name, as better-auth sets it (with the __Secure- prefix on https). */
export function sessionCookieName(config: Pick<Config, "publicUrl">): string {
  return `${usesSecureCookies(config) ? "__Secure-" : ""}ccm.session_token`;
}

function usesSecureCookies(config: Pick<Config, "publicUrl">): boolean {
  return config.publicUrl.startsWith("https://");
}

/** Hashes a password exactly as sign-up does, so seeded accounts sign in through better-auth. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Creates the auth service over the marketplace's own user/session/account tables. */
export function createAuth(prisma: PrismaClient, config: Config) {
  return betterAuth({
    appName: "Connected Councils Marketplace",
    baseURL: config.publicUrl,
    secret: config.authSecret,
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 256,
      password: {
        hash: hashPassword,
        verify: ({ hash: stored, password }) => verify(stored, password),
      },
    },
    session: { expiresIn: SESSION_EXPIRES_IN, updateAge: SESSION_UPDATE_AGE },
    advanced: {
      cookiePrefix: "ccm",
      useSecureCookies: usesSecureCookies(config),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", path: "/" },
      database: { generateId: false },
    },
    // Rate limiting is applied in front of GraphQL by the app, not per better-auth route.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { disabled: config.nodeEnv === "test" },
  });
}

export type Auth = ReturnType<typeof createAuth>;
