// R17: a manager signs off a branch director's daily report before it counts as filed. One
// conditional statement (`signedOffAt IS NULL`) decides between two managers clicking at once:
// exactly one wins; the other gets ALREADY_DONE naming who signed and when. The signer is someone
// else than the branch's director (domain/permissions.ts, signOffRefusal).
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { signOffRefusal } from "../../domain/permissions";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import type { Actor } from "../staff/resolve-actor";
import { auditActor, permissionActor, requireStaffId } from "../tickets/authorize";
import { directorReportSelect, toStoredReport, type StoredDirectorReport } from "./director-report";

export async function signOffDirectorReport(deps: { db: Db; clock: Clock }, options: { actor: Actor; reportId: number }): Promise<StoredDirectorReport> {
  const found = await deps.db.directorReport.findUnique({ where: { id: options.reportId }, select: { id: true, branchId: true, branch: { select: { timeZone: true } } } });
  if (!found) throw new AppError("NOT_FOUND", { message: `director report ${options.reportId} not found`, details: { entity: "DirectorReport", reportId: options.reportId } });
  const refusal = signOffRefusal(permissionActor(options.actor), { branchId: found.branchId });
  if (refusal) {
    throw new AppError("FORBIDDEN", { message: `not allowed: report.sign-off (${refusal})`, details: { action: "report.sign-off", rolesAllowed: ["MANAGER"], reason: refusal } });
  }
  const staffId = requireStaffId(options.actor);
  const now = deps.clock.now();

  const won = await deps.db.$transaction(async (tx) => {
    const updated = await tx.directorReport.updateMany({ where: { id: found.id, signedOffAt: null }, data: { signedOffById: staffId, signedOffAt: now } });
    if (updated.count === 0) return false;
    await recordAudit(tx, { at: now, ...auditActor(options.actor), action: "director-report.sign-off", entity: "DirectorReport", entityId: found.id });
    return true;
  });

  const report = toStoredReport(await deps.db.directorReport.findUniqueOrThrow({ where: { id: found.id }, select: directorReportSelect }));
  if (!won || !report.signedOffAt) {
    throw new AppError("ALREADY_DONE", {
      message: `director report ${found.id} was already signed off`,
      details: {
        action: "report.sign-off",
        by: report.signedOffBy?.slackUserId ?? null,
        at: report.signedOffAt?.toISOString() ?? null,
        timeZone: found.branch.timeZone,
      },
    });
  }
  return report;
}
