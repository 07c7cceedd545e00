// R20 on the customer's own page: the answers recorded once, by the first submission of an open
// link. One conditional statement claims the link (unused, unexpired, survey unanswered), so two
// submissions at once, or a phone survey recorded meanwhile, leave exactly one answer.
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { hashSurveyToken, isSurveyTokenShape, type SurveyRatings } from "../../domain/survey-link";
import { recordAudit } from "../audit";
import { openSurveyLink } from "./open-survey-link";

export type SurveyLinkAnswer = { state: "answered" } | { state: "used" | "expired" | "unknown" };

/** Thrown inside the transaction to undo the link's claim when the survey was recorded meanwhile. */
class RecordedMeanwhile extends Error {}

export async function answerSurveyByLink(
  deps: { db: Db; clock: Clock },
  options: { token: string; ratings: SurveyRatings; comment: string | null },
): Promise<SurveyLinkAnswer> {
  if (!isSurveyTokenShape(options.token)) return { state: "unknown" };
  const tokenHash = hashSurveyToken(options.token);
  const now = deps.clock.now();
  const record = deps.db.$transaction(async (tx) => {
    const claimed = await tx.surveyLink.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now }, survey: { respondedAt: null } },
      data: { usedAt: now },
    });
    if (claimed.count === 0) return false;
    const link = await tx.surveyLink.findUniqueOrThrow({ where: { tokenHash }, select: { id: true, surveyId: true, survey: { select: { ticketId: true } } } });
    const recorded = await tx.survey.updateMany({
      where: { id: link.surveyId, respondedAt: null },
      data: { respondedAt: now, ...options.ratings, comment: options.comment },
    });
    if (recorded.count === 0) throw new RecordedMeanwhile();
    await recordAudit(tx, {
      at: now,
      actor: "customer:survey-link",
      action: "survey.answer",
      entity: "Survey",
      entityId: link.surveyId,
      ticketId: link.survey.ticketId,
      data: { via: "link", linkId: link.id, ...options.ratings },
    });
    return true;
  });
  const answered = await record.catch((error: unknown) => {
    if (error instanceof RecordedMeanwhile) return false;
    throw error;
  });
  if (answered) return { state: "answered" };
  const opened = await openSurveyLink(deps, { token: options.token });
  // Still open means the survey changed under the claim: it was recorded meanwhile.
  return { state: opened.state === "open" ? "used" : opened.state };
}
