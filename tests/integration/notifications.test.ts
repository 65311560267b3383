import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inject } from "vitest";
import { deliverNotification } from "@ccm/api/notifications/deliver-notification";
import { notify, type NotifyInput } from "@ccm/api/notifications/notify";
import { startWorkers, type RunningWorkers } from "@ccm/worker/start-workers";
import { signUpUser, unique } from "../support/fixtures.ts";
import { startTestApp, type GraphqlClient, type TestApp } from "../support/harness.ts";
import { createIsolatedDatabase } from "../support/isolated-database.ts";
import { startMailbox, type Mailbox } from "../support/mailbox.ts";

// Notifications end to end: a domain transaction calls notify(), the outbox relays the job to Redis, the
// worker delivers an in-app notification and an email through a real SMTP server, and the person reads
// them through GraphQL. The database and queue prefix are this file's own, so no other worker takes the jobs.

let database: Awaited<ReturnType<typeof createIsolatedDatabase>>;
let mailbox: Mailbox;
let app: TestApp;
let workers: RunningWorkers;

beforeAll(async () => {
  database = await createIsolatedDatabase("notifications");
  mailbox = await startMailbox();
  app = await startTestApp({
    DATABASE_URL: database.url,
    QUEUE_PREFIX: `${inject("queuePrefix")}-notifications`,
    SMTP_URL: mailbox.url,
    PUBLIC_URL: "https://marketplace.example",
  });
  workers = await startWorkers(app.deps, { queues: ["notifications"], concurrency: 2 });
});
afterAll(async () => {
  await workers?.close();
  await app?.close();
  await mailbox?.close();
  await database?.drop();
});

const NOTIFICATIONS = `query($unreadOnly: Boolean) { viewer { id unreadNotificationCount
  notifications(first: 10, unreadOnly: $unreadOnly) { edges { node { id kind title body link readAt createdAt } } } } }`;

interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
}

async function person() {
  const client = app.client();
  const signedUp = await signUpUser(client);
  const user = await app.deps.prisma.user.findUniqueOrThrow({ where: { email: signedUp.email } });
  return { client, userId: user.id, email: user.email, globalId: signedUp.id };
}

async function inbox(client: GraphqlClient, unreadOnly = false) {
  const data = await client.ok<{
    viewer: { unreadNotificationCount: number; notifications: { edges: { node: NotificationView }[] } };
  }>(NOTIFICATIONS, { unreadOnly });
  return { unread: data.viewer.unreadNotificationCount, items: data.viewer.notifications.edges.map((e) => e.node) };
}

/** What a domain operation does: change something and notify, in one transaction, then kick the relay. */
async function notifyAfterCommit(input: NotifyInput) {
  await app.deps.prisma.$transaction((tx) => notify(tx, input));
  app.deps.outbox.kick();
}

/** Notifies one at a time, waiting for each to arrive, so "newest first" has a known order. */
async function notifyInTurn(client: GraphqlClient, inputs: NotifyInput[]) {
  const start = (await inbox(client)).items.length;
  for (const [i, input] of inputs.entries()) {
    await notifyAfterCommit(input);
    await vi.waitFor(async () => expect((await inbox(client)).items).toHaveLength(start + i + 1), {
      timeout: 60_000,
      interval: 50,
    });
  }
}

function tenderAmended(userIds: string[], overrides: Partial<NotifyInput> = {}): NotifyInput {
  const tenderId = unique("tender");
  return {
    userIds,
    kind: "tender.amended",
    title: "A tender you are bidding on has changed",
    body: "Digital parking permits: the submission deadline has moved. Please check and re-confirm your bid.",
    link: `/tenders/${tenderId}`,
    dedupeKey: `tender-amended:${tenderId}:2`,
    ...overrides,
  };
}

// Each test waits for the worker several times; allow for a busy machine.
describe("notifications", { timeout: 180_000 }, () => {
  it("reach each recipient in the app and by email, once", async () => {
    const [alice, bob] = [await person(), await person()];
    const input = tenderAmended([alice.userId, bob.userId, alice.userId]);
    await notifyAfterCommit(input);

    await vi.waitFor(async () => expect((await inbox(alice.client)).items).toHaveLength(1), { timeout: 60_000, interval: 100 });
    const view = await inbox(alice.client);
    expect(view.unread).toBe(1);
    expect(view.items[0]).toMatchObject({
      kind: "tender.amended",
      title: input.title,
      body: input.body,
      link: input.link,
      readAt: null,
    });
    // Each email is stamped just after the mail server accepts it; wait for both stamps before retrying.
    await vi.waitFor(
      async () =>
        expect(
          await app.deps.prisma.notification.count({
            where: { userId: { in: [alice.userId, bob.userId] }, emailedAt: { not: null } },
          }),
        ).toBe(2),
      { timeout: 60_000, interval: 100 },
    );
    expect(mailbox.to(bob.email)).toHaveLength(1);
    const [email] = mailbox.to(alice.email);
    expect(email?.subject).toBe(input.title);
    expect(email?.raw).toContain("the submission deadline has moved");
    expect(email?.raw).toContain(`https://marketplace.example${input.link}`);
    expect(email?.from).toMatch(/no-reply@/);

    // A retried job (or the same cause notified again) adds no notification and sends no email.
    const again = await deliverNotification(app.deps, { ...input, userIds: [alice.userId, bob.userId] });
    expect(again).toEqual({ created: 0, emailed: 0 });
    await notifyAfterCommit(input);
    await app.deps.outbox.relayPending();
    expect((await inbox(alice.client)).items).toHaveLength(1);
    expect(mailbox.to(alice.email)).toHaveLength(1);
    expect(mailbox.to(bob.email)).toHaveLength(1);
  });

  it("sends nothing for a change that rolled back", async () => {
    const carol = await person();
    const input = tenderAmended([carol.userId]);
    await expect(
      app.deps.prisma.$transaction(async (tx) => {
        await notify(tx, input);
        throw new Error("publishing failed");
      }),
    ).rejects.toThrow("publishing failed");
    app.deps.outbox.kick();
    // A later notification for the same person arrives alone: the rolled-back one never existed.
    await notifyAfterCommit(tenderAmended([carol.userId], { title: "Later news" }));
    await vi.waitFor(async () => expect((await inbox(carol.client)).items).toHaveLength(1), { timeout: 60_000, interval: 100 });
    expect((await inbox(carol.client)).items[0]?.title).toBe("Later news");
    expect(
      await app.deps.prisma.outboxMessage.count({ where: { payload: { path: ["dedupeKey"], equals: input.dedupeKey } } }),
    ).toBe(0);
  });

  it("retries a refused email and then sends it exactly once", async () => {
    const dan = await person();
    mailbox.refuseNext(1);
    await notifyAfterCommit(tenderAmended([dan.userId], { title: "Your bid was received" }));
    await vi.waitFor(() => expect(mailbox.to(dan.email)).toHaveLength(1), { timeout: 60_000, interval: 200 });
    // The worker stamps emailedAt just after the mail server accepts the message, so wait for that too.
    await vi.waitFor(
      async () => {
        const rows = await app.deps.prisma.notification.findMany({ where: { userId: dan.userId } });
        expect(rows).toHaveLength(1);
        expect(rows[0]?.emailedAt).not.toBeNull();
      },
      { timeout: 60_000, interval: 100 },
    );
    expect(mailbox.to(dan.email)).toHaveLength(1);
  });

  it("can be in-app only", async () => {
    const erin = await person();
    const before = mailbox.received.length;
    await notifyAfterCommit(tenderAmended([erin.userId], { email: false }));
    await vi.waitFor(async () => expect((await inbox(erin.client)).items).toHaveLength(1), { timeout: 60_000, interval: 100 });
    expect(mailbox.to(erin.email)).toHaveLength(0);
    expect(mailbox.received.length).toBe(before);
  });

  it("fails an invalid job once, without retrying", async () => {
    const jobId = `notify-${unique("invalid")}`;
    await app.deps.queues.add({
      queue: "notifications",
      name: "send-notification",
      jobId,
      payload: { userIds: [], kind: "x", title: "", body: "", dedupeKey: "x" },
    });
    const queue = app.deps.queues.queue("notifications");
    await vi.waitFor(async () => expect(await queue.getJobState(jobId)).toBe("failed"), { timeout: 60_000, interval: 100 });
    const job = await queue.getJob(jobId);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toMatch(/^VALIDATION_FAILED/);
  });

  it("marks one or all as read, only for their owner", async () => {
    const [frank, mallory] = [await person(), await person()];
    await notifyInTurn(
      frank.client,
      ["First", "Second", "Third"].map((title) => tenderAmended([frank.userId], { title, email: false })),
    );
    const [newest, , oldest] = (await inbox(frank.client)).items;
    expect(newest?.title).toBe("Third");
    expect(oldest?.title).toBe("First");

    const MARK = `mutation($id: ID!) { markNotificationRead(id: $id) { __typename
      ... on MarkNotificationReadSuccess { data { id readAt } } ... on Error { code } } }`;
    // Someone else's id is "not found", and changes nothing.
    const attack = await mallory.client.ok(MARK, { id: oldest!.id });
    expect(attack.markNotificationRead).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND" });
    expect((await mallory.client.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: oldest!.id })).node).toBeNull();
    expect((await mallory.client.ok(`mutation { markAllNotificationsRead { __typename } }`)).markAllNotificationsRead).toEqual({
      __typename: "MarkAllNotificationsReadSuccess",
    });
    expect((await inbox(frank.client)).unread).toBe(3);
    // Nor can anyone read another person's notifications through their user object.
    const peek = await mallory.client.ok(
      `query($id: ID!) { node(id: $id) { ... on User { unreadNotificationCount notifications(first: 5) { edges { node { id } } } } } }`,
      { id: frank.globalId },
    );
    // (Whether a stranger may load the User at all is the User type's rule; either way nothing leaks.)
    expect([null, { unreadNotificationCount: 0, notifications: { edges: [] } }]).toContainEqual(peek.node);
    expect((await app.client().ok(MARK, { id: oldest!.id })).markNotificationRead.__typename).toBe("UnauthenticatedError");
    expect((await frank.client.ok(MARK, { id: "not-an-id" })).markNotificationRead.__typename).toBe("NotFoundError");

    const read = await frank.client.ok(MARK, { id: oldest!.id });
    expect(read.markNotificationRead.data.readAt).not.toBeNull();
    const afterOne = await inbox(frank.client);
    expect(afterOne.unread).toBe(2);
    expect((await inbox(frank.client, true)).items.map((n) => n.title)).toEqual(["Third", "Second"]);
    // Reading it again keeps the first read time.
    expect((await frank.client.ok(MARK, { id: oldest!.id })).markNotificationRead.data.readAt).toBe(
      read.markNotificationRead.data.readAt,
    );

    const all = await frank.client.ok(`mutation { markAllNotificationsRead { __typename
      ... on MarkAllNotificationsReadSuccess { data { unreadNotificationCount } } } }`);
    expect(all.markAllNotificationsRead.data.unreadNotificationCount).toBe(0);
    expect((await inbox(frank.client, true)).items).toEqual([]);
  });

  it("pages through notifications with first/after", async () => {
    const grace = await person();
    await notifyInTurn(
      grace.client,
      [1, 2, 3, 4, 5].map((i) => tenderAmended([grace.userId], { title: `News ${i}`, email: false })),
    );
    const PAGE = `query($after: String) { viewer { notifications(first: 2, after: $after) {
      edges { node { title } } pageInfo { hasNextPage endCursor } } } }`;
    const titles: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: {
        viewer: {
          notifications: { edges: { node: { title: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
        };
      } = await grace.client.ok(PAGE, { after });
      titles.push(...data.viewer.notifications.edges.map((e) => e.node.title));
      if (!data.viewer.notifications.pageInfo.hasNextPage) break;
      after = data.viewer.notifications.pageInfo.endCursor;
    }
    expect(titles).toEqual(["News 5", "News 4", "News 3", "News 2", "News 1"]);
  });
});
