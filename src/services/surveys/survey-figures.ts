// R20: the survey figures of the calls a branch closed in a period, as SQL aggregates over
// Ticket(branchId, closedAt) and their surveys (one row per call at most); domain/survey-figures.ts
// turns the counts into coverage and satisfaction against the targets.
import type { DbOrTx } from "../../db";
import { computeSurveyFigures, type SurveyFigures, type SurveyTargets } from "../../domain/survey-figures";

export async function computeBranchSurveyFigures(db: DbOrTx, options: { branchId: number; closedFrom: Date; closedTo: Date; targets?: SurveyTargets }): Promise<SurveyFigures> {
  const [row] = await db.$queryRaw<
    Array<{
      closed: number;
      closedWarranty: number;
      surveyed: number;
      surveyedWarranty: number;
      answered: number;
      attitudeSatisfied: number;
      skillSatisfied: number;
      arrivalTimeSatisfied: number;
      promiseKeepingSatisfied: number;
    }>
  >`
    SELECT
      count(*)::int AS "closed",
      count(*) FILTER (WHERE t."category" = 'C_WARRANTY')::int AS "closedWarranty",
      count(s."id") FILTER (WHERE s."outcome" IN ('ANSWERED', 'DECLINED', 'NO_ANSWER'))::int AS "surveyed",
      count(s."id") FILTER (WHERE s."outcome" IN ('ANSWERED', 'DECLINED', 'NO_ANSWER') AND t."category" = 'C_WARRANTY')::int AS "surveyedWarranty",
      count(s."id") FILTER (WHERE s."outcome" = 'ANSWERED')::int AS "answered",
      count(s."id") FILTER (WHERE s."outcome" = 'ANSWERED' AND s."attitude" IN ('VERY_SATISFIED', 'SATISFIED'))::int AS "attitudeSatisfied",
      count(s."id") FILTER (WHERE s."outcome" = 'ANSWERED' AND s."skill" IN ('VERY_SATISFIED', 'SATISFIED'))::int AS "skillSatisfied",
      count(s."id") FILTER (WHERE s."outcome" = 'ANSWERED' AND s."arrivalTime" IN ('VERY_SATISFIED', 'SATISFIED'))::int AS "arrivalTimeSatisfied",
      count(s."id") FILTER (WHERE s."outcome" = 'ANSWERED' AND s."promiseKeeping" IN ('VERY_SATISFIED', 'SATISFIED'))::int AS "promiseKeepingSatisfied"
    FROM "Ticket" t LEFT JOIN "Survey" s ON s."ticketId" = t."id"
    WHERE t."branchId" = ${options.branchId} AND t."status" = 'CLOSED' AND t."closedAt" >= ${options.closedFrom} AND t."closedAt" < ${options.closedTo}`;
  // An answered survey has all four ratings (record-survey.ts), so each item has as many answers as there are answered surveys.
  const item = (satisfied: number) => ({ answers: row.answered, satisfied });
  return computeSurveyFigures(
    {
      closed: row.closed,
      closedWarranty: row.closedWarranty,
      surveyed: row.surveyed,
      surveyedWarranty: row.surveyedWarranty,
      answered: row.answered,
      ratings: { attitude: item(row.attitudeSatisfied), skill: item(row.skillSatisfied), arrivalTime: item(row.arrivalTimeSatisfied), promiseKeeping: item(row.promiseKeepingSatisfied) },
    },
    options.targets,
  );
}
