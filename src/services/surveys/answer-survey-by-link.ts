// R20 on the customer's own page: the answers recorded once, by the first submission of an open
// link, as a phone survey's answer is (services/surveys/record-survey.ts): R21's complaint for an
// answer below satisfied, in the same transaction, and the list's line updated in place. One
// conditional statement claims the link, and the survey's update re-checks that it is not done, so
// two submissions at once, or a phone survey recorded meanwhile, leave exactly one answer.
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { hashSurveyToken, isSurveyTokenShape } from "../../domain/survey-link";
import { dissatisfiedItems, type SurveyRatings } from "../../domain/surveys";
import { recordAudit } from "../audit";
import { coalescingKey, enqueueSlackEffect } from "../outbox/enqueue";
import { registerComplaintFromSurvey } from "./complaint-from-survey";
import { openSurveyLink } from "./open-survey-link";

export type SurveyLinkAnswer = { state: "answered" } | { state: "used" | "expired" | "unknown" };

/** Who the audit and the complaint name: the customer, through their link. */
export const SURVEY_LINK_ACTOR = "customer:survey-link";

/** Not done yet: never recorded, or the customer could not be reached by phone so far. */
const OPEN_SURVEY = { OR: [{ outcome: null }, { outcome: "UNREACHABLE" as const }] };

/** Thrown inside the transaction to undo the link's claim when the survey was recorded meanwhile. */
class RecordedMeanwhile extends Error {}

export async function answerSurveyByLink(deps: { db: Db; clock: Clock }, options: { token: string; ratings: SurveyRatings; comment: string | null }): Promise<SurveyLinkAnswer> {
  if (!isSurveyTokenShape(options.token)) return { state: "unknown" };
  const tokenHash = hashSurveyToken(options.token);
  const now = deps.clock.now();
  const record = deps.db.$transaction(async (tx) => {
    const claimed = await tx.surveyLink.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now }, survey: OPEN_SURVEY }, data: { usedAt: now } });
    if (claimed.count === 0) return false;
    const link = await tx.surveyLink.findUniqueOrThrow({
      where: { tokenHash },
      select: { id: true, survey: { select: { id: true, technicianId: true, ticket: { select: { id: true, customerId: true, voucherNo: true } } } } },
    });
    const { survey } = link;
    const recorded = await tx.survey.updateMany({
      where: { id: survey.id, ...OPEN_SURVEY },
      data: { outcome: "ANSWERED", method: "LINK", attempts: { increment: 1 }, recordedById: null, recordedAt: now, respondedAt: now, ...options.ratings, comment: options.comment },
    });
    if (recorded.count === 0) throw new RecordedMeanwhile();

    const below = dissatisfiedItems(options.ratings);
    const complaint = below.length
      ? await registerComplaintFromSurvey(tx, deps, {
          by: { actor: SURVEY_LINK_ACTOR, staffId: null },
          surveyId: survey.id,
          customerId: survey.ticket.customerId,
          ticketId: survey.ticket.id,
          technicianId: survey.technicianId,
          voucherNo: survey.ticket.voucherNo,
          items: below.map((item) => ({ item, rating: options.ratings[item] })),
          comment: options.comment,
        })
      : null;
    await recordAudit(tx, {
      at: now,
      actor: SURVEY_LINK_ACTOR,
      action: "survey.record",
      entity: "Survey",
      entityId: survey.id,
      data: { ticketId: survey.ticket.id, via: "link", linkId: link.id, outcome: "ANSWERED", complaintId: complaint?.complaintId ?? null, ratings: { ...options.ratings } },
    });
    // The survey's latest line in a day's list shows the answer.
    const line = await tx.surveyListLine.findFirst({ where: { surveyId: survey.id }, orderBy: { attempt: "desc" }, select: { messageId: true } });
    if (line) {
      const effect = { kind: "survey-list" as const, messageId: line.messageId };
      await enqueueSlackEffect(tx, effect, coalescingKey(effect));
    }
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
