import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { AppError } from "../../errors";
import type { Log } from "../../logger";
import { recordAudit } from "../audit";
import type { Actor } from "./resolve-actor";

export interface SetAvailabilityResult {
  staffId: number;
  available: boolean;
  /** False when they were already marked so (nothing written). */
  changed: boolean;
}

/**
 * R5: technicians mark themselves away or back from App Home; away technicians are listed last
 * when assigning. Only active technicians, for themselves (FORBIDDEN otherwise; this is not an
 * action of the permission table, so details name it "staff.set-availability").
 */
export async function setAvailability(
  deps: { db: Db; clock: Clock; log?: Log },
  options: { actor: Actor; available: boolean },
): Promise<SetAvailabilityResult> {
  const { db, clock } = deps;
  const { actor, available } = options;
  const staffId = actor.staffId;
  if (staffId === null || !actor.active || !actor.roles.includes("TECHNICIAN")) {
    throw new AppError("FORBIDDEN", {
      message: "only technicians mark themselves away",
      details: { action: "staff.set-availability", rolesAllowed: ["TECHNICIAN"] },
    });
  }
  return db.$transaction(async (tx) => {
    const staff = await tx.staff.findUniqueOrThrow({ where: { id: staffId }, select: { available: true } });
    if (staff.available === available) return { staffId, available, changed: false };
    await tx.staff.update({ where: { id: staffId }, data: { available } });
    await recordAudit(tx, {
      actor: actor.slackUserId,
      actorStaffId: staffId,
      action: "staff.set-availability",
      entity: "Staff",
      entityId: staffId,
      at: clock.now(),
      data: { available },
    });
    return { staffId, available, changed: true };
  });
}
