// R8: calls not dispatched on the day they came in are carried to the next working day and
// dispatched first. At the start of each working day (CARRY_OVER_AT, or the branch's first opening)
// the branch's unassigned calls from earlier days become priority, their ticket messages are
// updated, and one message lists them in the dispatch channel.
import { firstOpeningOn, localDateTime } from "../domain/working-calendar";
import { carryOverTickets } from "../services/tickets/carry-over-tickets";
import { oncePerBranchDay } from "./periods";
import type { Job, JobContext } from "./types";

const NAME = "carry-over";
const ACTOR = `system:${NAME}`;

/** When the carry-over of a working day is due; null on a day the branch is closed. */
export function carryOverDueAt(context: Pick<JobContext, "branch" | "date" | "deps">): Date | null {
  const branch = context.branch;
  if (!branch) return null;
  const opening = firstOpeningOn(branch.calendar, context.date);
  if (!opening) return null;
  const atMinute = context.deps.settings.carryOverAtMinute;
  return atMinute === null ? opening : localDateTime(branch.timeZone, context.date, atMinute);
}

export const carryOverJob: Job = {
  name: NAME,
  ...oncePerBranchDay(NAME, carryOverDueAt),
  async run(context) {
    const { deps, branch, date } = context;
    if (!branch) throw new Error("carry-over runs per branch");
    // Only working days start a dispatch day; a run by hand on a closed day carries nothing.
    if (!firstOpeningOn(branch.calendar, date)) return { carried: 0 };
    // Each call's message and thread line, and the morning's list, are queued with the carry-over.
    const carried = await carryOverTickets(deps, { branchId: branch.id, before: localDateTime(branch.timeZone, date), actor: ACTOR });
    return { carried: carried.length };
  },
};
