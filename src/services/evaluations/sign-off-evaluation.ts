// R20/R22: a manager signs off a branch's monthly evaluation, by the rule of the directors' daily
// summary (R17, domain/permissions.ts signOffRefusal): a manager who is someone else than the
// branch's director. One conditional statement decides between two managers clicking at once.
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { signOffRefusal } from "../../domain/permissions";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import type { Actor } from "../staff/resolve-actor";
import { auditActor, permissionActor, requireStaffId } from "../tickets/authorize";
import { evaluationReportSelect, toStoredEvaluation, type StoredEvaluationReport } from "./evaluation-report";

export async function signOffEvaluation(deps: { db: Db; clock: Clock }, options: { actor: Actor; reportId: number }): Promise<StoredEvaluationReport> {
  const found = await deps.db.evaluationReport.findUnique({ where: { id: options.reportId }, select: { id: true, branchId: true, branch: { select: { timeZone: true } } } });
  if (!found) throw new AppError("NOT_FOUND", { message: `evaluation report ${options.reportId} not found`, details: { entity: "EvaluationReport", reportId: options.reportId } });
  const refusal = signOffRefusal(permissionActor(options.actor), { branchId: found.branchId });
  if (refusal) {
    throw new AppError("FORBIDDEN", { message: `not allowed: evaluation sign-off (${refusal})`, details: { action: "report.sign-off", rolesAllowed: ["MANAGER"], reason: refusal } });
  }
  const staffId = requireStaffId(options.actor);
  const now = deps.clock.now();

  const won = await deps.db.$transaction(async (tx) => {
    const updated = await tx.evaluationReport.updateMany({ where: { id: found.id, signedOffAt: null }, data: { signedOffById: staffId, signedOffAt: now } });
    if (updated.count === 0) return false;
    await recordAudit(tx, { at: now, ...auditActor(options.actor), action: "evaluation-report.sign-off", entity: "EvaluationReport", entityId: found.id });
    return true;
  });

  const report = toStoredEvaluation(await deps.db.evaluationReport.findUniqueOrThrow({ where: { id: found.id }, select: evaluationReportSelect }));
  if (!won || !report.signedOffAt) {
    throw new AppError("ALREADY_DONE", {
      message: `evaluation report ${found.id} was already signed off`,
      details: { action: "report.sign-off", by: report.signedOffBy?.slackUserId ?? null, at: report.signedOffAt?.toISOString() ?? null, timeZone: found.branch.timeZone },
    });
  }
  return report;
}
