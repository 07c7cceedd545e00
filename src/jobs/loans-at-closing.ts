// R14: no part stays out overnight without being flagged. At each branch's last closing of the
// day, the loans still out are flagged (every night they stay out, once per night), and so are loans
// that spent a night out unseen by any closing; they are listed in a DM to the borrower and to each
// active parts clerk of the branch.
import { lastClosingOn } from "../domain/working-calendar";
import { buildLoansAtClosingDm } from "../views/parts";
import { oncePerBranchDay } from "./periods";
import type { Job, JobContext } from "./types";
import { sendDirectMessage } from "../publish/direct-message";

const NAME = "loans-at-closing";
const ACTOR = `system:${NAME}`;

export function loansAtClosingDueAt(context: Pick<JobContext, "branch" | "date">): Date | null {
  return context.branch ? lastClosingOn(context.branch.calendar, context.date) : null;
}

export const loansAtClosingJob: Job = {
  name: NAME,
  ...oncePerBranchDay(NAME, loansAtClosingDueAt),
  needsSlack: true,
  async run(context) {
    const { deps, branch } = context;
    if (!branch) throw new Error(`${NAME} runs per branch`);
    if (!deps.slack) throw new Error(`${NAME} sends DMs and needs a Slack client`);
    // Flagged (committed) before anyone is told, so a loan is never flagged or announced twice;
    // an undelivered DM is logged and counted, not retried.
    const flagged = await deps.services.flagLoansAtClosing({ branchId: branch.id, actor: ACTOR, closingOn: context.date });
    let dms = 0;
    let failed = 0;
    const send = async (userId: string, message: ReturnType<typeof buildLoansAtClosingDm>) => {
      try {
        await sendDirectMessage(deps.slack!, userId, message);
        dms += 1;
      } catch (error) {
        failed += 1;
        deps.log.warn("loans-at-closing DM not delivered", { branch: branch.code, userId, error });
      }
    };
    for (const borrower of flagged.borrowers) {
      const { loans, back } = borrower;
      await send(borrower.slackUserId, buildLoansAtClosingDm({ audience: "borrower", borrowerName: borrower.name, loans, back, timeZone: branch.timeZone }));
      for (const clerk of flagged.clerks) {
        await send(clerk.slackUserId, buildLoansAtClosingDm({ audience: "clerk", borrowerName: borrower.name, loans, back, timeZone: branch.timeZone }));
      }
    }
    const count = (pick: (b: (typeof flagged.borrowers)[number]) => unknown[]) => flagged.borrowers.reduce((sum, b) => sum + pick(b).length, 0);
    return { flagged: count((b) => b.loans), back: count((b) => b.back), borrowers: flagged.borrowers.length, dms, failed };
  },
};
