// `/repair jobs`: admins see the latest scheduled runs, failures first, each job's last success, and
// the Slack posts that failed, with Resend.
import type { RespondFn } from "@slack/bolt";
import { isAppError } from "../../errors";
import type { Actor } from "../../services/staff/resolve-actor";
import { buildJobRunsMessage } from "../../views/job-runs";
import { messagesFor } from "../../views/messages";
import type { HandlerDeps } from "../types";

export async function showJobRuns(deps: HandlerDeps, actor: Actor, respond: RespondFn): Promise<void> {
  try {
    const message = await jobRunsMessage(deps, actor);
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

/** The message as things stand now: also what a Resend pressed in it draws in its place. */
export async function jobRunsMessage(deps: HandlerDeps, actor: Actor): Promise<ReturnType<typeof buildJobRunsMessage>> {
  const [overview, slackFailures] = await Promise.all([
    deps.services.listJobRuns({ actor, jobNames: deps.jobNames }),
    deps.services.listSlackFailures({ actor, limit: 10 }),
  ]);
  return buildJobRunsMessage(overview, { timeZone: actor.branchTimeZone ?? undefined, slackFailures });
}
