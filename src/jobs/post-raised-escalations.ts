// R7/R12: the scans that raise escalations tell Slack the same way: each new alert goes to its
// thread, the dispatch channel and the directors' DMs, every copy recorded. The escalations are
// committed first, so a call is never alerted twice; a failed post is logged, the others still go
// out, and the run is then marked FAILED so someone looks.
import type { RaisedOverdue } from "../services/escalations/raise-overdue";
import { recordEscalationMessage } from "../services/escalations/raise-overdue";
import { publishEscalation } from "../publish/escalation-publisher";
import type { JobDeps, JobSlackClient } from "./types";

export async function postRaisedEscalations(deps: JobDeps, slack: JobSlackClient, raised: readonly RaisedOverdue[], what: string): Promise<{ raised: number; posted: number }> {
  const publisher = { clock: deps.clock, log: deps.log, recordMessage: (options: Parameters<typeof recordEscalationMessage>[1]) => recordEscalationMessage(deps, options) };
  let posted = 0;
  let failed = 0;
  for (const one of raised) {
    const outcome = await publishEscalation(publisher, slack, one);
    posted += outcome.posted;
    failed += outcome.failed;
  }
  if (failed > 0) throw new Error(`${what} raised ${raised.length}, posted ${posted}, but ${failed} director DM(s) failed`);
  return { raised: raised.length, posted };
}
