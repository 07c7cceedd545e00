// R20, beyond the procedure: a link the customer answers the survey with on the bot's web page,
// for whoever may record the survey. The person who asks gets the address once (to paste into a
// text message); only the token's hash is kept.
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { hashSurveyToken, newSurveyToken } from "../../domain/survey-link";
import { isFinalOutcome } from "../../domain/surveys";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import type { Actor } from "../staff/resolve-actor";
import { assertCan, auditActor } from "../tickets/authorize";
import { DEFAULT_LOCALE, parseLocale, type Locale } from "../../i18n/locale";

/** SURVEY_LINK_DAYS by default. */
export const DEFAULT_SURVEY_LINK_DAYS = 14;

export interface CreatedSurveyLink {
  token: string;
  expiresAt: Date;
  voucherNo: string;
  timeZone: string;
  /** The language the page opens in: the customer's, else their branch's. */
  language: Locale;
}

export async function createSurveyLink(deps: { db: Db; clock: Clock; surveyLinkDays?: number }, options: { actor: Actor; surveyId: number }): Promise<CreatedSurveyLink> {
  const survey = await deps.db.survey.findUnique({
    where: { id: options.surveyId },
    select: { id: true, outcome: true, recordedAt: true, recordedBy: { select: { slackUserId: true } }, ticket: { select: { voucherNo: true, branchId: true, branch: { select: { timeZone: true, locale: true } }, customer: { select: { locale: true } } } } },
  });
  if (!survey) throw new AppError("NOT_FOUND", { message: `survey ${options.surveyId} not found`, details: { entity: "Survey", surveyId: options.surveyId } });
  const { ticket } = survey;
  assertCan(options.actor, "survey.record", { branchId: ticket.branchId });
  if (isFinalOutcome(survey.outcome)) {
    throw new AppError("ALREADY_DONE", {
      message: `survey ${survey.id} is already done`,
      details: { action: "survey.record", voucherNo: ticket.voucherNo, outcome: survey.outcome, by: survey.recordedBy?.slackUserId ?? null, at: survey.recordedAt?.toISOString() ?? null, timeZone: ticket.branch.timeZone },
    });
  }
  const now = deps.clock.now();
  const token = newSurveyToken();
  const expiresAt = new Date(now.getTime() + (deps.surveyLinkDays ?? DEFAULT_SURVEY_LINK_DAYS) * 24 * 60 * 60 * 1000);
  await deps.db.$transaction(async (tx) => {
    const link = await tx.surveyLink.create({ data: { surveyId: survey.id, tokenHash: hashSurveyToken(token), createdAt: now, expiresAt }, select: { id: true } });
    await recordAudit(tx, { at: now, ...auditActor(options.actor), action: "survey.link", entity: "SurveyLink", entityId: link.id, data: { surveyId: survey.id, expiresAt: expiresAt.toISOString() } });
  });
  // The page opens in the customer's language (theirs, else their branch's); they can still switch.
  const language = parseLocale(ticket.customer.locale) ?? parseLocale(ticket.branch.locale) ?? DEFAULT_LOCALE;
  return { token, expiresAt, voucherNo: ticket.voucherNo, timeZone: ticket.branch.timeZone, language };
}
