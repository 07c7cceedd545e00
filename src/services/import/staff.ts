// Staff, keyed by Slack user id. A person may hold several roles (DOMAIN.md, "People"); skills and
// areas are what assignment matches on (R5).
import { z } from "zod";
import { Area, Role } from "../../generated/prisma/client";
import type { ImportDefinition } from "./definition";
import { code, email, flag, list, listOf, locale, phone, slackUserId, text } from "./fields";
import { branchesByCode } from "./references";
import { saveRecord } from "./save";

const ROLES = Object.values(Role) as [Role, ...Role[]];
const AREAS = Object.values(Area) as [Area, ...Area[]];

const staffRow = z.object({
  slack_user_id: slackUserId(),
  name: text(100),
  branch_code: code(20),
  roles: listOf(ROLES, "role").refine((roles) => roles.length > 0, "at least one role"),
  skills: list().optional(),
  areas: listOf(AREAS, "area").optional(),
  email: email().optional(),
  phone: phone().optional(),
  active: flag().optional(),
  /** The person's language; empty = Slack's, then the branch's. */
  locale: locale().optional(),
});
type StaffRow = z.output<typeof staffRow>;

interface StaffPlan {
  slackUserId: string;
  fields: {
    name: string;
    branchId: number;
    roles: Role[];
    skills: string[];
    areas: Area[];
    email: string | null;
    phone: string | null;
    active: boolean;
    /** Only when the file has a `locale` column: without one, a choice made in App Home stays. */
    locale?: string | null;
  };
}

export const staffImport: ImportDefinition<StaffRow, StaffPlan> = {
  kind: "staff",
  schema: staffRow,
  key: ["slack_user_id"],
  async resolve(db, rows, report, columns) {
    const withLocale = columns.includes("locale");
    const branches = await branchesByCode(db, rows.map(({ row }) => row.branch_code));
    return rows.flatMap(({ line, row }) => {
      const branch = branches.get(row.branch_code);
      if (!branch) {
        report(line, `unknown branch "${row.branch_code}"`, "branch_code");
        return [];
      }
      return [
        {
          slackUserId: row.slack_user_id,
          fields: {
            name: row.name,
            branchId: branch.id,
            roles: row.roles,
            skills: row.skills ?? [],
            areas: row.areas ?? [],
            email: row.email ?? null,
            phone: row.phone ?? null,
            active: row.active ?? true,
            ...(withLocale ? { locale: row.locale ?? null } : {}),
          },
        },
      ];
    });
  },
  async write(tx, { slackUserId, fields }) {
    const existing = await tx.staff.findUnique({ where: { slackUserId } });
    return saveRecord(existing, fields, {
      create: () => tx.staff.create({ data: { slackUserId, ...fields } }),
      update: () => tx.staff.update({ where: { slackUserId }, data: fields }),
    });
  },
};
