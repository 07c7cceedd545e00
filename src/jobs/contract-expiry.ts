// R18: each working day at the branch's first opening, active contracts ending within
// CONTRACT_NOTICE_DAYS get their expiry notice (once per contract): the text for the customer is
// stored, someone is assigned to the renewal, the dispatch channel is told and the assignee gets
// the text in a DM. The day's notices appear in the directors' summary.
import { firstOpeningOn } from "../domain/working-calendar";
import { noticeExpiringContracts, type ContractNoticeFacts } from "../services/contracts/notice-expiring-contracts";
import { messagesFor } from "../views/messages";
import { oncePerBranchDay } from "./periods";
import type { Job } from "./types";

const NAME = "contract-expiry";
const ACTOR = `system:${NAME}`;

/** The customer's text (R18), in the customer's language: contract number, end date, what it covers, how to renew. */
export function contractNoticeText(facts: ContractNoticeFacts): string {
  const m = messagesFor(facts.locale).directorSummary.contracts;
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
  async run(context) {
    const { deps, branch, date } = context;
    if (!branch) throw new Error("contract-expiry runs per branch");
    if (!firstOpeningOn(branch.calendar, date)) return { noticed: 0, dms: 0 };
    // Each contract is noticed and its channel line and DM queued in one transaction.
    const noticed = await noticeExpiringContracts(deps, {
      branchId: branch.id,
      date,
      noticeDays: deps.settings.contractNoticeDays,
      actor: ACTOR,
      composeText: contractNoticeText,
    });
    return { noticed: noticed.length, dms: noticed.filter((contract) => contract.assignee).length };
  },
};
