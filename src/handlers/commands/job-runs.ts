// `/repair jobs`: admins see the latest scheduled runs, failures first, and each job's last success.
import type { RespondFn } from "@slack/bolt";
import { isAppError } from "../../errors";
import type { Actor } from "../../services/staff/resolve-actor";
import { buildJobRunsMessage } from "../../views/job-runs";
import { messagesFor } from "../../views/messages";
import type { HandlerDeps } from "../types";

export async function showJobRuns(deps: HandlerDeps, actor: Actor, respond: RespondFn): Promise<void> {
  try {
    const overview = await deps.services.listJobRuns({ actor, jobNames: deps.jobNames });
    const message = buildJobRunsMessage(overview, { timeZone: actor.branchTimeZone ?? undefined });
    await respond({ response_type: "ephemeral", text: message.text, blocks: message.blocks });
  } catch (error) {
    if (isAppError(error) && error.code === "FORBIDDEN") {
      deps.log.info("request refused", { command: "jobs", user: actor.slackUserId, code: error.code });
      await respond({ response_type: "ephemeral", text: messagesFor().directorSummary.jobs.refused });
      return;
    }
    throw error;
  }
}
