// R20/R22: `/repair evaluation [YYYY-MM] [@technician]` — a month's evaluation, computed now, for
// the branch's directors and any manager (report.view-branch); the previous month by default. A
// technician named picks their branch; the stored report, when there is one, says who signed it.
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { isMonth, previousMonth, DEFAULT_EVALUATION_SETTINGS, type EvaluationSettings } from "../../domain/monthly-evaluation";
import { localDate } from "../../domain/working-calendar";
import { AppError } from "../../errors";
import type { Actor } from "../staff/resolve-actor";
import { can, rolesAllowed } from "../../domain/permissions";
import { assertRoleFor, permissionActor } from "../tickets/authorize";
import { computeMonthlyEvaluation, type MonthlyEvaluation } from "./compute-monthly-evaluation";

export interface ShownEvaluation {
  evaluation: MonthlyEvaluation;
  /** The technician asked for, if any. */
  technician: { staffId: number; slackUserId: string; name: string } | null;
  /** The posted report of that month, if it was posted. */
  signedOff: { slackUserId: string; at: Date } | null;
  posted: boolean;
}

const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const normalise = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/** A technician named by a mention (`<@U…>`), a Slack id, or their name as typed ("@kim.minho", "Kim Minho"). */
async function findTechnician(db: Db, text: string, preferBranchId: number | null) {
  const mention = MENTION.exec(text);
  const slackUserId = mention ? mention[1] : /^[UW][A-Z0-9]{2,}$/.test(text) ? text : null;
  const select = { id: true, slackUserId: true, name: true, branchId: true, roles: true } as const;
  if (slackUserId) {
    const staff = await db.staff.findUnique({ where: { slackUserId }, select });
    return staff ? [staff] : [];
  }
  const wanted = normalise(text.replace(/^@/, ""));
  if (!wanted) return [];
  const technicians = await db.staff.findMany({ where: { roles: { has: "TECHNICIAN" } }, select });
  const matches = technicians.filter((staff) => normalise(staff.name) === wanted);
  const local = matches.filter((staff) => staff.branchId === preferBranchId);
  return local.length ? local : matches;
}

export async function showEvaluation(
  deps: { db: Db; clock: Clock; evaluationSettings?: EvaluationSettings },
  options: { actor: Actor; month: string | null; technician: string | null },
): Promise<ShownEvaluation> {
  const { actor } = options;
  // Refuse before looking anyone up: a technician learns nothing about colleagues.
  assertRoleFor(actor, "report.view-branch");
  if (options.month !== null && !isMonth(options.month)) {
    throw new AppError("VALIDATION", { message: `month must be YYYY-MM, got "${options.month}"`, details: { fields: ["month"], reason: "month" } });
  }
  let technician: ShownEvaluation["technician"] = null;
  let branchId = actor.branchId;
  if (options.technician !== null) {
    const found = await findTechnician(deps.db, options.technician, actor.branchId);
    if (found.length !== 1) {
      throw new AppError("NOT_FOUND", { message: `no single technician named "${options.technician}"`, details: { entity: "Staff", reason: found.length ? "ambiguous" : "technician" } });
    }
    technician = { staffId: found[0].id, slackUserId: found[0].slackUserId, name: found[0].name };
    branchId = found[0].branchId;
  }
  if (branchId === null) throw new AppError("NOT_FOUND", { message: "the actor has no branch", details: { entity: "Branch", reason: "branch" } });
  if (!can(permissionActor(actor), "report.view-branch", { branchId })) {
    // A director asking about another branch's technician: say so, rather than who may in general.
    throw new AppError("FORBIDDEN", { message: "not allowed: report.view-branch (other branch)", details: { action: "report.view-branch", rolesAllowed: rolesAllowed("report.view-branch"), reason: "other-branch" } });
  }

  const branch = await deps.db.branch.findUniqueOrThrow({ where: { id: branchId }, select: { timeZone: true } });
  const month = options.month ?? previousMonth(localDate({ timeZone: branch.timeZone }, deps.clock.now()));
  const [evaluation, stored] = await Promise.all([
    computeMonthlyEvaluation(deps.db, { branchId, month, technicianId: technician?.staffId, settings: deps.evaluationSettings ?? DEFAULT_EVALUATION_SETTINGS }),
    deps.db.evaluationReport.findUnique({ where: { branchId_month: { branchId, month } }, select: { messageTs: true, signedOffAt: true, signedOffBy: { select: { slackUserId: true } } } }),
  ]);
  return {
    evaluation,
    technician,
    signedOff: stored?.signedOffAt && stored.signedOffBy ? { slackUserId: stored.signedOffBy.slackUserId, at: stored.signedOffAt } : null,
    posted: Boolean(stored?.messageTs),
  };
}
