import type { MembershipRole } from "@ccm/prisma";
import { planCouncils, type CouncilSlug } from "./data/councils.ts";
import { FEATURED_SUPPLIERS } from "./data/suppliers.ts";

// Demo accounts live on a reserved domain (RFC 2606 `.example`), so no email can ever reach a real inbox.
export const DEMO_EMAIL_DOMAIN = "demo.marketplace.example";

/** One password per kind of account, written in the README: these are public demo accounts. */
export const DEMO_PASSWORDS = {
  platform: "platform-demo-password",
  council: "council-demo-password",
  supplier: "supplier-demo-password",
} as const;

export const PLATFORM_ADMIN_EMAIL = `platform.admin@${DEMO_EMAIL_DOMAIN}`;
export const PLATFORM_NAME = "Connected Councils Marketplace";

/** Every seeded organisation has users named `<role>.<organisation slug>@demo.marketplace.example`. */
export function demoEmail(role: MembershipRole, organisationSlug: string): string {
  return `${role.toLowerCase()}.${organisationSlug}@${DEMO_EMAIL_DOMAIN}`;
}

function councilName(slug: CouncilSlug): string {
  const council = planCouncils().find((c) => c.slug === slug);
  if (!council) throw new Error(`no demo council ${slug}`);
  return council.name;
}

function supplierName(slug: string): string {
  const supplier = FEATURED_SUPPLIERS.find((s) => s.slug === slug);
  if (!supplier) throw new Error(`no featured supplier ${slug}`);
  return supplier.name;
}

const council = (role: MembershipRole, label: string, slug: CouncilSlug) => ({
  role: label,
  email: demoEmail(role, slug),
  password: DEMO_PASSWORDS.council,
  organisation: councilName(slug),
});
const supplier = (role: MembershipRole, label: string, slug: string) => ({
  role: label,
  email: demoEmail(role, slug),
  password: DEMO_PASSWORDS.supplier,
  organisation: supplierName(slug),
});

/**
 * The sign-ins the README lists (the start script prints them too). The role's last word is the
 * membership role; Leeds leads a consortium, Brightwater is a high-growth small supplier, Kestrel a
 * micro supplier, Ashgrove a medium one and Granite a large one.
 */
export const DEMO_SIGN_INS: { role: string; email: string; password: string; organisation: string }[] = [
  { role: "Platform admin", email: PLATFORM_ADMIN_EMAIL, password: DEMO_PASSWORDS.platform, organisation: PLATFORM_NAME },
  council("ADMIN", "Council admin", "leeds"),
  council("BUYER", "Council buyer", "leeds"),
  council("EVALUATOR", "Council evaluator", "leeds"),
  council("BUYER", "Council buyer", "manchester"),
  supplier("ADMIN", "Supplier admin", "brightwater-digital"),
  supplier("BIDDER", "Supplier bidder", "brightwater-digital"),
  supplier("BIDDER", "Supplier bidder", "kestrel-civic-labs"),
  supplier("BIDDER", "Supplier bidder", "ashgrove-data"),
  supplier("BIDDER", "Supplier bidder", "granite-public-systems"),
];

const COLUMNS = [
  ["Role", "role"],
  ["Email", "email"],
  ["Password", "password"],
  ["Organisation", "organisation"],
] as const;

/** The sign-ins as an aligned plain-text table, for terminals (`pnpm seed`, `pnpm start`). */
export function formatDemoSignIns(): string {
  const widths = COLUMNS.map(([title, key]) => Math.max(title.length, ...DEMO_SIGN_INS.map((s) => s[key].length)));
  const row = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [
    row(COLUMNS.map(([title]) => title)),
    row(widths.map((w) => "-".repeat(w))),
    ...DEMO_SIGN_INS.map((s) => row(COLUMNS.map(([, key]) => s[key]))),
  ].join("\n");
}

/** The sign-ins as the Markdown table in the README (seeds/src/readme.test.ts keeps the two equal). */
export function demoSignInsMarkdown(): string {
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [
    row(COLUMNS.map(([title]) => title)),
    row(COLUMNS.map(() => "---")),
    ...DEMO_SIGN_INS.map((s) =>
      row(COLUMNS.map(([, key]) => (key === "email" || key === "password" ? `\`${s[key]}\`` : s[key]))),
    ),
  ].join("\n");
}
