// `/repair day [YYYY-MM-DD]`: a technician opens their daily work report (R15);
// `/repair day team [YYYY-MM-DD]` (or `/repair day` by a director or manager) lists the branch's
// technicians who have and have not submitted the day's report, privately.
import type { AllMiddlewareArgs, RespondFn } from "@slack/bolt";
import type { Actor } from "../../services/staff/resolve-actor";
import { buildDailyReportModal, buildDailyStatusMessage } from "../../views/daily-report-modal";
import { messagesFor } from "../../views/messages";
import type { HandlerDeps } from "../types";
import { isLocalDate } from "../../domain/intake";

export interface DayArgs {
  team: boolean;
  date: string | undefined;
}

/** `[team] [YYYY-MM-DD]`, in either order; null when anything else is given. */
export function parseDayArgs(words: readonly string[]): DayArgs | null {
  let team = false;
  let date: string | undefined;
  for (const word of words) {
    if (word.toLowerCase() === "team" && !team) team = true;
    else if (!date && isLocalDate(word)) date = word;
    else return null;
  }
  return { team, date };
}

export async function runRepairDay(
  deps: HandlerDeps,
  client: AllMiddlewareArgs["client"],
  respond: RespondFn,
  options: { actor: Actor; words: readonly string[]; triggerId: string },
): Promise<void> {
  const t = messagesFor().dailyReport;
  const args = parseDayArgs(options.words);
  if (!args) return void (await respond({ response_type: "ephemeral", text: t.badDate }));
  const { actor } = options;
  if (!args.team && actor.roles.includes("TECHNICIAN")) {
    const day = await deps.services.getDailyWork({ actor, date: args.date });
    await client.views.open({ trigger_id: options.triggerId, view: buildDailyReportModal({ day }) });
    return;
  }
  const viewer = actor.roles.some((role) => role === "DIRECTOR" || role === "MANAGER" || role === "ADMIN");
  if (!viewer && !args.team) return void (await respond({ response_type: "ephemeral", text: t.notAllowed }));
  const status = await deps.services.dailyReportStatus({ actor, date: args.date });
  const message = buildDailyStatusMessage(status);
  await respond({ response_type: "ephemeral", text: message.text, blocks: message.blocks });
}
