// A person chooses the language the bot writes to them in, from App Home (issue 14).
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { AppError } from "../../errors";
import type { StoredLocale } from "../../i18n/locale";
import type { Log } from "../../logger";
import { recordAudit } from "../audit";
import type { Actor } from "./resolve-actor";

export interface SetLocaleResult {
  staffId: number;
  /** null: Slack's language (then the branch's) decides. */
  locale: StoredLocale | null;
  /** False when it was already so (nothing written). */
  changed: boolean;
}

/**
 * Registered, active staff set their own language (null = follow Slack's). Anyone else is refused
 * (FORBIDDEN; not an action of the permission table, so details name it "staff.set-locale").
 */
export async function setStaffLocale(deps: { db: Db; clock: Clock; log?: Log }, options: { actor: Actor; locale: StoredLocale | null }): Promise<SetLocaleResult> {
  const { actor, locale } = options;
  const staffId = actor.staffId;
  if (staffId === null || !actor.active) {
    throw new AppError("FORBIDDEN", { message: "only registered staff choose their language", details: { action: "staff.set-locale" } });
  }
  return deps.db.$transaction(async (tx) => {
    const staff = await tx.staff.findUniqueOrThrow({ where: { id: staffId }, select: { locale: true } });
    if (staff.locale === locale) return { staffId, locale, changed: false };
    await tx.staff.update({ where: { id: staffId }, data: { locale } });
    await recordAudit(tx, {
      actor: actor.slackUserId,
      actorStaffId: staffId,
      action: "staff.set-locale",
      entity: "Staff",
      entityId: staffId,
      at: deps.clock.now(),
      data: { locale, previous: staff.locale },
    });
    return { staffId, locale, changed: true };
  });
}
