// Delivered Slack event ids are only needed for Slack's retry window (minutes); keep
// SLACK_DEDUPE_HOURS of them (a day by default) so the table stays small.
import type { Job } from "./types";

const NAME = "prune-deliveries";

export const pruneDeliveriesJob: Job = {
  name: NAME,
  schedule: "17 * * * *",
  perBranch: false,
  // One run per UTC hour.
  periodKey: ({ now }) => `${NAME}:${now.toISOString().slice(0, 13)}`,
  async run({ deps }) {
    const pruned = await deps.services.pruneDeliveries({ olderThanHours: deps.settings.slackDedupeHours });
    return { pruned };
  },
};
