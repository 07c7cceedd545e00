// R16/R17: the figures of a branch's local day for the directors' daily summary. Every number is a
// SQL aggregate over an indexed range (the branch's local day [start, end) in its zone, or the
// WorkLog/DailyWorkReport date), so a year of tickets is never loaded into memory; only the day's
// arrivals are read, to judge each by the R6 rule itself.
import type { DbOrTx } from "../../db";
import { isLate } from "../../domain/deadline";
import { daysOut } from "../../domain/part-loans";
import { startOfLocalDay } from "../../domain/local-day";
import type { ServiceCategory } from "../../domain/category";
import { AppError } from "../../errors";
import type { SurveyFigures, SurveyTargets } from "../../domain/survey-figures";
import { computeBranchSurveyFigures } from "../surveys/survey-figures";

/** Overdue calls listed by voucher number; the rest are only counted. */
export const OVERDUE_LIST_LIMIT = 20;

/** R14: part loans out more than one night listed; the rest are only counted. */
export const LONG_LOANS_LIST_LIMIT = 20;

export interface LongLoanItem {
  loanId: number;
  partNo: string;
  name: string;
  technician: SummaryPerson;
  /** Units still out (all of them, for a loan that came back after the day). */
  left: number;
  borrowedAt: string;
  /** Local days out by the end of the day, both counted (domain/part-loans.ts). */
  daysOut: number;
}

export interface SummaryPerson {
  staffId: number;
  name: string;
  slackUserId: string;
}

export interface DirectorSummary {
  branchId: number;
  branchCode: string;
  branchName: string;
  timeZone: string;
  currency: string;
  /** The local day, YYYY-MM-DD, and its [start, end) instants as ISO strings. */
  date: string;
  start: string;
  end: string;
  calls: {
    received: number;
    /** Calls whose first assignment was made that day. */
    assigned: number;
    /** Calls resolved that day. */
    completed: number;
    carriedOver: number;
  };
  overdue: {
    /** Open calls without an arrival whose deadline passed before the end of the day. */
    count: number;
    items: Array<{ ticketId: number; voucherNo: string; arrivalDeadline: string; message: { channelId: string; ts: string } | null }>;
  };
  /** R6: arrivals that day that met their deadline, of all arrivals that day with a deadline. */
  arrivals: { onTime: number; withDeadline: number; onTimeRate: number | null };
  /** R11/R17: items in the workshop now, by custody state, and the day's movements. */
  workshop: { waitingRepair: number; waitingParts: number; repaired: number; receivedToday: number; repairedToday: number; returnedToday: number };
  /** R15/R16: person-hours per technician and category (WorkLog.workDate = the day). */
  hours: Array<SummaryPerson & { byCategory: Record<ServiceCategory, number>; total: number }>;
  /** R14/R16: parts used that day. */
  parts: Array<{ partId: number; partNo: string; name: string; quantity: number; value: number }>;
  /** R10/R16: fees created that day, collected on site vs. invoices requested. */
  fees: { collectedOnSite: { count: number; amount: number }; invoiceRequested: { count: number; amount: number } };
  /** R15: active technicians without a daily work report for the day. */
  missingReports: SummaryPerson[];
  /** R18: contracts whose expiry notice went out that day. */
  contractNotices: Array<{ contractId: number; number: string; customerName: string; endsOn: string; assignee: SummaryPerson | null }>;
  /** R14: part loans still out at the end of the day that were taken on an earlier day; absent in reports stored before it existed. */
  longLoans?: { count: number; items: LongLoanItem[] };
  /** R19/R20: the surveys of the calls closed on the previous working day (surveyed today); absent in reports stored before it existed. */
  surveys?: { closedOn: string; figures: SurveyFigures };
}

const CATEGORIES: readonly ServiceCategory[] = ["A_PAID", "B_CONTRACT", "C_WARRANTY", "D_INTERNAL"];

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** The summary of `date` (the branch's local YYYY-MM-DD) for one branch. */
export async function computeDirectorSummary(
  db: DbOrTx,
  options: { branchId: number; date: string; /** R19/R20: the previous working day, whose calls were surveyed today, and the targets. */ surveys?: { previousDate: string | null; targets?: SurveyTargets } },
): Promise<DirectorSummary> {
  const { branchId, date } = options;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new AppError("VALIDATION", { message: `date must be YYYY-MM-DD, got "${date}"`, details: { fields: ["date"] } });
  const branch = await db.branch.findUnique({ where: { id: branchId }, select: { id: true, code: true, name: true, timeZone: true, currency: true } });
  if (!branch) throw new AppError("NOT_FOUND", { message: `branch ${branchId} not found`, details: { entity: "Branch", branchId } });
  const start = startOfLocalDay(branch.timeZone, date);
  const end = startOfLocalDay(branch.timeZone, nextDate(date));

  // Ticket(branchId, receivedAt | resolvedAt | carriedOverAt): a BitmapOr of three index ranges.
  const ticketCounts = db.$queryRaw<Array<{ received: number; completed: number; carried: number }>>`
    SELECT
      count(*) FILTER (WHERE t."receivedAt" >= ${start} AND t."receivedAt" < ${end})::int AS "received",
      count(*) FILTER (WHERE t."resolvedAt" >= ${start} AND t."resolvedAt" < ${end})::int AS "completed",
      count(*) FILTER (WHERE t."carriedOverAt" >= ${start} AND t."carriedOverAt" < ${end})::int AS "carried"
    FROM "Ticket" t
    WHERE t."branchId" = ${branchId}
      AND ((t."receivedAt" >= ${start} AND t."receivedAt" < ${end})
        OR (t."resolvedAt" >= ${start} AND t."resolvedAt" < ${end})
        OR (t."carriedOverAt" >= ${start} AND t."carriedOverAt" < ${end}))`;

  // Ticket(branchId, arrivedAt): the day's arrivals with a deadline, a few per technician. Each is
  // judged by domain/deadline.ts's isLate, the rule behind the card's lateness and the overdue scan.
  const arrivalRows = db.$queryRaw<Array<{ arrivedAt: Date; arrivalDeadline: Date }>>`
    SELECT t."arrivedAt", t."arrivalDeadline"
    FROM "Ticket" t
    WHERE t."branchId" = ${branchId} AND t."arrivedAt" >= ${start} AND t."arrivedAt" < ${end} AND t."arrivalDeadline" IS NOT NULL`;

  // Assignment(assignedAt) for the day, Assignment(ticketId, assignedAt) to tell a first assignment.
  const assigned = db.$queryRaw<Array<{ count: number }>>`
    SELECT count(DISTINCT a."ticketId")::int AS "count"
    FROM "Assignment" a JOIN "Ticket" t ON t."id" = a."ticketId"
    WHERE t."branchId" = ${branchId} AND a."assignedAt" >= ${start} AND a."assignedAt" < ${end}
      AND NOT EXISTS (SELECT 1 FROM "Assignment" p WHERE p."ticketId" = a."ticketId" AND p."assignedAt" < a."assignedAt")`;

  // Ticket(branchId, status, arrivalDeadline).
  const overdue = db.$queryRaw<Array<{ id: number; voucherNo: string; arrivalDeadline: Date; slackChannelId: string | null; slackMessageTs: string | null; total: number }>>`
    SELECT t."id", t."voucherNo", t."arrivalDeadline", t."slackChannelId", t."slackMessageTs", count(*) OVER ()::int AS "total"
    FROM "Ticket" t
    WHERE t."branchId" = ${branchId}
      -- Still waiting for the technician: the statuses of the R7 overdue scan.
      AND t."status" IN ('REGISTERED', 'ASSIGNED', 'ACCEPTED')
      AND t."arrivedAt" IS NULL AND t."arrivalDeadline" < ${end}
    ORDER BY t."arrivalDeadline" ASC, t."id" ASC
    LIMIT ${OVERDUE_LIST_LIMIT}`;

  // CustodyReceipt(state) / (receivedAt) / (returnedAt); Ticket(branchId, resolvedAt) + CustodyReceipt(ticketId).
  const workshop = db.$queryRaw<Array<{ waitingRepair: number; waitingParts: number; repaired: number; receivedToday: number; returnedToday: number }>>`
    SELECT
      count(*) FILTER (WHERE c."state" = 'WAITING_REPAIR')::int AS "waitingRepair",
      count(*) FILTER (WHERE c."state" = 'WAITING_PARTS')::int AS "waitingParts",
      count(*) FILTER (WHERE c."state" = 'REPAIRED')::int AS "repaired",
      count(*) FILTER (WHERE c."receivedAt" >= ${start} AND c."receivedAt" < ${end})::int AS "receivedToday",
      count(*) FILTER (WHERE c."returnedAt" >= ${start} AND c."returnedAt" < ${end})::int AS "returnedToday"
    FROM "CustodyReceipt" c JOIN "Ticket" t ON t."id" = c."ticketId"
    WHERE t."branchId" = ${branchId}
      AND (c."state" IN ('WAITING_REPAIR', 'WAITING_PARTS', 'REPAIRED')
        OR (c."receivedAt" >= ${start} AND c."receivedAt" < ${end})
        OR (c."returnedAt" >= ${start} AND c."returnedAt" < ${end}))`;
  // Repaired = moved to REPAIRED in the goods register that day (services/workshop/custody.ts audits
  // each move as "custody.state"); AuditLog(at) bounds the scan to the day.
  const repairedToday = db.$queryRaw<Array<{ count: number }>>`
    SELECT count(DISTINCT a."entityId")::int AS "count"
    FROM "AuditLog" a JOIN "Ticket" t ON t."id" = a."ticketId"
    WHERE a."at" >= ${start} AND a."at" < ${end} AND a."action" = 'custody.state' AND a."data"->>'to' = 'REPAIRED'
      AND t."branchId" = ${branchId}`;

  // WorkLog(workDate).
  const hours = db.$queryRaw<Array<{ staffId: number; name: string; slackUserId: string; category: ServiceCategory; hours: unknown }>>`
    SELECT s."id" AS "staffId", s."name", s."slackUserId", w."category"::text AS "category", sum(w."hours") AS "hours"
    FROM "WorkLog" w JOIN "Staff" s ON s."id" = w."technicianId"
    WHERE w."workDate" = CAST(${date} AS date) AND s."branchId" = ${branchId}
    GROUP BY s."id", s."name", s."slackUserId", w."category"
    ORDER BY s."name", s."id"`;

  // PartUsage(usedAt).
  const parts = db.$queryRaw<Array<{ partId: number; partNo: string; name: string; quantity: number; value: unknown }>>`
    SELECT p."id" AS "partId", p."partNo", p."name", sum(u."quantity")::int AS "quantity", sum(u."quantity" * u."unitPrice") AS "value"
    FROM "PartUsage" u JOIN "Ticket" t ON t."id" = u."ticketId" JOIN "Part" p ON p."id" = u."partId"
    WHERE t."branchId" = ${branchId} AND u."usedAt" >= ${start} AND u."usedAt" < ${end}
    GROUP BY p."id", p."partNo", p."name"
    ORDER BY sum(u."quantity" * u."unitPrice") DESC, p."partNo"`;

  // Charge(createdAt).
  const fees = db.$queryRaw<Array<{ settlement: string; count: number; amount: unknown }>>`
    SELECT c."settlement"::text AS "settlement", count(*)::int AS "count", sum(c."amount") AS "amount"
    FROM "Charge" c JOIN "Ticket" t ON t."id" = c."ticketId"
    WHERE t."branchId" = ${branchId} AND c."createdAt" >= ${start} AND c."createdAt" < ${end}
      AND c."settlement" IN ('COLLECTED_ON_SITE', 'INVOICE_REQUESTED')
    GROUP BY c."settlement"`;

  // Staff(branchId); DailyWorkReport(technicianId, workDate) unique.
  const missing = db.$queryRaw<Array<{ staffId: number; name: string; slackUserId: string }>>`
    SELECT s."id" AS "staffId", s."name", s."slackUserId" FROM "Staff" s
    WHERE s."branchId" = ${branchId} AND s."active" AND 'TECHNICIAN'::"Role" = ANY(s."roles")
      AND NOT EXISTS (SELECT 1 FROM "DailyWorkReport" d WHERE d."technicianId" = s."id" AND d."workDate" = CAST(${date} AS date))
    ORDER BY s."name", s."id"`;

  // Contract(branchId, expiryNoticeAt).
  const notices = db.$queryRaw<Array<{ contractId: number; number: string; customerName: string; endsOn: Date; assigneeId: number | null; assigneeName: string | null; assigneeSlackUserId: string | null }>>`
    SELECT c."id" AS "contractId", c."number", cu."name" AS "customerName", c."endsOn",
           s."id" AS "assigneeId", s."name" AS "assigneeName", s."slackUserId" AS "assigneeSlackUserId"
    FROM "Contract" c JOIN "Customer" cu ON cu."id" = c."customerId" LEFT JOIN "Staff" s ON s."id" = c."renewalAssigneeId"
    WHERE c."branchId" = ${branchId} AND c."expiryNoticeAt" >= ${start} AND c."expiryNoticeAt" < ${end}
    ORDER BY c."endsOn", c."number"`;

  // PartLoan(branchId, status) / (branchId, settledAt): out at the end of the day, taken before it began.
  const longLoans = db.$queryRaw<Array<{ id: number; partNo: string; name: string; staffId: number; staffName: string; slackUserId: string; left: number; borrowedAt: Date; total: number }>>`
    SELECT l."id", p."partNo", p."name", s."id" AS "staffId", s."name" AS "staffName", s."slackUserId",
           (CASE WHEN l."status" = 'OUT' THEN l."quantity" - l."quantityUsed" - l."quantityReturned" ELSE l."quantity" END)::int AS "left",
           l."borrowedAt", count(*) OVER ()::int AS "total"
    FROM "PartLoan" l JOIN "Part" p ON p."id" = l."partId" JOIN "Staff" s ON s."id" = l."technicianId"
    WHERE l."branchId" = ${branchId} AND l."borrowedAt" < ${start}
      AND ((l."status" = 'OUT' AND l."settledAt" IS NULL) OR l."settledAt" >= ${end})
    ORDER BY l."borrowedAt" ASC, l."id" ASC
    LIMIT ${LONG_LOANS_LIST_LIMIT}`;

  const previousDate = options.surveys?.previousDate ?? null;
  const surveyFigures = previousDate
    ? computeBranchSurveyFigures(db, { branchId, closedFrom: startOfLocalDay(branch.timeZone, previousDate), closedTo: start, targets: options.surveys?.targets })
    : Promise.resolve(null);

  const [[counts], arrivals, longLoanRows, [assignedRow], overdueRows, [workshopRow], [repairedRow], hourRows, partRows, feeRows, missingRows, noticeRows] = await Promise.all([
    ticketCounts,
    arrivalRows,
    longLoans,
    assigned,
    overdue,
    workshop,
    repairedToday,
    hours,
    parts,
    fees,
    missing,
    notices,
  ]);
  const surveys = await surveyFigures;

  const byPerson = new Map<number, DirectorSummary["hours"][number]>();
  for (const row of hourRows) {
    let person = byPerson.get(row.staffId);
    if (!person) {
      person = { staffId: row.staffId, name: row.name, slackUserId: row.slackUserId, byCategory: { A_PAID: 0, B_CONTRACT: 0, C_WARRANTY: 0, D_INTERNAL: 0 }, total: 0 };
      byPerson.set(row.staffId, person);
    }
    if (CATEGORIES.includes(row.category)) person.byCategory[row.category] += num(row.hours);
    person.total += num(row.hours);
  }
  const onTime = arrivals.filter((row) => !isLate({ deadline: row.arrivalDeadline, at: row.arrivedAt })).length;
  const fee = (settlement: string) => {
    const row = feeRows.find((candidate) => candidate.settlement === settlement);
    return { count: row?.count ?? 0, amount: num(row?.amount) };
  };

  return {
    branchId: branch.id,
    branchCode: branch.code,
    branchName: branch.name,
    timeZone: branch.timeZone,
    currency: branch.currency,
    date,
    start: start.toISOString(),
    end: end.toISOString(),
    calls: { received: counts.received, assigned: assignedRow.count, completed: counts.completed, carriedOver: counts.carried },
    overdue: {
      count: overdueRows[0]?.total ?? 0,
      items: overdueRows.map((row) => ({
        ticketId: row.id,
        voucherNo: row.voucherNo,
        arrivalDeadline: row.arrivalDeadline.toISOString(),
        message: row.slackChannelId && row.slackMessageTs ? { channelId: row.slackChannelId, ts: row.slackMessageTs } : null,
      })),
    },
    arrivals: { onTime, withDeadline: arrivals.length, onTimeRate: arrivals.length > 0 ? onTime / arrivals.length : null },
    workshop: { ...workshopRow, repairedToday: repairedRow.count },
    hours: [...byPerson.values()],
    parts: partRows.map((row) => ({ partId: row.partId, partNo: row.partNo, name: row.name, quantity: row.quantity, value: num(row.value) })),
    fees: { collectedOnSite: fee("COLLECTED_ON_SITE"), invoiceRequested: fee("INVOICE_REQUESTED") },
    missingReports: missingRows.map((row) => ({ staffId: row.staffId, name: row.name, slackUserId: row.slackUserId })),
    contractNotices: noticeRows.map((row) => ({
      contractId: row.contractId,
      number: row.number,
      customerName: row.customerName,
      endsOn: row.endsOn.toISOString().slice(0, 10),
      assignee: row.assigneeId !== null ? { staffId: row.assigneeId, name: row.assigneeName ?? "", slackUserId: row.assigneeSlackUserId ?? "" } : null,
    })),
    longLoans: {
      count: longLoanRows[0]?.total ?? 0,
      items: longLoanRows.map((row) => ({
        loanId: row.id,
        partNo: row.partNo,
        name: row.name,
        technician: { staffId: row.staffId, name: row.staffName, slackUserId: row.slackUserId },
        left: row.left,
        borrowedAt: row.borrowedAt.toISOString(),
        daysOut: daysOut({ timeZone: branch.timeZone, borrowedAt: row.borrowedAt, on: date }),
      })),
    },
    ...(surveys && previousDate ? { surveys: { closedOn: previousDate, figures: surveys } } : {}),
  };
}
