// `/repair evaluation [YYYY-MM] [@technician]` (R20/R22): the month's evaluation, privately, for the
// branch's directors and the managers; anyone else is told who may see it.
import type { RespondFn } from "@slack/bolt";
import { isAppError } from "../../errors";
import type { Actor } from "../../services/staff/resolve-actor";
import { messagesFor } from "../../views/messages";
import { buildEvaluationMessage } from "../../views/monthly-evaluation";
import type { HandlerDeps } from "../types";

export interface EvaluationRequest {
  month: string | null;
  technician: string | null;
}

/** The words after `evaluation`: a month (YYYY-MM) and/or a technician (a mention or a name), in any order. */
export function parseEvaluationWords(words: readonly string[]): EvaluationRequest {
  const monthIndex = words.findIndex((word) => /^\d{4}-\d{1,2}$/.test(word));
  const month = monthIndex >= 0 ? words[monthIndex] : null;
  const rest = words.filter((_, index) => index !== monthIndex).join(" ").trim();
  return { month, technician: rest || null };
}

export async function showEvaluation(deps: HandlerDeps, respond: RespondFn, options: { actor: Actor; request: EvaluationRequest }): Promise<void> {
  const m = messagesFor().evaluation;
  const { actor, request } = options;
  const reply = (text: string) => respond({ response_type: "ephemeral", text });
  try {
    const shown = await deps.services.showEvaluation({ actor, month: request.month, technician: request.technician });
    const message = buildEvaluationMessage({
      evaluation: shown.evaluation,
      technicianName: shown.technician?.name,
      state: { kind: "private", posted: shown.posted, signedOff: shown.signedOff ? { by: shown.signedOff.slackUserId, at: shown.signedOff.at } : null },
    });
    await respond({ response_type: "ephemeral", text: message.text, blocks: message.blocks });
  } catch (error) {
    if (!isAppError(error)) throw error;
    const context = { command: "evaluation", user: actor.slackUserId, code: error.code };
    const reason = error.details?.reason;
    if (error.code === "FORBIDDEN") {
      deps.log.info("request refused", context);
      return void (await reply(reason === "other-branch" ? m.otherBranch : m.refused));
    }
    if (error.code === "VALIDATION" && reason === "month") return void (await reply(`${m.badMonth(request.month ?? "")}\n${m.usage}`));
    if (error.code === "NOT_FOUND" && reason === "technician") return void (await reply(`${m.unknownTechnician(request.technician ?? "")}\n${m.usage}`));
    if (error.code === "NOT_FOUND" && reason === "ambiguous") return void (await reply(m.ambiguousTechnician(request.technician ?? "")));
    if (error.code === "NOT_FOUND" && reason === "branch") return void (await reply(m.noBranch));
    throw error;
  }
}
