import type { Clock } from "../../clock";
import type { DbOrTx } from "../../db";

/**
 * Records a Slack delivery by key and tells whether this is the first time it was seen.
 * Slack retries events (same event_id) and people double-click; both must act once.
 */
export async function claimDelivery(deps: { db: DbOrTx; clock: Clock }, options: { key: string; kind: string }): Promise<boolean> {
  const inserted = await deps.db.$executeRaw`
    INSERT INTO "SlackDelivery" ("key", "kind", "receivedAt") VALUES (${options.key}, ${options.kind}, ${deps.clock.now()})
    ON CONFLICT ("key") DO NOTHING`;
  return inserted === 1;
}

/** Gives a claim back when handling failed, so that Slack's next retry is handled rather than dropped. */
export async function releaseDelivery(deps: { db: DbOrTx }, key: string): Promise<void> {
  await deps.db.slackDelivery.deleteMany({ where: { key } });
}

/** Forgets deliveries older than Slack's retry window, so the table stays small. */
export async function pruneDeliveries(deps: { db: DbOrTx; clock: Clock }, options: { olderThanHours: number }): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - options.olderThanHours * 3_600_000);
  const result = await deps.db.slackDelivery.deleteMany({ where: { receivedAt: { lt: cutoff } } });
  return result.count;
}
