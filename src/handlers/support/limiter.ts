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
