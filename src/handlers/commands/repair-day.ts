// `/repair day [YYYY-MM-DD]`: a technician opens their daily work report (R15);
// `/repair day team [YYYY-MM-DD]` (or `/repair day` by a director or manager) lists the branch's
// technicians who have and have not submitted the day's report, privately.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { Actor } from "../../services/staff/resolve-actor";
import { buildDailyReportModal, buildDailyStatusMessage } from "../../views/daily-report-modal";
import type { LoadingModal } from "../../views/loading-modal";
import { messagesFor } from "../../views/messages";
import { tellPrivately } from "../support/failures";
import { openModal, viewsClient, type ModalContent, type OpenModalOptions } from "../support/open-modal";
import type { HandlerDeps } from "../types";
import { isLocalDate } from "../../domain/intake";
import { canonicalCommandWord } from "../../domain/command-words";

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export interface DayArgs {
  team: boolean;
  date: string | undefined;
}

/** `[team] [YYYY-MM-DD]`, in either order; null when anything else is given. */
export function parseDayArgs(words: readonly string[]): DayArgs | null {
  let team = false;
  let date: string | undefined;
  for (const word of words) {
    if (canonicalCommandWord(word) === "team" && !team) team = true;
    else if (!date && isLocalDate(word)) date = word;
    else return null;
  }
  return { team, date };
}

/** `openModal`'s options for a slash command: a refusal or failure is told privately through its response_url. */
export function commandModalOptions(deps: HandlerDeps, args: CommandArgs, modal: LoadingModal): OpenModalOptions {
  const context = { command: args.command.text, user: args.command.user_id };
  return { client: viewsClient(deps, args.client), triggerId: args.command.trigger_id, modal, log: deps.log, context, tell: (reply) => tellPrivately(args, reply, deps.log, context) };
}

export async function runRepairDay(deps: HandlerDeps, args: CommandArgs, words: readonly string[]): Promise<void> {
  const t = messagesFor().dailyReport;
  const day = parseDayArgs(words);
  if (!day) return void (await args.respond({ response_type: "ephemeral", text: t.badDate }));
  // Without "team" a technician's own report opens in a modal, and only the person's roles say so:
  // they are read within the trigger's life, with the rest (support/open-modal.ts).
  if (!day.team) return openModal(commandModalOptions(deps, args, "dailyReport"), async () => dayContent(deps, await deps.services.resolveActor(args.command.user_id), day));
  const message = await teamStatus(deps, await deps.services.resolveActor(args.command.user_id), day.date);
  await args.respond({ response_type: "ephemeral", text: message.text, blocks: message.blocks });
}

/** A technician's report modal; for a director, manager or admin the branch's status instead. */
async function dayContent(deps: HandlerDeps, actor: Actor, day: DayArgs): Promise<ModalContent> {
  if (actor.roles.includes("TECHNICIAN")) return { view: buildDailyReportModal({ day: await deps.services.getDailyWork({ actor, date: day.date }) }) };
  const viewer = actor.roles.some((role) => role === "DIRECTOR" || role === "MANAGER" || role === "ADMIN");
  if (!viewer) return { reply: { text: messagesFor().dailyReport.notAllowed } };
  return { reply: await teamStatus(deps, actor, day.date) };
}

async function teamStatus(deps: HandlerDeps, actor: Actor, date: string | undefined) {
  return buildDailyStatusMessage(await deps.services.dailyReportStatus({ actor, date }));
}
