// Bounded waits for the graceful stop: its steps share one deadline (SHUTDOWN_TIMEOUT_SECONDS).

export interface Deadline {
  /** Milliseconds left, never negative. */
  left(): number;
}

export function deadlineIn(ms: number): Deadline {
  const end = performance.now() + ms;
  return { left: () => Math.max(0, end - performance.now()) };
}

/** True when `work` settled within `ms`, false otherwise (it goes on); no timer is left behind. */
export async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([work.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
