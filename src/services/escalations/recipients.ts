// R7/R12: who an escalation goes to: the branch's active directors when raised, every active
// manager when it climbs.
import type { DbOrTx } from "../../db";

export interface EscalationRecipients {
  people: { staffId: number; slackUserId: string }[];
}

export async function escalationRecipients(deps: { db: DbOrTx }, options: { role: "DIRECTOR"; branchId: number } | { role: "MANAGER" }): Promise<EscalationRecipients> {
  const where = options.role === "DIRECTOR" ? { branchId: options.branchId, active: true, roles: { has: "DIRECTOR" as const } } : { active: true, roles: { has: "MANAGER" as const } };
  const people = await deps.db.staff.findMany({ where, orderBy: { id: "asc" }, select: { id: true, slackUserId: true } });
  return { people: people.map((p) => ({ staffId: p.id, slackUserId: p.slackUserId })) };
}
