import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDeps, createDeps, loadConfig, type Deps } from "@ccm/api";
import { DEMO_SIGN_INS, isSeeded, seedDemoData, type SeedSummary } from "@ccm/seeds";
import { demoPlan } from "@ccm/seeds/plan";
import { deriveTenderStatus, TENDER_STATUSES } from "@ccm/api/tenders/tender-status";
import { startTestApp, type TestApp } from "../support/harness.ts";

// The seed writes 76 organisations and 169 users, which would show up in other files' searches and
// matches if it ran in the shared run database: it gets two databases of its own instead (a fresh one to
// seed twice, and another to show that a fresh seed gives the same data).
const runUrl = inject("databaseUrl");
const adminUrl = runUrl.replace(/\/[^/]*$/, "/postgres");
const runName = runUrl.slice(runUrl.lastIndexOf("/") + 1);
const databases = { first: `${runName}_seeds_a`, second: `${runName}_seeds_b` };
const urlOf = (name: string) => runUrl.replace(/\/[^/]*$/, `/${name}`);

let app: TestApp;
let other: Deps;
let firstRun: SeedSummary;
const progress: { step: string; done: number; total: number }[] = [];

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Every table's row count and a digest of all its rows: equal digests mean nothing changed. */
async function tableDigests(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const digests: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ n: string; digest: string | null }>(
        `SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${name}" t`,
      );
      digests[name] = `${rows[0]!.n} rows, ${rows[0]!.digest ?? "-"}`;
    }
    return digests;
  } finally {
    await client.end();
  }
}

/** What the seed wrote, by natural keys only (ids and creation times differ between databases). */
async function seededContent(deps: Deps) {
  const organisations = await deps.prisma.organisation.findMany({
    orderBy: { name: "asc" },
    select: {
      kind: true,
      name: true,
      gssCode: true,
      councilCode: true,
      itl1Code: true,
      companiesHouseNumber: true,
      description: true,
      website: true,
      regionsServed: true,
      capabilityCpvCodes: true,
      accreditations: true,
      verifiedAt: true,
      supplierYears: {
        orderBy: { year: "asc" },
        select: { year: true, headcount: true, turnoverPence: true, balanceSheetPence: true },
      },
      memberships: { orderBy: { user: { email: "asc" } }, select: { role: true, user: { select: { email: true } } } },
    },
  });
  const consortia = await deps.prisma.consortium.findMany({
    orderBy: { name: "asc" },
    select: {
      name: true,
      leadCouncil: { select: { name: true } },
      members: { orderBy: { council: { name: "asc" } }, select: { council: { select: { name: true } } } },
    },
  });
  const users = await deps.prisma.user.findMany({
    orderBy: { email: "asc" },
    select: { email: true, name: true, isPlatformAdmin: true, accounts: { select: { providerId: true } } },
  });
  return { organisations, consortia, users };
}

beforeAll(async () => {
  await admin(async (client) => {
    for (const name of Object.values(databases)) await client.query(`CREATE DATABASE ${name}`);
  });
  // Its own queue prefix too, so no worker of another file picks up a job meant for these databases.
  const queuePrefix = `${inject("queuePrefix")}-seeds`;
  app = await startTestApp({ DATABASE_URL: urlOf(databases.first), QUEUE_PREFIX: queuePrefix });
  other = await createDeps(
    loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: urlOf(databases.second),
      REDIS_URL: inject("redisUrl"),
      QUEUE_PREFIX: queuePrefix,
    }),
  );
  firstRun = await seedDemoData(app.deps, { onProgress: (p) => progress.push(p) });
});

afterAll(async () => {
  await app?.close();
  if (other) await closeDeps(other);
  await admin(async (client) => {
    for (const name of Object.values(databases)) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
});

describe("demo data", () => {
  it("seeds councils, consortia, suppliers and users, showing progress for every step", async () => {
    const createdBy = Object.fromEntries(firstRun.steps.map((step) => [step.name, step.created]));
    expect(createdBy).toMatchObject({
      councils: { organisations: 16 },
      consortia: { consortia: 4, "consortium members": 13 },
      suppliers: { organisations: 60, "supplier years": 240, "supplier sizes": 60 },
      users: { users: 169, accounts: 169, memberships: 168 },
    });
    const steps = [...new Set(progress.map((p) => p.step))];
    expect(steps).toEqual(firstRun.steps.map((s) => s.name));
    expect(steps.slice(0, 4)).toEqual(["councils", "consortia", "suppliers", "users"]);
    for (const step of steps) {
      const last = progress.filter((p) => p.step === step).at(-1)!;
      expect(last.done, step).toBe(last.total);
    }
    expect(await isSeeded(app.deps.prisma)).toBe(true);
  });

  it("changes nothing when run again", async () => {
    const before = await tableDigests(urlOf(databases.first));
    const again = await seedDemoData(app.deps);
    expect(Object.values(again.created).every((n) => n === 0)).toBe(true);
    expect(await tableDigests(urlOf(databases.first))).toEqual(before);
  });

  it("writes the same data into a fresh database", async () => {
    expect(await isSeeded(other.prisma)).toBe(false);
    await seedDemoData(other);
    expect(await seededContent(other)).toEqual(await seededContent(app.deps));
  });

  it("has real councils with their GSS code and region, and consortia led by one of them", async () => {
    const councils = await app.deps.prisma.organisation.findMany({ where: { kind: "COUNCIL" } });
    expect(councils.length).toBeGreaterThanOrEqual(12);
    expect(new Set(councils.map((c) => c.itl1Code)).size).toBe(12);
    expect(councils.find((c) => c.gssCode === "E08000035")).toMatchObject({ name: "Leeds City Council", itl1Code: "TLE" });
    const consortia = await app.deps.prisma.consortium.findMany({ include: { members: true } });
    expect(consortia.length).toBeGreaterThanOrEqual(3);
    for (const consortium of consortia) {
      expect(consortium.members.length).toBeGreaterThanOrEqual(2);
      expect(consortium.members.map((m) => m.councilId)).toContain(consortium.leadCouncilId);
    }
  });

  it("has suppliers of every size, high-growth ones among them, with four years of figures each", async () => {
    const suppliers = await app.deps.prisma.organisation.findMany({
      where: { companiesHouseNumber: { in: demoPlan().suppliers.map((s) => s.companiesHouseNumber) } },
      include: { supplierYears: { orderBy: { year: "asc" } } },
    });
    expect(suppliers).toHaveLength(60);
    for (const s of suppliers) expect(s.supplierYears.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025]);
    const sizes = new Set(suppliers.map((s) => s.supplierSize));
    expect([...sizes].sort()).toEqual(["LARGE", "MEDIUM", "MICRO", "SMALL"]);
    expect(suppliers.filter((s) => s.isHighGrowth).length).toBeGreaterThanOrEqual(8);
    expect(suppliers.every((s) => s.sizeReason && s.growthReason)).toBe(true);
    expect(suppliers.every((s) => s.capabilityCpvCodes.length > 0 && s.regionsServed.length > 0)).toBe(true);
  });

  it("has tenders in every state, with nothing dated in the future and every bid received in its tender's period", async () => {
    const now = new Date();
    const tenders = await app.deps.prisma.tender.findMany({ include: { bids: true } });
    const states = new Set(tenders.map((t) => deriveTenderStatus(t, now)));
    expect([...states].sort()).toEqual([...TENDER_STATUSES].sort());
    for (const t of tenders) {
      for (const at of [t.publishedAt, t.amendedAt, t.closedAt, t.evaluationStartedAt, t.cancelledAt])
        if (at) expect(at.getTime(), t.title).toBeLessThanOrEqual(now.getTime());
      for (const bid of t.bids.filter((b) => b.submittedAt)) {
        expect(bid.submittedAt!.getTime(), t.title).toBeLessThan(Math.min(now.getTime(), t.submissionDeadline.getTime()));
        expect(bid.submittedAt!.getTime(), t.title).toBeGreaterThan(t.publishedAt!.getTime());
      }
    }
  });

  it("shows each featured supplier's size and growth to its bidder", async () => {
    const expected: Record<string, { supplierSize: string; isHighGrowth: boolean }> = {
      "Brightwater Digital Ltd": { supplierSize: "SMALL", isHighGrowth: true },
      "Kestrel Civic Labs Ltd": { supplierSize: "MICRO", isHighGrowth: false },
      "Ashgrove Data Ltd": { supplierSize: "MEDIUM", isHighGrowth: false },
      "Granite Public Systems plc": { supplierSize: "LARGE", isHighGrowth: false },
    };
    for (const signIn of DEMO_SIGN_INS.filter((s) => s.role === "Supplier bidder")) {
      const person = app.client();
      await person.ok(
        `mutation($input: SignInInput!) { signIn(input: $input) { __typename ... on SignInSuccess { data { id } } } }`,
        {
          input: { email: signIn.email, password: signIn.password },
        },
      );
      const { viewer } = await person.ok(`{ viewer { memberships { organisation { name supplierSize isHighGrowth } } } }`);
      expect(viewer.memberships[0].organisation).toEqual({ name: signIn.organisation, ...expected[signIn.organisation] });
    }
  });

  it("lets every demo sign-in sign in and see its organisation", async () => {
    const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { __typename ... on SignInSuccess { data { id } } } }`;
    const VIEWER = `{ viewer { email isPlatformAdmin memberships { role organisation { name } } } }`;
    for (const signIn of DEMO_SIGN_INS) {
      const person = app.client();
      const result = await person.ok(SIGN_IN, { input: { email: signIn.email, password: signIn.password } });
      expect(result.signIn.__typename, signIn.email).toBe("SignInSuccess");
      const { viewer } = await person.ok(VIEWER);
      expect(viewer.email).toBe(signIn.email);
      if (signIn.role === "Platform admin") {
        expect(viewer.isPlatformAdmin).toBe(true);
      } else {
        // The role's last word is the membership role: "Council buyer" is a BUYER.
        const role = signIn.role.split(" ").at(-1)!.toUpperCase();
        expect(viewer.memberships, signIn.email).toEqual([{ role, organisation: { name: signIn.organisation } }]);
      }
    }
  });

  it("refuses a demo user's email with another kind's password", async () => {
    const buyer = DEMO_SIGN_INS.find((s) => s.role === "Council buyer")!;
    const result = await app
      .client()
      .ok(`mutation($input: SignInInput!) { signIn(input: $input) { __typename ... on Error { code } } }`, {
        input: { email: buyer.email, password: "supplier-demo-password" },
      });
    expect(result.signIn.__typename).toBe("UnauthenticatedError");
  });
});
