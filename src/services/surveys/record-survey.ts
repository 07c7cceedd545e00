// R19/R20: a surveyor (or the branch's dispatcher or director) records one try of a call's survey:
// the customer answered (four ratings and a comment), declined, or could not be reached — then the
// call is offered again on the next working day's list, up to SURVEY_MAX_ATTEMPTS tries, and counts
// as no answer after the last. A call is surveyed once: a try already recorded is refused, naming
// who recorded it and when. R21: an answer below satisfied registers a complaint in the same
// transaction. The list's line is updated in place through the outbox.
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { DEFAULT_SURVEY_MAX_ATTEMPTS, MAX_SURVEY_COMMENT, dissatisfiedItems, isFinalOutcome, nextWorkingDate, outcomeAfterTry, SURVEY_ITEMS, type RecordedOutcome, type SurveyOutcome, type SurveyRatings } from "../../domain/surveys";
import { localDate } from "../../domain/working-calendar";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import { coalescingKey, enqueueSlackEffect } from "../outbox/enqueue";
import type { Actor } from "../staff/resolve-actor";
import { assertCan, auditActor, requireStaffId } from "../tickets/authorize";
import { loadBranchCalendar } from "../tickets/load-branch-calendar";
import { registerComplaintFromSurvey } from "./complaint-from-survey";

export { MAX_SURVEY_COMMENT } from "../../domain/surveys";

export interface RecordSurveyOptions {
  actor: Actor;
  surveyId: number;
  /** The try the line offered (1, 2, …): a second recording of it is refused. */
  attempt: number;
  outcome: RecordedOutcome;
  /** All four when ANSWERED; ignored otherwise. */
  ratings?: Partial<SurveyRatings>;
  comment?: string | null;
}

export interface RecordedSurvey {
  surveyId: number;
  voucherNo: string;
  outcome: SurveyOutcome;
  attempts: number;
  /** UNREACHABLE: the day it is offered again. */
  nextDueOn: string | null;
  complaintId: number | null;
}

export async function recordSurvey(deps: { db: Db; clock: Clock; surveyMaxAttempts?: number }, options: RecordSurveyOptions): Promise<RecordedSurvey> {
  const now = deps.clock.now();
  const maxAttempts = deps.surveyMaxAttempts ?? DEFAULT_SURVEY_MAX_ATTEMPTS;
  const comment = options.comment?.trim() || null;
  if (comment && comment.length > MAX_SURVEY_COMMENT) throw new AppError("VALIDATION", { message: "survey comment too long", details: { fields: ["comment"] }, fieldErrors: { comment: "too-long" } });
  const ratings = options.ratings ?? {};
  if (options.outcome === "ANSWERED") {
    const missing = SURVEY_ITEMS.filter((item) => !ratings[item]);
    if (missing.length) throw new AppError("VALIDATION", { message: "an answered survey needs all four ratings", details: { fields: missing }, fieldErrors: Object.fromEntries(missing.map((item) => [item, "required"])) });
  }

  return deps.db.$transaction(async (tx) => {
    // The survey's row is locked: two people recording the same call at once, one wins.
    await tx.$queryRaw`SELECT "id" FROM "Survey" WHERE "id" = ${options.surveyId} FOR UPDATE`;
    const survey = await tx.survey.findUnique({
      where: { id: options.surveyId },
      select: {
        id: true,
        outcome: true,
        attempts: true,
        technicianId: true,
        recordedAt: true,
        recordedBy: { select: { slackUserId: true } },
        ticket: { select: { id: true, voucherNo: true, customerId: true, branchId: true, branch: { select: { timeZone: true } } } },
      },
    });
    if (!survey) throw new AppError("NOT_FOUND", { message: `survey ${options.surveyId} not found`, details: { entity: "Survey", surveyId: options.surveyId } });
    const { ticket } = survey;
    assertCan(options.actor, "survey.record", { branchId: ticket.branchId });
    const staffId = requireStaffId(options.actor);
    if (isFinalOutcome(survey.outcome) || survey.attempts >= options.attempt) {
      throw new AppError("ALREADY_DONE", {
        message: `survey ${survey.id} try ${options.attempt} already recorded`,
        details: { action: "survey.record", voucherNo: ticket.voucherNo, outcome: survey.outcome, by: survey.recordedBy?.slackUserId ?? null, at: survey.recordedAt?.toISOString() ?? null, timeZone: ticket.branch.timeZone },
      });
    }

    const after = outcomeAfterTry({ recorded: options.outcome, attemptsBefore: survey.attempts, maxAttempts });
    let nextDueOn: string | null = null;
    if (after.retry) {
      const calendar = await loadBranchCalendar(tx, ticket.branchId);
      nextDueOn = nextWorkingDate(calendar, localDate(calendar, now));
    }
    const answered = options.outcome === "ANSWERED" ? (ratings as SurveyRatings) : null;
    await tx.survey.update({
      where: { id: survey.id },
      data: {
        outcome: after.outcome,
        attempts: after.attempts,
        method: "PHONE",
        recordedById: staffId,
        recordedAt: now,
        ...(nextDueOn ? { dueOn: new Date(`${nextDueOn}T00:00:00Z`) } : {}),
        ...(comment !== null || options.outcome !== "UNREACHABLE" ? { comment } : {}),
        // respondedAt means answered: the monthly evaluation counts these.
        ...(answered ? { respondedAt: now, attitude: answered.attitude, skill: answered.skill, arrivalTime: answered.arrivalTime, promiseKeeping: answered.promiseKeeping } : {}),
      },
    });

    let complaintId: number | null = null;
    const below = answered ? dissatisfiedItems(answered) : [];
    if (answered && below.length) {
      ({ complaintId } = await registerComplaintFromSurvey(tx, deps, {
        by: { actor: options.actor.slackUserId, staffId },
        surveyId: survey.id,
        customerId: ticket.customerId,
        ticketId: ticket.id,
        technicianId: survey.technicianId,
        voucherNo: ticket.voucherNo,
        items: below.map((item) => ({ item, rating: answered[item] })),
        comment,
      }));
    }

    await recordAudit(tx, {
      at: now,
      ...auditActor(options.actor),
      action: "survey.record",
      entity: "Survey",
      entityId: survey.id,
      data: { ticketId: ticket.id, attempt: options.attempt, recorded: options.outcome, outcome: after.outcome, attempts: after.attempts, nextDueOn, complaintId, ...(answered ? { ratings: { ...answered } } : {}) },
    });

    // The line of this try in the day's list shows the outcome (coalesced with any update still waiting).
    const line = await tx.surveyListLine.findUnique({ where: { surveyId_attempt: { surveyId: survey.id, attempt: options.attempt } }, select: { messageId: true } });
    if (line) {
      const effect = { kind: "survey-list" as const, messageId: line.messageId };
      await enqueueSlackEffect(tx, effect, coalescingKey(effect));
    }
    return { surveyId: survey.id, voucherNo: ticket.voucherNo, outcome: after.outcome, attempts: after.attempts, nextDueOn, complaintId };
  });
}
