// R22: substantiated complaints against one technician inside the rolling window climb three levels
// (warning, penalty, dismissal review). Counted under the technician's row lock, so two outcomes
// recorded at once do not both see the same count.
import type { DbOrTx } from "../../db";
import { complaintWindowStart, levelReachedBy, type ComplaintLevel } from "../../domain/complaint-levels";

export async function countSubstantiatedLevel(
  tx: DbOrTx,
  options: { technicianId: number; complaintId: number; now: Date; windowMonths: number },
): Promise<{ level: ComplaintLevel; count: number } | null> {
  await tx.$queryRaw`SELECT id FROM "Staff" WHERE id = ${options.technicianId} FOR UPDATE`;
  const since = complaintWindowStart(options.now, options.windowMonths);
  const count = await tx.complaint.count({ where: { technicianId: options.technicianId, kind: "COMPLAINT", substantiated: true, receivedAt: { gte: since } } });
  const level = levelReachedBy(Math.max(0, count - 1), count);
  return level ? { level, count } : null;
}

/** R22: who hears of a new level: the technician's branch's directors, and the managers too at the third. */
export async function levelRecipients(deps: { db: DbOrTx }, options: { technicianId: number; level: ComplaintLevel }): Promise<{ technician: { slackUserId: string; name: string }; slackUserIds: string[] }> {
  const technician = await deps.db.staff.findUniqueOrThrow({ where: { id: options.technicianId }, select: { slackUserId: true, name: true, branchId: true } });
  const roles = options.level === "DISMISSAL_REVIEW" ? (["DIRECTOR", "MANAGER"] as const) : (["DIRECTOR"] as const);
  const people = await deps.db.staff.findMany({
    where: { active: true, OR: roles.map((role) => (role === "DIRECTOR" ? { branchId: technician.branchId, roles: { has: "DIRECTOR" as const } } : { roles: { has: "MANAGER" as const } })) },
    orderBy: { id: "asc" },
    select: { slackUserId: true },
  });
  return { technician: { slackUserId: technician.slackUserId, name: technician.name }, slackUserIds: [...new Set(people.map((p) => p.slackUserId))] };
}
