// R6: the CLI's calendar import moves deadlines but has no Slack client; it leaves a notice per
// moved call (TicketNotice). Every minute the running bot refreshes those ticket messages (the new
// deadline) and writes the notice in each thread. A notice is claimed before posting and released
// when posting fails, so it is posted once and retried until Slack takes it.
import { publishTicket } from "../publish/ticket-publisher";
import type { Job } from "./types";

const NAME = "post-ticket-notices";
const BATCH = 100;

export const postTicketNoticesJob: Job = {
  name: NAME,
  schedule: "* * * * *",
  perBranch: false,
  needsSlack: true,
  periodKey: ({ now }) => `${NAME}:${now.toISOString().slice(0, 16)}`,
  async run({ deps }) {
    if (!deps.slack) throw new Error(`${NAME} posts to Slack and needs a Slack client`);
    const notices = await deps.services.listPendingTicketNotices({ limit: BATCH });
    let posted = 0;
    let failed = 0;
    for (const notice of notices) {
      if (!(await deps.services.claimTicketNotice({ id: notice.id, at: deps.clock.now() }))) continue;
      try {
        await publishTicket(deps, deps.slack, notice.ticketId, notice.entry);
        posted += 1;
      } catch (error) {
        failed += 1;
        deps.log.error("could not post a ticket notice", { noticeId: notice.id, ticketId: notice.ticketId, error });
        await deps.services.releaseTicketNotice({ id: notice.id });
      }
    }
    if (failed > 0) throw new Error(`${failed} of ${notices.length} ticket notice(s) could not be posted; they are retried next minute`);
    return { posted };
  },
};
