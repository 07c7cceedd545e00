// The use cases the Slack handlers may call, bound to their dependencies once in the composition
// root. Handlers see this interface only, never the database.
import type { Clock } from "../clock";
import type { Db } from "../db";
import type { Log } from "../logger";
import { claimDelivery, pruneDeliveries, releaseDelivery } from "./slack-deliveries/claim-delivery";
import { resolveActor } from "./staff/resolve-actor";

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  log: Log;
  adminSlackIds: readonly string[];
}

export function createServices(deps: ServiceDeps) {
  return {
    resolveActor: (slackUserId: string) => resolveActor(deps, slackUserId),
    claimDelivery: (options: { key: string; kind: string }) => claimDelivery(deps, options),
    releaseDelivery: (key: string) => releaseDelivery(deps, key),
    pruneDeliveries: (options: { olderThanHours: number }) => pruneDeliveries(deps, options),
  };
}

export type Services = ReturnType<typeof createServices>;
