// R20/R22: the figures of a branch's month per technician, from ONE SQL statement: each source is
// aggregated over an indexed range and grouped by technician, then joined on the branch's roster —
// never a query per technician, never a year of rows in memory. The verdicts are the domain's.
//   calls closed and their surveys: Ticket(branchId, closedAt), then Survey(ticketId) per call
//   arrivals within the R6 deadline:  Ticket(branchId, arrivedAt)
//   hours per category:               WorkLog(technicianId, workDate) per technician of the branch
//   complaints and R22's window:      Complaint(technicianId, receivedAt) per technician of the branch
import type { Db } from "../../db";
import { complaintWindowStart } from "../../domain/complaint-levels";
import { startOfLocalDay } from "../../domain/local-day";
import {
  DEFAULT_EVALUATION_SETTINGS,
  evaluateTechnician,
  isMonth,
  nextMonth,
  type EvaluationSettings,
  type EvaluationTargets,
  type TechnicianMonthCounts,
  type TechnicianVerdicts,
} from "../../domain/monthly-evaluation";
import { AppError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";

export interface TechnicianEvaluation {
  staffId: number;
  name: string;
  slackUserId: string;
  /** Technicians who left are listed only for a month in which they worked. */
  active: boolean;
  counts: TechnicianMonthCounts;
  verdicts: TechnicianVerdicts;
}

export interface MonthlyEvaluation {
  branchId: number;
  branchCode: string;
  branchName: string;
  timeZone: string;
  /** YYYY-MM, and its [start, end) instants in the branch's zone as ISO strings. */
  month: string;
  start: string;
  end: string;
  /** R22: substantiated complaints received from here to the month's end count for the level. */
  windowStart: string;
  windowMonths: number;
  targets: EvaluationTargets;
  technicians: TechnicianEvaluation[];
}

interface Row {
  staffId: number;
  name: string;
  slackUserId: string;
  active: boolean;
  closed: number;
  closedWarranty: number;
  surveyed: number;
  surveyedWarranty: number;
  attitudeAnswers: number;
  attitudeSatisfied: number;
  skillAnswers: number;
  skillSatisfied: number;
  arrivalTimeAnswers: number;
  arrivalTimeSatisfied: number;
  promiseKeepingAnswers: number;
  promiseKeepingSatisfied: number;
  withDeadline: number;
  onTime: number;
  hoursA: unknown;
  hoursB: unknown;
  hoursC: unknown;
  hoursD: unknown;
  complaintsReceived: number;
  complaintsSubstantiated: number;
  substantiatedInWindow: number;
}

const hoursOf = (value: unknown): number => (value === null || value === undefined ? 0 : Math.round(Number(value) * 100) / 100);

// R20: a satisfied answer is SATISFIED or VERY_SATISFIED; only surveys the customer answered count.
const item = (column: string) => {
  const ref = Prisma.raw(`s."${column}"`);
  return Prisma.sql`count(${ref}) FILTER (WHERE s."respondedAt" IS NOT NULL)::int AS ${Prisma.raw(`"${column}Answers"`)},
      count(*) FILTER (WHERE s."respondedAt" IS NOT NULL AND ${ref} IN ('SATISFIED', 'VERY_SATISFIED'))::int AS ${Prisma.raw(`"${column}Satisfied"`)}`;
};

/** R20/R22: every technician's month at one branch (or one technician's, with `technicianId`). */
export async function computeMonthlyEvaluation(
  db: Db,
  options: { branchId: number; month: string; technicianId?: number; settings?: EvaluationSettings },
): Promise<MonthlyEvaluation> {
  const { branchId, month } = options;
  const settings = options.settings ?? DEFAULT_EVALUATION_SETTINGS;
  if (!isMonth(month)) throw new AppError("VALIDATION", { message: `month must be YYYY-MM, got "${month}"`, details: { fields: ["month"] } });
  const branch = await db.branch.findUnique({ where: { id: branchId }, select: { id: true, code: true, name: true, timeZone: true } });
  if (!branch) throw new AppError("NOT_FOUND", { message: `branch ${branchId} not found`, details: { entity: "Branch", branchId } });

  const firstDay = `${month}-01`;
  const nextFirstDay = `${nextMonth(month)}-01`;
  const start = startOfLocalDay(branch.timeZone, firstDay);
  const end = startOfLocalDay(branch.timeZone, nextFirstDay);
  // R22: the rolling window ends with the month evaluated.
  const windowStart = complaintWindowStart(end, settings.complaintWindowMonths);
  const onlyOne = options.technicianId === undefined ? Prisma.empty : Prisma.sql`WHERE st."id" = ${options.technicianId}`;

  // PostgreSQL's JIT compiles this many-aggregate statement for more than a second (its cost is over
  // jit_above_cost) to save a few milliseconds of execution: off for this statement only.
  const rows = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL jit = off`;
    return tx.$queryRaw<Row[]>`
    WITH closed AS (
      -- The survey names the technician it rated; a call without one counts for its assignee.
      SELECT COALESCE(s."technicianId", t."assignedTechnicianId") AS "technicianId",
             count(*)::int AS "closed",
             count(*) FILTER (WHERE t."category" = 'C_WARRANTY')::int AS "closedWarranty",
             -- Surveyed, as in the directors' summary (domain/survey-figures.ts): answered, declined, or no answer after every try.
             count(*) FILTER (WHERE s."outcome" IN ('ANSWERED', 'DECLINED', 'NO_ANSWER'))::int AS "surveyed",
             count(*) FILTER (WHERE s."outcome" IN ('ANSWERED', 'DECLINED', 'NO_ANSWER') AND t."category" = 'C_WARRANTY')::int AS "surveyedWarranty",
             ${item("attitude")}, ${item("skill")}, ${item("arrivalTime")}, ${item("promiseKeeping")}
      -- Survey(ticketId) is unique: LIMIT 1 changes nothing but keeps the planner probing that index
      -- per call of the month, instead of hashing every survey ever made (a scan that grows each year).
      FROM "Ticket" t LEFT JOIN LATERAL (SELECT * FROM "Survey" sv WHERE sv."ticketId" = t."id" LIMIT 1) s ON true
      WHERE t."branchId" = ${branchId} AND t."closedAt" >= ${start} AND t."closedAt" < ${end}
      GROUP BY 1
    ), arrivals AS (
      -- R6: on time is at or before the deadline (domain/deadline.ts isLate).
      SELECT t."assignedTechnicianId" AS "technicianId",
             count(*)::int AS "withDeadline",
             count(*) FILTER (WHERE t."arrivedAt" <= t."arrivalDeadline")::int AS "onTime"
      FROM "Ticket" t
      WHERE t."branchId" = ${branchId} AND t."arrivedAt" >= ${start} AND t."arrivedAt" < ${end} AND t."arrivalDeadline" IS NOT NULL
      GROUP BY 1
    ), team AS (
      SELECT s."id" FROM "Staff" s WHERE s."branchId" = ${branchId} AND 'TECHNICIAN'::"Role" = ANY(s."roles")
    ), hours AS (
      SELECT w."technicianId",
             sum(w."hours") FILTER (WHERE w."category" = 'A_PAID') AS "hoursA",
             sum(w."hours") FILTER (WHERE w."category" = 'B_CONTRACT') AS "hoursB",
             sum(w."hours") FILTER (WHERE w."category" = 'C_WARRANTY') AS "hoursC",
             sum(w."hours") FILTER (WHERE w."category" = 'D_INTERNAL') AS "hoursD"
      FROM team JOIN "WorkLog" w ON w."technicianId" = team."id"
      WHERE w."workDate" >= CAST(${firstDay} AS date) AND w."workDate" < CAST(${nextFirstDay} AS date)
      GROUP BY 1
    ), complaints AS (
      SELECT c."technicianId",
             count(*) FILTER (WHERE c."receivedAt" >= ${start})::int AS "complaintsReceived",
             count(*) FILTER (WHERE c."receivedAt" >= ${start} AND c."substantiated")::int AS "complaintsSubstantiated",
             count(*) FILTER (WHERE c."substantiated")::int AS "substantiatedInWindow"
      FROM team JOIN "Complaint" c ON c."technicianId" = team."id"
      WHERE c."receivedAt" >= ${windowStart} AND c."receivedAt" < ${end}
      GROUP BY 1
    ), roster AS (
      SELECT s."id" FROM "Staff" s JOIN team ON team."id" = s."id" WHERE s."active"
      UNION SELECT "technicianId" FROM closed WHERE "technicianId" IS NOT NULL
      UNION SELECT "technicianId" FROM arrivals WHERE "technicianId" IS NOT NULL
      UNION SELECT "technicianId" FROM hours
      UNION SELECT "technicianId" FROM complaints
    )
    SELECT st."id" AS "staffId", st."name", st."slackUserId", st."active",
           COALESCE(cl."closed", 0) AS "closed", COALESCE(cl."closedWarranty", 0) AS "closedWarranty",
           COALESCE(cl."surveyed", 0) AS "surveyed", COALESCE(cl."surveyedWarranty", 0) AS "surveyedWarranty",
           COALESCE(cl."attitudeAnswers", 0) AS "attitudeAnswers", COALESCE(cl."attitudeSatisfied", 0) AS "attitudeSatisfied",
           COALESCE(cl."skillAnswers", 0) AS "skillAnswers", COALESCE(cl."skillSatisfied", 0) AS "skillSatisfied",
           COALESCE(cl."arrivalTimeAnswers", 0) AS "arrivalTimeAnswers", COALESCE(cl."arrivalTimeSatisfied", 0) AS "arrivalTimeSatisfied",
           COALESCE(cl."promiseKeepingAnswers", 0) AS "promiseKeepingAnswers", COALESCE(cl."promiseKeepingSatisfied", 0) AS "promiseKeepingSatisfied",
           COALESCE(ar."withDeadline", 0) AS "withDeadline", COALESCE(ar."onTime", 0) AS "onTime",
           h."hoursA", h."hoursB", h."hoursC", h."hoursD",
           COALESCE(co."complaintsReceived", 0) AS "complaintsReceived", COALESCE(co."complaintsSubstantiated", 0) AS "complaintsSubstantiated",
           COALESCE(co."substantiatedInWindow", 0) AS "substantiatedInWindow"
    FROM roster r JOIN "Staff" st ON st."id" = r."id"
    LEFT JOIN closed cl ON cl."technicianId" = st."id"
    LEFT JOIN arrivals ar ON ar."technicianId" = st."id"
    LEFT JOIN hours h ON h."technicianId" = st."id"
    LEFT JOIN complaints co ON co."technicianId" = st."id"
    ${onlyOne}
    ORDER BY st."name", st."id"`;
  });

  const technicians = rows.map((row): TechnicianEvaluation => {
    const counts: TechnicianMonthCounts = {
      closed: row.closed,
      closedWarranty: row.closedWarranty,
      surveyed: row.surveyed,
      surveyedWarranty: row.surveyedWarranty,
      items: {
        attitude: { answers: row.attitudeAnswers, satisfied: row.attitudeSatisfied },
        skill: { answers: row.skillAnswers, satisfied: row.skillSatisfied },
        arrivalTime: { answers: row.arrivalTimeAnswers, satisfied: row.arrivalTimeSatisfied },
        promiseKeeping: { answers: row.promiseKeepingAnswers, satisfied: row.promiseKeepingSatisfied },
      },
      arrivals: { withDeadline: row.withDeadline, onTime: row.onTime },
      hours: { A_PAID: hoursOf(row.hoursA), B_CONTRACT: hoursOf(row.hoursB), C_WARRANTY: hoursOf(row.hoursC), D_INTERNAL: hoursOf(row.hoursD) },
      complaints: { received: row.complaintsReceived, substantiated: row.complaintsSubstantiated, substantiatedInWindow: row.substantiatedInWindow },
    };
    return { staffId: row.staffId, name: row.name, slackUserId: row.slackUserId, active: row.active, counts, verdicts: evaluateTechnician(counts, settings.targets) };
  });

  return {
    branchId: branch.id,
    branchCode: branch.code,
    branchName: branch.name,
    timeZone: branch.timeZone,
    month,
    start: start.toISOString(),
    end: end.toISOString(),
    windowStart: windowStart.toISOString(),
    windowMonths: settings.complaintWindowMonths,
    targets: settings.targets,
    technicians,
  };
}
