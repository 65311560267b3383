import DataLoader from "dataloader";

export interface BatcherOptions {
  /** Batches running at once; calls made while all are running wait and go together in the next batch. */
  maxInFlight: number;
  /** The most calls one batch takes. */
  maxBatchSize: number;
}

/**
 * Group commit for calls that crowd in (sessions read and bids submitted at a deadline, ADR 0014): a
 * call made while fewer than `maxInFlight` batches run starts a batch at once (with the calls made in
 * the same tick), so a quiet server adds no wait; under load, calls queue behind the running batches
 * and the next batch takes all that queued. `run` answers each key in order, with a value or the Error
 * for that key alone; if it throws, every call of the batch fails with that error.
 */
export function createBatcher<K, V>(
  run: (keys: readonly K[]) => Promise<(V | Error)[]>,
  options: BatcherOptions,
): (key: K) => Promise<V> {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const start = (dispatch: () => void) => {
    inFlight += 1;
    // DataLoader adds the first key after scheduling its batch: dispatch once this tick's calls joined it.
    process.nextTick(dispatch);
  };
  const loader = new DataLoader<K, V>(
    async (keys) => {
      try {
        return await run(keys);
      } finally {
        inFlight -= 1;
        const next = waiting.shift();
        if (next) start(next);
      }
    },
    {
      cache: false,
      maxBatchSize: options.maxBatchSize,
      batchScheduleFn: (dispatch) => (inFlight < options.maxInFlight ? start(dispatch) : waiting.push(dispatch)),
    },
  );
  return (key) => loader.load(key);
}
