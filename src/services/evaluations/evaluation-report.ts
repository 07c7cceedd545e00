// R20/R22: the stored monthly evaluation of a branch (EvaluationReport, one per branch and month)
// and the Slack message it was posted as. Storing is idempotent and queues the post in the same
// transaction, so a job that crashed between the two posts on its next run without a second report.
import type { Db, DbOrTx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { recordAudit } from "../audit";
import { enqueueSlackEffect } from "../outbox/enqueue";
import type { MonthlyEvaluation } from "./compute-monthly-evaluation";

export interface StoredEvaluationReport {
  id: number;
  branchId: number;
  month: string;
  figures: MonthlyEvaluation;
  channelId: string | null;
  messageTs: string | null;
  signedOffBy: { staffId: number; slackUserId: string; name: string } | null;
  signedOffAt: Date | null;
}

export const evaluationReportSelect = {
  id: true,
  branchId: true,
  month: true,
  figures: true,
  channelId: true,
  messageTs: true,
  signedOffAt: true,
  signedOffBy: { select: { id: true, slackUserId: true, name: true } },
} as const;

type ReportRow = Prisma.EvaluationReportGetPayload<{ select: typeof evaluationReportSelect }>;

export function toStoredEvaluation(row: ReportRow): StoredEvaluationReport {
  return {
    id: row.id,
    branchId: row.branchId,
    month: row.month,
    figures: row.figures as unknown as MonthlyEvaluation,
    channelId: row.channelId,
    messageTs: row.messageTs,
    signedOffBy: row.signedOffBy ? { staffId: row.signedOffBy.id, slackUserId: row.signedOffBy.slackUserId, name: row.signedOffBy.name } : null,
    signedOffAt: row.signedOffAt,
  };
}

/** Stores the month's figures once: a report stored earlier is returned as it is, with `created: false`. */
export async function storeEvaluationReport(
  deps: { db: Db; clock: { now(): Date } },
  options: { evaluation: MonthlyEvaluation; actor: string },
): Promise<{ report: StoredEvaluationReport; created: boolean }> {
  const { evaluation } = options;
  const now = deps.clock.now();
  const created = await deps.db.$transaction(async (tx) => {
    const inserted = await tx.$queryRaw<Array<{ id: number }>>`
      INSERT INTO "EvaluationReport" ("branchId", "month", "figures", "createdAt")
      VALUES (${evaluation.branchId}, ${evaluation.month}, ${JSON.stringify(evaluation)}::jsonb, ${now})
      ON CONFLICT ("branchId", "month") DO NOTHING
      RETURNING "id"`;
    if (inserted.length === 0) return false;
    await recordAudit(tx, {
      at: now,
      actor: options.actor,
      action: "evaluation-report.create",
      entity: "EvaluationReport",
      entityId: inserted[0].id,
      data: { branchId: evaluation.branchId, month: evaluation.month, technicians: evaluation.technicians.length },
    });
    await enqueueEvaluationReport(tx, inserted[0].id);
    return true;
  });
  const row = await deps.db.evaluationReport.findUniqueOrThrow({ where: { branchId_month: { branchId: evaluation.branchId, month: evaluation.month } }, select: evaluationReportSelect });
  return { report: toStoredEvaluation(row), created };
}

/** The report's post, queued once for the outbox. */
export async function enqueueEvaluationReport(db: DbOrTx, reportId: number): Promise<void> {
  await enqueueSlackEffect(db, { kind: "evaluation-report", reportId }, { key: `evaluation-report:${reportId}`, keyMode: "dedupe" });
}

/** Records where the report was posted; only the first message counts (`messageTs IS NULL`). */
export async function recordEvaluationReportMessage(deps: { db: Db }, options: { reportId: number; channelId: string; ts: string }): Promise<boolean> {
  const updated = await deps.db.evaluationReport.updateMany({ where: { id: options.reportId, messageTs: null }, data: { channelId: options.channelId, messageTs: options.ts } });
  return updated.count === 1;
}

/** The stored report and where it goes: the directors' channel, else the dispatch channel. */
export async function getEvaluationReportDelivery(
  deps: { db: Db },
  options: { reportId: number },
): Promise<{ report: StoredEvaluationReport; branchCode: string; directorsChannelId: string | null; dispatchChannelId: string | null; createdAt: Date }> {
  const row = await deps.db.evaluationReport.findUniqueOrThrow({
    where: { id: options.reportId },
    select: { ...evaluationReportSelect, createdAt: true, branch: { select: { code: true, directorsChannelId: true, dispatchChannelId: true } } },
  });
  return { report: toStoredEvaluation(row), branchCode: row.branch.code, directorsChannelId: row.branch.directorsChannelId, dispatchChannelId: row.branch.dispatchChannelId, createdAt: row.createdAt };
}
