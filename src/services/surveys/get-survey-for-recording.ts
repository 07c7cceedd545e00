// R19: what the Record survey modal shows (the call, the customer to telephone, the technician) and
// whether the try it was opened for is still to be recorded.
import type { DbOrTx } from "../../db";
import type { ServiceCategory } from "../../domain/category";
import { DEFAULT_SURVEY_MAX_ATTEMPTS, isFinalOutcome, type SurveyOutcome } from "../../domain/surveys";
import { AppError } from "../../errors";

export interface SurveyForRecording {
  surveyId: number;
  attempt: number;
  branchId: number;
  timeZone: string;
  voucherNo: string;
  customerName: string;
  phone: string;
  contactName: string | null;
  technicianName: string | null;
  category: ServiceCategory;
  closedAt: Date | null;
  outcome: SurveyOutcome | null;
  attempts: number;
  /** SURVEY_MAX_ATTEMPTS: tries before an unreachable customer counts as no answer. */
  maxAttempts: number;
  /** Who recorded this try and when, when it already was (a second recording is refused). */
  recorded: { bySlackUserId: string | null; at: Date | null; outcome: SurveyOutcome } | null;
}

export async function getSurveyForRecording(deps: { db: DbOrTx; surveyMaxAttempts?: number }, options: { surveyId: number; attempt: number }): Promise<SurveyForRecording> {
  const survey = await deps.db.survey.findUnique({
    where: { id: options.surveyId },
    select: {
      id: true,
      outcome: true,
      attempts: true,
      recordedAt: true,
      recordedBy: { select: { slackUserId: true } },
      technician: { select: { name: true } },
      ticket: {
        select: {
          voucherNo: true,
          category: true,
          closedAt: true,
          contactName: true,
          contactPhone: true,
          branchId: true,
          branch: { select: { timeZone: true } },
          customer: { select: { name: true, phone: true, contactPerson: true } },
        },
      },
    },
  });
  if (!survey) throw new AppError("NOT_FOUND", { message: `survey ${options.surveyId} not found`, details: { entity: "Survey", surveyId: options.surveyId } });
  const { ticket } = survey;
  const done = isFinalOutcome(survey.outcome) || survey.attempts >= options.attempt;
  return {
    surveyId: survey.id,
    attempt: options.attempt,
    branchId: ticket.branchId,
    timeZone: ticket.branch.timeZone,
    voucherNo: ticket.voucherNo,
    customerName: ticket.customer.name,
    phone: ticket.contactPhone ?? ticket.customer.phone,
    contactName: ticket.contactName ?? ticket.customer.contactPerson,
    technicianName: survey.technician?.name ?? null,
    category: ticket.category,
    closedAt: ticket.closedAt,
    outcome: survey.outcome,
    attempts: survey.attempts,
    maxAttempts: deps.surveyMaxAttempts ?? DEFAULT_SURVEY_MAX_ATTEMPTS,
    recorded: done && survey.outcome ? { bySlackUserId: survey.recordedBy?.slackUserId ?? null, at: survey.recordedAt, outcome: survey.outcome } : null,
  };
}
