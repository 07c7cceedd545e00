// What the customer's survey page shows for a token: the call and its technician while the link is
// open, or why it is not (used, expired, unknown). Reads only; answering is answer-survey-by-link.ts.
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { hashSurveyToken, isSurveyTokenShape, surveyLinkState, technicianFirstName } from "../../domain/survey-link";

export type OpenedSurveyLink =
  | { state: "open"; voucherNo: string; technicianFirstName: string | null; expiresAt: Date; timeZone: string }
  | { state: "used" | "expired" | "unknown" };

export async function openSurveyLink(deps: { db: Db; clock: Clock }, options: { token: string }): Promise<OpenedSurveyLink> {
  if (!isSurveyTokenShape(options.token)) return { state: "unknown" };
  const link = await deps.db.surveyLink.findUnique({
    where: { tokenHash: hashSurveyToken(options.token) },
    select: {
      expiresAt: true,
      usedAt: true,
      survey: { select: { outcome: true, technician: { select: { name: true } }, ticket: { select: { voucherNo: true, branch: { select: { timeZone: true } } } } } },
    },
  });
  if (!link) return { state: "unknown" };
  const state = surveyLinkState(link, link.survey.outcome, deps.clock.now());
  if (state !== "open") return { state };
  return {
    state,
    voucherNo: link.survey.ticket.voucherNo,
    technicianFirstName: link.survey.technician ? technicianFirstName(link.survey.technician.name) : null,
    expiresAt: link.expiresAt,
    timeZone: link.survey.ticket.branch.timeZone,
  };
}
