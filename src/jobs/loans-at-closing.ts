// R14: no part stays out overnight without being flagged. At each branch's last closing of the
// day, the loans still out are flagged (every night they stay out, once per night), and so are loans
// that spent a night out unseen by any closing; they are listed in a DM to the borrower and to each
// active parts clerk of the branch.
import { lastClosingOn } from "../domain/working-calendar";
import { oncePerBranchDay } from "./periods";
import type { Job, JobContext } from "./types";

const NAME = "loans-at-closing";
const ACTOR = `system:${NAME}`;

export function loansAtClosingDueAt(context: Pick<JobContext, "branch" | "date">): Date | null {
  return context.branch ? lastClosingOn(context.branch.calendar, context.date) : null;
}

export const loansAtClosingJob: Job = {
  name: NAME,
  ...oncePerBranchDay(NAME, loansAtClosingDueAt),
  async run(context) {
    const { deps, branch } = context;
    if (!branch) throw new Error(`${NAME} runs per branch`);
    // Flagged and the DMs queued in one transaction: a loan is never flagged or announced twice.
    const flagged = await deps.services.flagLoansAtClosing({ branchId: branch.id, actor: ACTOR, closingOn: context.date });
    const count = (pick: (b: (typeof flagged.borrowers)[number]) => unknown[]) => flagged.borrowers.reduce((sum, b) => sum + pick(b).length, 0);
    const dms = flagged.borrowers.length * (1 + flagged.clerks.length);
    return { flagged: count((b) => b.loans), back: count((b) => b.back), borrowers: flagged.borrowers.length, dms };
  },
};
