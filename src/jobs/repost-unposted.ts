// A call is committed before its message is posted (so bad input can be shown on the modal's
// field). If the process dies in between, or Slack fails, the call exists but nobody sees it in
// the dispatch channel. Every few minutes this posts those calls, with a line in the thread saying
// the message was late, so no call stays invisible.
import { publishTicket } from "../publish/ticket-publisher";
import type { Job } from "./types";

const NAME = "repost-unposted";
/** A submission still being handled has its post in flight; leave it alone for this long. */
const GRACE_MINUTES = 2;
const BATCH = 100;

export const repostUnpostedJob: Job = {
  name: NAME,
  schedule: "*/5 * * * *",
  perBranch: false,
  needsSlack: true,
  // One period per 5 UTC minutes.
  periodKey: ({ now }) => {
    const bucket = new Date(Math.floor(now.getTime() / 300_000) * 300_000);
    return `${NAME}:${bucket.toISOString().slice(0, 16)}`;
  },
  async run({ deps }) {
    if (!deps.slack) throw new Error("repost-unposted posts to Slack and needs a Slack client");
    const now = deps.clock.now();
    const unposted = await deps.services.listUnpostedTickets({ olderThan: new Date(now.getTime() - GRACE_MINUTES * 60_000), limit: BATCH });
    let posted = 0;
    for (const ticket of unposted) {
      try {
        const card = await publishTicket(deps, deps.slack, ticket.id, { at: now, actor: { system: NAME }, event: { kind: "reposted", registeredAt: ticket.registeredAt } });
        if (card.slackMessage) posted += 1;
      } catch (error) {
        deps.log.error("could not post a call's missing message", { ticketId: ticket.id, error });
      }
    }
    if (posted < unposted.length) throw new Error(`${unposted.length - posted} of ${unposted.length} unposted call(s) could not be posted`);
    return { posted };
  },
};
