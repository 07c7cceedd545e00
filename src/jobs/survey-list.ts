// R19: the day after a call is closed, every closed call gets a satisfaction survey. At each branch's
// first opening of a working day, the calls closed on its previous working day (and on any closed
// day since: after Friday, Monday's list; after a holiday, the next working day's) get their surveys,
// and those due today — with the unreachable customers to call again — are posted once in the survey
// channel, one line per call with Record survey. A day with nothing to survey posts nothing.
import { firstOpeningOn } from "../domain/working-calendar";
import { previousWorkingDate } from "../domain/surveys";
import { buildSurveyList } from "../services/surveys/build-survey-list";
import { oncePerBranchDay } from "./periods";
import type { Job, JobContext } from "./types";

const NAME = "survey-list";
const ACTOR = `system:${NAME}`;

/** Due at the branch's first opening of the day; null on a day it is closed. */
export function surveyListDueAt(context: Pick<JobContext, "branch" | "date">): Date | null {
  return context.branch ? firstOpeningOn(context.branch.calendar, context.date) : null;
}

export const surveyListJob: Job = {
  name: NAME,
  ...oncePerBranchDay(NAME, surveyListDueAt),
  async run(context) {
    const { deps, branch, date } = context;
    if (!branch) throw new Error("survey-list runs per branch");
    // A run by hand on a closed day lists nothing: the next working day's run surveys those calls.
    if (!firstOpeningOn(branch.calendar, date)) return { created: 0, listed: 0, messages: 0 };
    const built = await buildSurveyList(deps, { branchId: branch.id, date, previousDate: previousWorkingDate(branch.calendar, date), actor: ACTOR });
    return { ...built };
  },
};
