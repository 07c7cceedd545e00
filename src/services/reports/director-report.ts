// R16: the stored daily summary of a branch (DirectorReport, one per branch and local day) and the
// Slack message it was posted as. Storing is idempotent, so a job that crashed between storing and
// posting posts on its next run without making a second report.
import type { Db, DbOrTx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { recordAudit } from "../audit";
import { enqueueSlackEffect } from "../outbox/enqueue";
import type { DirectorSummary } from "./director-summary";
import { dateColumn } from "../tickets/ticket-rows";

export interface StoredDirectorReport {
  id: number;
  branchId: number;
  reportDate: string;
  figures: DirectorSummary;
  channelId: string | null;
  messageTs: string | null;
  signedOffBy: { staffId: number; slackUserId: string; name: string } | null;
  signedOffAt: Date | null;
}

export const directorReportSelect = {
  id: true,
  branchId: true,
  reportDate: true,
  figures: true,
  channelId: true,
  messageTs: true,
  signedOffAt: true,
  signedOffBy: { select: { id: true, slackUserId: true, name: true } },
} as const;

type ReportRow = Prisma.DirectorReportGetPayload<{ select: typeof directorReportSelect }>;

export function toStoredReport(row: ReportRow): StoredDirectorReport {
  return {
    id: row.id,
    branchId: row.branchId,
    reportDate: row.reportDate.toISOString().slice(0, 10),
    figures: row.figures as unknown as DirectorSummary,
    channelId: row.channelId,
    messageTs: row.messageTs,
    signedOffBy: row.signedOffBy ? { staffId: row.signedOffBy.id, slackUserId: row.signedOffBy.slackUserId, name: row.signedOffBy.name } : null,
    signedOffAt: row.signedOffAt,
  };
}

/**
 * Stores the day's figures once: an existing report (from an earlier, interrupted run) is returned
 * as it is, with `created: false`.
 */
export async function storeDirectorReport(
  deps: { db: Db; clock: { now(): Date } },
  options: { summary: DirectorSummary; actor: string },
): Promise<{ report: StoredDirectorReport; created: boolean }> {
  const { summary } = options;
  const reportDate = dateColumn(summary.date)!;
  const now = deps.clock.now();
  const created = await deps.db.$transaction(async (tx) => {
    const inserted = await tx.$queryRaw<Array<{ id: number }>>`
      INSERT INTO "DirectorReport" ("branchId", "reportDate", "figures", "createdAt")
      VALUES (${summary.branchId}, ${reportDate}, ${JSON.stringify(summary)}::jsonb, ${now})
      ON CONFLICT ("branchId", "reportDate") DO NOTHING
      RETURNING "id"`;
    if (inserted.length === 0) return false;
    await recordAudit(tx, { at: now, actor: options.actor, action: "director-report.create", entity: "DirectorReport", entityId: inserted[0].id, data: { branchId: summary.branchId, date: summary.date } });
    await enqueueDirectorReport(tx, inserted[0].id);
    return true;
  });
  const row = await deps.db.directorReport.findUniqueOrThrow({ where: { branchId_reportDate: { branchId: summary.branchId, reportDate } }, select: directorReportSelect });
  return { report: toStoredReport(row), created };
}

/** Records where the report was posted; only the first message counts (`messageTs IS NULL`). */
export async function recordDirectorReportMessage(deps: { db: Db }, options: { reportId: number; channelId: string; ts: string }): Promise<boolean> {
  const updated = await deps.db.directorReport.updateMany({ where: { id: options.reportId, messageTs: null }, data: { channelId: options.channelId, messageTs: options.ts } });
  return updated.count === 1;
}

/** R16: the report's post, queued once for the outbox (a report stored before a crash is queued again by its job). */
export async function enqueueDirectorReport(db: DbOrTx, reportId: number): Promise<void> {
  await enqueueSlackEffect(db, { kind: "director-report", reportId }, { key: `director-report:${reportId}`, keyMode: "dedupe" });
}

/** The stored report and where it goes: the directors' channel, else the dispatch channel. */
export async function getDirectorReportDelivery(deps: { db: Db }, options: { reportId: number }): Promise<{ report: StoredDirectorReport; branchCode: string; directorsChannelId: string | null; dispatchChannelId: string | null; createdAt: Date }> {
  const row = await deps.db.directorReport.findUniqueOrThrow({
    where: { id: options.reportId },
    select: { ...directorReportSelect, createdAt: true, branch: { select: { code: true, directorsChannelId: true, dispatchChannelId: true } } },
  });
  return { report: toStoredReport(row), branchCode: row.branch.code, directorsChannelId: row.branch.directorsChannelId, dispatchChannelId: row.branch.dispatchChannelId, createdAt: row.createdAt };
}
