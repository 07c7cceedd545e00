import type { Role } from "../../domain/permissions";
import type { DbOrTx } from "../../db";

/** Who is acting, as the rules see them. ADMIN_SLACK_IDS are admins even before any import. */
export interface Actor {
  slackUserId: string;
  staffId: number | null;
  name: string | null;
  branchId: number | null;
  branchName: string | null;
  /** The branch's IANA zone: every date the person reads is shown in it. */
  branchTimeZone: string | null;
  roles: Role[];
  active: boolean;
  /** Technicians mark themselves away from App Home (R5 lists them last). */
  available: boolean;
  /** The language the person chose (App Home, staff CSV); null = Slack's, then the branch's. */
  locale?: string | null;
}

export async function resolveActor(deps: { db: DbOrTx; adminSlackIds: readonly string[] }, slackUserId: string): Promise<Actor> {
  const staff = await deps.db.staff.findUnique({ where: { slackUserId }, include: { branch: { select: { name: true, timeZone: true } } } });
  const roles = new Set<Role>(staff?.active ? staff.roles : []);
  if (deps.adminSlackIds.includes(slackUserId)) roles.add("ADMIN");
  return {
    slackUserId,
    staffId: staff?.id ?? null,
    name: staff?.name ?? null,
    branchId: staff?.branchId ?? null,
    branchName: staff?.branch.name ?? null,
    branchTimeZone: staff?.branch.timeZone ?? null,
    roles: [...roles],
    active: staff ? staff.active : roles.has("ADMIN"),
    available: staff?.available ?? true,
    locale: staff?.locale ?? null,
  };
}
