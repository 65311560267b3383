/** When the demo organisations were verified: a fixed instant, so the seeded data is the same on every run. */
export const SEEDED_AT = new Date("2025-06-02T09:00:00.000Z");
