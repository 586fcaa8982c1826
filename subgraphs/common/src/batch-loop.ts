/**
 * Work done in batches now and then, as the outbox dispatcher and the search indexer do it: at
 * once when woken, again straight away while batches come back full or a wake arrived meanwhile,
 * otherwise every `intervalMs` (every `retryMs` while batches fail). One batch runs at a time.
 */
export interface BatchLoop {
  /** Runs batches now, or right after the one in flight; resolves when they are done. */
  wake(): Promise<void>;
  /** Starts no new batch and waits for the one in flight. */
  stop(): Promise<void>;
  readonly stopped: boolean;
}

export function startBatchLoop(options: {
  /** Does one batch; returns how many items it took. */
  runBatch: () => Promise<number>;
  batchSize: number;
  intervalMs: number;
  retryMs?: number;
  /** `failures` counts the failed rounds in a row, 1 for the first. */
  onError: (error: unknown, failures: number) => void;
}): BatchLoop {
  const { runBatch, batchSize, intervalMs } = options;
  const retryMs = options.retryMs ?? intervalMs;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let failures = 0;

  async function pump() {
    try {
      let taken: number;
      do {
        again = false;
        taken = await runBatch();
      } while (!stopped && (again || taken === batchSize));
      failures = 0;
    } catch (error) {
      options.onError(error, ++failures);
    }
  }

  function wake(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    clearTimeout(timer);
    running = pump().finally(() => {
      running = undefined;
      if (stopped) return;
      timer = setTimeout(() => void wake(), failures > 0 ? retryMs : intervalMs);
      timer.unref();
    });
    return running;
  }

  void wake();

  return {
    wake,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    get stopped() {
      return stopped;
    },
  };
}
