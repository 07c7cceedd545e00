// Which Slack request the running code serves, so that every log line written for it — before and
// after its ack, down to the services and the Web API calls — names it without an id being passed
// through every call (src/logger.ts reads it for each line).
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  /** Slack's envelope id in Socket Mode; generated for an HTTP request. */
  requestId: string;
  /** When the request reached the bot (performance.now()), for the ack latency. */
  receivedAt: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

export function runInRequest<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/**
 * What is left of `budgetMs` since the running request reached the bot (never below 0); the whole
 * budget outside a request. Slack's deadlines (the ack's, a trigger's) run from the arrival, not
 * from when a busy event loop got to the listener.
 */
export function msLeftSinceArrival(budgetMs: number, now = performance.now()): number {
  const receivedAt = currentRequest()?.receivedAt;
  return receivedAt === undefined ? budgetMs : Math.max(0, budgetMs - (now - receivedAt));
}
