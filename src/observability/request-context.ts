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
