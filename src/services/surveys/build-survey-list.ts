// R19: the day's survey list of a branch. Every call closed on the previous working day (and on any
// closed day since, or since the last list when a day's run was missed) gets its survey — every call, no sample — and the surveys due today (new ones,
// and unreachable customers to call again) are listed in messages of at most LINES_PER_MESSAGE
// lines, each stored, so that the outbox posts it once and each line can be updated in place.
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { startOfLocalDay } from "../../domain/local-day";
import { recordAudit } from "../audit";
import { enqueueSlackEffect, coalescingKey } from "../outbox/enqueue";

/** Slack allows 50 blocks per message: a header, an intro and one section per line leave room for 45. */
export const LINES_PER_MESSAGE = 45;

export interface BuiltSurveyList {
  /** Surveys created for calls closed since the previous working day. */
  created: number;
  /** Lines listed today (new surveys and tries again). */
  listed: number;
  /** Messages queued for the survey channel. */
  messages: number;
}

/**
 * `date` is the branch's local day the list is for, `previousDate` its previous working day (null:
 * none within a year, only retries are listed). Idempotent: a survey is created once per call
 * (Survey.ticketId is unique) and each try is listed once (SurveyListLine(surveyId, attempt)).
 */
export async function buildSurveyList(deps: { db: Db; clock: Clock }, options: { branchId: number; date: string; previousDate: string | null; actor: string }): Promise<BuiltSurveyList> {
  const now = deps.clock.now();
  const branch = await deps.db.branch.findUniqueOrThrow({ where: { id: options.branchId }, select: { timeZone: true } });
  const to = startOfLocalDay(branch.timeZone, options.date);
  const listDate = new Date(`${options.date}T00:00:00Z`);
  // A list of day D covers the calls closed before D began; if a working day's run was missed (the bot
  // was down all day), the next run also covers what closed since the branch's last list. Surveys are
  // created once per call, so an overlap is harmless; a first run looks back to the previous working day only.
  const last = await deps.db.surveyListMessage.aggregate({ where: { branchId: options.branchId, listDate: { lt: listDate } }, _max: { listDate: true } });
  const lastListDate = last._max.listDate?.toISOString().slice(0, 10) ?? null;
  const starts = [options.previousDate, lastListDate].filter((date): date is string => date !== null).map((date) => startOfLocalDay(branch.timeZone, date).getTime());
  const from = starts.length ? new Date(Math.min(...starts)) : to;

  return deps.db.$transaction(async (tx) => {
    // Ticket(branchId, closedAt): the calls closed since the previous working day began, with the technician who did the work.
    const created = await tx.$queryRaw<Array<{ id: number }>>`
      INSERT INTO "Survey" ("ticketId", "technicianId", "dueOn")
      SELECT t."id", t."assignedTechnicianId", CAST(${options.date} AS date)
      FROM "Ticket" t
      WHERE t."branchId" = ${options.branchId} AND t."status" = 'CLOSED' AND t."closedAt" >= ${from} AND t."closedAt" < ${to}
      ORDER BY t."closedAt", t."id"
      ON CONFLICT ("ticketId") DO NOTHING
      RETURNING "id"`;

    // Due today and not yet listed for their next try: new surveys, and unreachable customers to call again.
    const due = await tx.$queryRaw<Array<{ id: number; attempts: number }>>`
      SELECT s."id", s."attempts"
      FROM "Survey" s JOIN "Ticket" t ON t."id" = s."ticketId"
      WHERE t."branchId" = ${options.branchId} AND s."dueOn" <= CAST(${options.date} AS date)
        AND (s."outcome" IS NULL OR s."outcome" = 'UNREACHABLE')
        AND NOT EXISTS (SELECT 1 FROM "SurveyListLine" l WHERE l."surveyId" = s."id" AND l."attempt" = s."attempts" + 1)
      ORDER BY t."closedAt", s."id"
      FOR UPDATE OF s`;
    if (due.length === 0) return { created: created.length, listed: 0, messages: 0 };

    const parts = await tx.surveyListMessage.aggregate({ where: { branchId: options.branchId, listDate }, _max: { part: true } });
    let part = parts._max.part ?? 0;
    let messages = 0;
    for (let start = 0; start < due.length; start += LINES_PER_MESSAGE) {
      const chunk = due.slice(start, start + LINES_PER_MESSAGE);
      part += 1;
      const message = await tx.surveyListMessage.create({ data: { branchId: options.branchId, listDate, part }, select: { id: true } });
      await tx.surveyListLine.createMany({ data: chunk.map((survey, position) => ({ messageId: message.id, surveyId: survey.id, attempt: survey.attempts + 1, position })) });
      await recordAudit(tx, {
        at: now,
        actor: options.actor,
        action: "survey.listed",
        entity: "SurveyListMessage",
        entityId: message.id,
        data: { date: options.date, part, surveys: chunk.map((survey) => ({ id: survey.id, attempt: survey.attempts + 1 })) },
      });
      const effect = { kind: "survey-list" as const, messageId: message.id };
      await enqueueSlackEffect(tx, effect, coalescingKey(effect));
      messages += 1;
    }
    await tx.survey.updateMany({ where: { id: { in: due.map((survey) => survey.id) }, listedAt: null }, data: { listedAt: now } });
    return { created: created.length, listed: due.length, messages };
  });
}
