import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";

/** Resolves the session cookie in `headers` to the signed-in person and their memberships, or null. */
export async function loadViewer(deps: Pick<Deps, "auth" | "prisma">, headers: Headers): Promise<Viewer | null> {
  if (!headers.get("cookie")?.includes("session_token")) return null;
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
