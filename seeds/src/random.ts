import { base, en, en_GB, Faker } from "@faker-js/faker";

// Demo data is generated, but always the same: every generator gets its own Faker seeded from a fixed
// label, so adding a step or a record elsewhere never reshuffles what the others produce.
export const DEMO_SEED = "connected-councils-demo-v1";

/** 32-bit FNV-1a: a stable number from a label (stable across Node versions, unlike Math.random). */
export function seedFrom(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i += 1) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A British-English Faker whose output depends only on `label`. */
export function createFaker(label: string): Faker {
  return new Faker({ locale: [en_GB, en, base], seed: seedFrom(`${DEMO_SEED}:${label}`) });
}
