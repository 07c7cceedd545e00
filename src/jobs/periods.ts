// How jobs are looked at and keyed. Daily per-branch jobs are looked at every 5 minutes (UTC) and
// are due at a local time of their own; minute scans claim the current minute only, so minutes
// missed while the bot was down do not pile up (the next scan finds what became due meanwhile).
import type { Job, JobContext } from "./types";

type Timing = Pick<Job, "schedule" | "perBranch" | "periodKey" | "isDue">;

/** Once per branch and local day, from `dueAt` on; never on a day `dueAt` gives null (closed). */
export function oncePerBranchDay(name: string, dueAt: (context: JobContext) => Date | null): Timing {
  return {
    schedule: "*/5 * * * *",
    perBranch: true,
    periodKey: ({ branch, date }) => `${name}:${branch?.code ?? "-"}:${date}`,
    isDue: (context) => {
      const at = dueAt(context);
      return at !== null && context.now.getTime() >= at.getTime();
    },
  };
}

/** Once per UTC minute, across branches. */
export function everyMinute(name: string): Timing {
  return {
    schedule: "* * * * *",
    perBranch: false,
    periodKey: ({ now }) => `${name}:${now.toISOString().slice(0, 16)}`,
  };
}
