/** Polls `probe` until it returns true: for effects that happen after Slack was acked. */
export async function eventually(probe: () => Promise<boolean> | boolean, timeoutMs = 2000, what = "the condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} did not become true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
