// Events are acked before they are handled, so a burst (a technician's crew all replying at once,
// or Slack replaying a backlog) would start every handler together. They would then queue for the
// database pool, and a transaction that waits too long for a connection fails — after the ack, so
// nothing retries it. A limiter lets a few run at once and keeps the rest waiting in order.

export type Limiter = <T>(work: () => Promise<T>) => Promise<T>;

export function createLimiter(concurrency: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running -= 1;
    waiting.shift()?.();
  };
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await work();
    } finally {
      release();
    }
  };
}

export type KeyedQueue = <T>(key: string, work: () => Promise<T>) => Promise<T>;

/**
 * Work with the same key runs one after another, in the order it arrived; other keys run freely.
 * A technician's "arrived" then "hours 2" in one thread must be handled in that order, although
 * both events were acked at once.
 */
export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    const tail = next.catch(() => undefined);
    tails.set(key, tail);
    // Forget the key once nothing more is queued behind this work.
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return next;
  };
}
