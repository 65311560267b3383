import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookieName } from "@ccm/api/auth/auth";
import { loadViewer } from "@ccm/api/auth/viewer";
import { startTestApp, type TestApp } from "../support/harness.ts";
import { supplier, type Supplier } from "../support/tender-fixtures.ts";

// Every API request reads its session in one statement, checking the cookie's signature itself, and
// leaves better-auth to delete an expired session or extend one that is due (ADR 0013). These are the
// cases where that shortcut could let the wrong person in, or keep someone out.

let app: TestApp;
let sam: Supplier;

beforeAll(async () => {
  app = await startTestApp();
  sam = await supplier(app);
});
afterAll(async () => {
  await app?.close();
});

async function newestSession(userId: string) {
  return app.deps.prisma.session.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: "desc" } });
}

/** The Cookie header a browser sends, signed as better-auth signs it (or with another secret). */
function cookieFor(token: string, secret = app.deps.config.authSecret): Headers {
  const signature = createHmac("sha256", secret).update(token).digest("base64");
  return new Headers({ cookie: `other=1; ${sessionCookieName(app.deps.config)}=${encodeURIComponent(`${token}.${signature}`)}` });
}

describe("reading the session", () => {
  it("finds the person and their memberships from a signed cookie, and nobody from a forged or unknown one", async () => {
    const { token } = await newestSession(sam.bidder.userId);
    const viewer = await loadViewer(app.deps, cookieFor(token));
    expect(viewer).toMatchObject({ userId: sam.bidder.userId, email: sam.bidder.email, isPlatformAdmin: false });
    expect(viewer!.memberships).toEqual([{ organisationId: sam.dbId, organisationKind: "SUPPLIER", role: "ADMIN" }]);

    expect(await loadViewer(app.deps, cookieFor(token, "not-the-secret-0123456789abcdef0123456789"))).toBeNull();
    expect(await loadViewer(app.deps, cookieFor(`${token}x`))).toBeNull();
    expect(await loadViewer(app.deps, new Headers({ cookie: `${sessionCookieName(app.deps.config)}=${token}` }))).toBeNull();
  });

  it("sees a membership removed on the very next request (nothing is cached)", async () => {
    const colleague = await supplier(app);
    const { token } = await newestSession(colleague.bidder.userId);
    expect((await loadViewer(app.deps, cookieFor(token)))!.memberships).toHaveLength(1);
    await app.deps.prisma.membership.deleteMany({ where: { userId: colleague.bidder.userId } });
    expect((await loadViewer(app.deps, cookieFor(token)))!.memberships).toEqual([]);
  });

  it("lets better-auth end an expired session and extend one that is due", async () => {
    const other = await supplier(app);
    const session = await newestSession(other.bidder.userId);

    // Due: less than 6 of its 7 days left. The read goes through better-auth, which extends it.
    const due = new Date(Date.now() + 5 * 24 * 3600 * 1000);
    await app.deps.prisma.session.update({ where: { id: session.id }, data: { expiresAt: due } });
    expect((await loadViewer(app.deps, cookieFor(session.token)))?.userId).toBe(other.bidder.userId);
    const extended = await app.deps.prisma.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(extended.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * 24 * 3600 * 1000);

    await app.deps.prisma.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await loadViewer(app.deps, cookieFor(session.token))).toBeNull();
    expect(await app.deps.prisma.session.findUnique({ where: { id: session.id } })).toBeNull();
  });
});
