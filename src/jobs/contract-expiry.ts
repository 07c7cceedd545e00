// R18: each working day at the branch's first opening, active contracts ending within
// CONTRACT_NOTICE_DAYS get their expiry notice (once per contract): the text for the customer is
// stored, someone is assigned to the renewal, the dispatch channel is told and the assignee gets
// the text in a DM. The day's notices appear in the directors' summary.
import { firstOpeningOn } from "../domain/working-calendar";
import { noticeExpiringContracts, type ContractNoticeFacts } from "../services/contracts/notice-expiring-contracts";
import { buildContractNoticeDm, buildContractNoticeMessage } from "../views/director-summary";
import { messagesFor } from "../views/messages";
import { oncePerBranchDay } from "./periods";
import type { Job } from "./types";
import { sendDirectMessage } from "../publish/direct-message";

const NAME = "contract-expiry";
const ACTOR = `system:${NAME}`;

/** The customer's text (R18): contract number, end date, what it covers, how to renew. */
export function contractNoticeText(facts: ContractNoticeFacts): string {
  const m = messagesFor().directorSummary.contracts;
  return m.customerNotice({
    customer: facts.customerName,
    number: facts.number,
    endsOn: facts.endsOn,
    covers: facts.equipment.length ? m.coversList(facts.equipment) : m.coversAll,
    terms: facts.terms,
    branch: facts.branchName,
  });
}

export const contractExpiryJob: Job = {
  name: NAME,
  ...oncePerBranchDay(NAME, ({ branch, date }) => (branch ? firstOpeningOn(branch.calendar, date) : null)),
  needsSlack: true,
  async run(context) {
    const { deps, branch, date } = context;
    if (!branch) throw new Error("contract-expiry runs per branch");
    if (!deps.slack) throw new Error("contract-expiry posts to Slack and needs a Slack client");
    if (!firstOpeningOn(branch.calendar, date)) return { noticed: 0, dms: 0 };
    const noticed = await noticeExpiringContracts(deps, {
      branchId: branch.id,
      date,
      noticeDays: deps.settings.contractNoticeDays,
      actor: ACTOR,
      composeText: contractNoticeText,
    });
    // Noticed (committed) before Slack is told; a Slack failure fails the run but never notices twice.
    let dms = 0;
    for (const contract of noticed) {
      const view = { number: contract.number, customerName: contract.customerName, endsOn: contract.endsOn, assigneeSlackUserId: contract.assignee?.slackUserId ?? null, customerText: contract.customerText };
      if (branch.dispatchChannelId) {
        const message = buildContractNoticeMessage(view);
        await deps.slack.chat.postMessage({ channel: branch.dispatchChannelId, text: message.text, blocks: message.blocks, unfurl_links: false });
      } else {
        deps.log.warn("branch has no dispatch channel: contract notice not posted", { branch: branch.code, contract: contract.number });
      }
      if (contract.assignee) {
        await sendDirectMessage(deps.slack, contract.assignee.slackUserId, buildContractNoticeDm(view));
        dms += 1;
      } else {
        deps.log.warn("nobody to follow up a contract renewal (no director or dispatcher)", { branch: branch.code, contract: contract.number });
      }
    }
    return { noticed: noticed.length, dms };
  },
};
