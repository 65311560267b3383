import { createHmac, timingSafeEqual } from "node:crypto";
import type { Database, MembershipRole, OrganisationKind } from "@ccm/prisma";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { createBatcher } from "../shared/batcher.ts";
import { SESSION_EXPIRES_IN, SESSION_UPDATE_AGE, sessionCookieName } from "./auth.ts";

/**
 * Resolves the session cookie in `headers` to the signed-in person and their memberships, or null.
 *
 * Every API request does this, so the common case costs one SQL round trip: the cookie's signature is
 * checked here as better-auth signs it (HMAC-SHA256 of the token with the secret), and the session, user
 * and memberships are read together. Whenever better-auth would do more than read (the session has
 * expired and must be deleted, or is due to be extended), the request goes through better-auth itself.
 */
export async function loadViewer(
  deps: Pick<Deps, "auth" | "prisma" | "sessions" | "config">,
  headers: Headers,
): Promise<Viewer | null> {
  const cookies = headers.get("cookie");
  if (!cookies?.includes("session_token")) return null;
  const token = verifiedSessionToken(cookies, sessionCookieName(deps.config), deps.config.authSecret);
  if (!token) return null;
  const row = await deps.sessions(token);
  if (!row) return null;
  const refreshDueAt = new Date(row.expires_at).getTime() - (SESSION_EXPIRES_IN - SESSION_UPDATE_AGE) * 1000;
  if (refreshDueAt <= Date.now()) return loadViewerThroughAuth(deps, headers);
  return {
    userId: row.id,
    email: row.email,
    name: row.name,
    isPlatformAdmin: row.is_platform_admin,
    memberships: row.memberships,
  };
}

/** Reads a session, with its user and memberships, by its token (see createSessionReader). */
export type SessionReader = (token: string) => Promise<SessionRow | null>;

/**
 * Every request reads its session, so those that arrive together are read together, in one statement
 * (ADR 0014): a read made while `maxInFlight` reads run waits and goes with the others that waited.
 */
export function createSessionReader(db: Pick<Database, "sql">): SessionReader {
  return createBatcher(
    async (tokens) => {
      const { rows } = await db.sql.query<SessionRow & { token: string }>(
        `SELECT s.token, s.expires_at, u.id, u.email, u.name, u.is_platform_admin,
                coalesce((SELECT json_agg(json_build_object('organisationId', m.organisation_id, 'role', m.role, 'organisationKind', o.kind)
                                          ORDER BY m.created_at)
                            FROM membership m JOIN organisation o ON o.id = m.organisation_id
                           WHERE m.user_id = u.id), '[]'::json) AS memberships
           FROM session s JOIN "user" u ON u.id = s.user_id
          WHERE s.token = ANY($1::text[])`,
        [tokens],
      );
      const byToken = new Map(rows.map((row) => [row.token, row]));
      return tokens.map((token) => byToken.get(token) ?? null);
    },
    // One read in flight: a read takes one round trip, and under load the reads that wait for it go as one.
    { maxInFlight: 1, maxBatchSize: 200 },
  );
}

export interface SessionRow {
  expires_at: Date | string;
  id: string;
  email: string;
  name: string;
  is_platform_admin: boolean;
  memberships: { organisationId: string; role: MembershipRole; organisationKind: OrganisationKind }[];
}

/** The session token from a cookie header if its signature verifies, as better-call's getSignedCookie reads it. */
export function verifiedSessionToken(cookieHeader: string, cookieName: string, secret: string): string | null {
  const value = cookieValue(cookieHeader, cookieName);
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith("=")) return null;
  const expected = createHmac("sha256", secret).update(token).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

function cookieValue(header: string, name: string): string | null {
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}

/** The slow path: better-auth reads the session, deleting it if expired or extending it if due. */
async function loadViewerThroughAuth(deps: Pick<Deps, "auth" | "prisma">, headers: Headers): Promise<Viewer | null> {
  const session = await deps.auth.api.getSession({ headers, query: { disableCookieCache: true } });
  if (!session) return null;
  return loadViewerForUser(deps, session.user.id);
}

/** The viewer for a known user id (e.g. just after signing in, before the cookie comes back). */
export async function loadViewerForUser(deps: Pick<Deps, "prisma">, userId: string): Promise<Viewer | null> {
  const user = await deps.prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      isPlatformAdmin: true,
      memberships: { select: { organisationId: true, role: true, organisation: { select: { kind: true } } } },
    },
  });
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    isPlatformAdmin: user.isPlatformAdmin,
    memberships: user.memberships.map((m) => ({
      organisationId: m.organisationId,
      role: m.role,
      organisationKind: m.organisation.kind,
    })),
  };
}
