import { describe, expect, it } from "vitest";
import { createBatcher } from "./batcher.ts";

/** A run whose batches finish only when the test says so, recording what each batch held. */
function controlledRun() {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const run = async (keys: readonly number[]) => {
    batches.push([...keys]);
    await new Promise<void>((resolve) => finish.push(resolve));
    return keys.map((k) => (k < 0 ? new Error(`no ${k}`) : k * 10));
  };
  return { run, batches, finishNext: () => finish.shift()?.() };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("createBatcher (group commit)", () => {
  it("runs a lone call at once, alone", async () => {
    const { run, batches, finishNext } = controlledRun();
    const load = createBatcher(run, { maxInFlight: 1, maxBatchSize: 10 });
    const answer = load(1);
    await settle();
    expect(batches).toEqual([[1]]);
    finishNext();
    expect(await answer).toBe(10);
  });

  it("sends the calls made while a batch runs together in the next batch", async () => {
    const { run, batches, finishNext } = controlledRun();
    const load = createBatcher(run, { maxInFlight: 1, maxBatchSize: 10 });
    const first = load(1);
    await settle();
    const waiting = [load(2), load(3)];
    await settle();
    const later = load(4);
    await settle();
    expect(batches).toEqual([[1]]);
    finishNext();
    await settle();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finishNext();
    expect(await Promise.all([first, ...waiting, later])).toEqual([10, 20, 30, 40]);
  });

  it("keeps up to maxInFlight batches running and caps each at maxBatchSize", async () => {
    const { run, batches, finishNext } = controlledRun();
    const load = createBatcher(run, { maxInFlight: 2, maxBatchSize: 2 });
    const first = load(1);
    await settle();
    const second = load(2);
    await settle();
    const queued = [3, 4, 5].map((k) => load(k));
    await settle();
    expect(batches).toEqual([[1], [2]]);
    finishNext();
    await settle();
    expect(batches).toEqual([[1], [2], [3, 4]]);
    finishNext();
    await settle();
    expect(batches).toEqual([[1], [2], [3, 4], [5]]);
    finishNext();
    finishNext();
    expect(await Promise.all([first, second, ...queued])).toEqual([10, 20, 30, 40, 50]);
  });

  it("fails only the call whose answer is an Error, and every call of a batch that throws", async () => {
    const { run, finishNext } = controlledRun();
    const load = createBatcher(run, { maxInFlight: 1, maxBatchSize: 10 });
    const [good, bad] = [load(1), load(-1)];
    await settle();
    finishNext();
    expect(await good).toBe(10);
    await expect(bad).rejects.toThrow("no -1");

    const broken = createBatcher<number, number>(
      async () => {
        throw new Error("the database is down");
      },
      { maxInFlight: 1, maxBatchSize: 10 },
    );
    const results = await Promise.allSettled([broken(1), broken(2)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    // A failed batch frees its slot: the next call runs.
    const { run: run2, finishNext: finish2 } = controlledRun();
    let fail = true;
    const recovering = createBatcher<number, number>(
      (keys) => {
        if (fail) {
          fail = false;
          return Promise.reject(new Error("once"));
        }
        return run2(keys);
      },
      { maxInFlight: 1, maxBatchSize: 10 },
    );
    await expect(recovering(1)).rejects.toThrow("once");
    const next = recovering(2);
    await settle();
    finish2();
    expect(await next).toBe(20);
  });
});
