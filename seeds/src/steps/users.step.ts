import { hashPassword } from "@ccm/api/auth/auth";
import { demoPlan } from "../plan.ts";
import type { SeedStep } from "../step.ts";

/** Demo users in every role, with password accounts that sign in through better-auth. */
export const usersStep: SeedStep = {
  name: "users",
  title: "Users in every role",
  async run({ prisma, refs, progress, created }) {
    const users = demoPlan().users;
    const total = users.length;
    const { count } = await prisma.user.createMany({
      data: users.map((u) => ({ email: u.email, name: u.name, emailVerified: true, isPlatformAdmin: u.isPlatformAdmin })),
      skipDuplicates: true,
    });
    created("users", count);
    const rows = await prisma.user.findMany({
      where: { email: { in: users.map((u) => u.email) } },
      select: { id: true, email: true },
    });
    for (const row of rows) refs.users.set(row.email, row);
    progress(Math.round(total / 3), total);

    // better-auth's own shape for a password login: a "credential" account whose accountId is the user id.
    // An existing account keeps its password (and its hash, whose salt differs on every hashing).
    const withAccount = new Set(
      (
        await prisma.account.findMany({
          where: { providerId: "credential", userId: { in: rows.map((r) => r.id) } },
          select: { userId: true },
        })
      ).map((a) => a.userId),
    );
    const needed = users.filter((u) => !withAccount.has(refs.user(u.email).id));
    // Argon2id is deliberately slow: hash each distinct password once, not once per user.
    const hashes = new Map<string, string>();
    for (const password of new Set(needed.map((u) => u.password))) hashes.set(password, await hashPassword(password));
    const accounts = await prisma.account.createMany({
      data: needed.map((u) => {
        const userId = refs.user(u.email).id;
        return { userId, accountId: userId, providerId: "credential", password: hashes.get(u.password)! };
      }),
    });
    created("accounts", accounts.count);
    progress(Math.round((total * 2) / 3), total);

    const memberships = await prisma.membership.createMany({
      data: users.flatMap((u) => {
        if (!u.membership) return [];
        const { kind, slug, role } = u.membership;
        const organisation = kind === "COUNCIL" ? refs.council(slug) : refs.supplier(slug);
        return [{ userId: refs.user(u.email).id, organisationId: organisation.id, role }];
      }),
      skipDuplicates: true,
    });
    created("memberships", memberships.count);
    progress(total, total);
  },
};
