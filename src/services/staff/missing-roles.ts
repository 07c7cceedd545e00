// R7/R12: the roles escalations are sent to, where nobody active holds them (no manager at all; a
// branch without a director). Alerts then go to the admins; admins see the gap on `/repair jobs`
// and on their App Home so they can fill it.
import type { Db } from "../../db";
import type { Actor } from "./resolve-actor";
import { assertCan } from "../tickets/authorize";

export interface MissingRoles {
  /** Nobody active is a manager: escalations climb to the admins. */
  noManager: boolean;
  /** Branches without an active director: their alerts go to the admins. */
  branchesWithoutDirector: { code: string; name: string }[];
}

export async function listMissingRoles(deps: { db: Db }, options: { actor: Actor }): Promise<MissingRoles> {
  assertCan(options.actor, "admin.view-job-runs");
  const [managers, branches] = await Promise.all([
    deps.db.staff.count({ where: { active: true, roles: { has: "MANAGER" } } }),
    deps.db.branch.findMany({ where: { staff: { none: { active: true, roles: { has: "DIRECTOR" } } } }, orderBy: { code: "asc" }, select: { code: true, name: true } }),
  ]);
  return { noManager: managers === 0, branchesWithoutDirector: branches };
}
