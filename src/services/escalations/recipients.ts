// R7/R12: who an escalation goes to: the branch's active directors when raised, every active
// manager when it climbs. With nobody in that role it goes to the admins (staff with the ADMIN
// role), and the alert says so, rather than to no one.
import type { DbOrTx } from "../../db";

export type EscalationRole = "DIRECTOR" | "MANAGER";

export interface EscalationRecipients {
  people: { staffId: number; slackUserId: string }[];
  /** The role nobody active holds, when the admins stand in for it; null when the role is filled. */
  sentToAdminsFor: EscalationRole | null;
}

export async function escalationRecipients(deps: { db: DbOrTx }, options: { role: "DIRECTOR"; branchId: number } | { role: "MANAGER" }): Promise<EscalationRecipients> {
  const where = options.role === "DIRECTOR" ? { branchId: options.branchId, active: true, roles: { has: "DIRECTOR" as const } } : { active: true, roles: { has: "MANAGER" as const } };
  const select = { id: true, slackUserId: true } as const;
  const filled = await deps.db.staff.findMany({ where, orderBy: { id: "asc" }, select });
  if (filled.length) return { people: filled.map((p) => ({ staffId: p.id, slackUserId: p.slackUserId })), sentToAdminsFor: null };
  const admins = await deps.db.staff.findMany({ where: { active: true, roles: { has: "ADMIN" } }, orderBy: { id: "asc" }, select });
  return { people: admins.map((p) => ({ staffId: p.id, slackUserId: p.slackUserId })), sentToAdminsFor: options.role };
}
