// Branches with their calendar (R6 counts only working hours, in the branch's time zone).
// Working hours are replaced on re-import; holidays are added or renamed, never removed, since
// a director may have added one in the app.
import { z } from "zod";
import { Prisma } from "../../generated/prisma/client";
import { parseHolidays, parseWorkingHours, type HolidayEntry, type WeeklyInterval } from "./calendar-syntax";
import type { ImportDefinition } from "./definition";
import { code, money, parsedBy, slackChannelId, text, timeZone } from "./fields";
import { saveRecord } from "./save";
import { DEFAULT_ON_SITE_COLLECTION_LIMIT } from "../../domain/fees";

const DEFAULT_CURRENCY = "KRW";

const branchRow = z.object({
  code: code(20),
  name: text(100),
  time_zone: timeZone(),
  dispatch_channel_id: slackChannelId().optional(),
  directors_channel_id: slackChannelId().optional(),
  labour_rate: money().optional(),
  /** R10: fees up to this are collected on site; above it, invoiced (seed 001 §4.5.5: 500). */
  on_site_limit: money().optional(),
  currency: z
    .string()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "a three-letter currency code such as KRW or EUR")
    .optional(),
  working_hours: parsedBy(parseWorkingHours),
  holidays: parsedBy(parseHolidays).optional(),
});
type BranchRow = z.output<typeof branchRow>;

interface BranchPlan {
  code: string;
  fields: {
    name: string;
    timeZone: string;
    dispatchChannelId: string | null;
    directorsChannelId: string | null;
    labourRate: Prisma.Decimal;
    currency: string;
    onSiteCollectionLimit: Prisma.Decimal;
  };
  workingHours: WeeklyInterval[];
  holidays: HolidayEntry[];
}

export const branchesImport: ImportDefinition<BranchRow, BranchPlan> = {
  kind: "branches",
  schema: branchRow,
  key: ["code"],
  async resolve(_db, rows) {
    return rows.map(({ row }) => ({
      code: row.code,
      fields: {
        name: row.name,
        timeZone: row.time_zone,
        dispatchChannelId: row.dispatch_channel_id ?? null,
        directorsChannelId: row.directors_channel_id ?? null,
        labourRate: row.labour_rate ?? new Prisma.Decimal(0),
        currency: row.currency ?? DEFAULT_CURRENCY,
        onSiteCollectionLimit: row.on_site_limit ?? new Prisma.Decimal(DEFAULT_ON_SITE_COLLECTION_LIMIT),
      },
      workingHours: row.working_hours,
      holidays: row.holidays ?? [],
    }));
  },
  async write(tx, { code, fields, workingHours, holidays }) {
    const existing = await tx.branch.findUnique({
      where: { code },
      include: {
        workingHours: { orderBy: [{ weekday: "asc" }, { opensAt: "asc" }] },
        holidays: { where: { date: { in: holidays.map((holiday) => holiday.date) } }, orderBy: { date: "asc" } },
      },
    });
    const current = existing && {
      ...existing,
      workingHours: existing.workingHours.map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })),
      holidays: existing.holidays.map(({ date, name }) => ({ date, name })),
    };
    return saveRecord(current, { ...fields, workingHours, holidays }, {
      create: () => tx.branch.create({ data: { code, ...fields, workingHours: { create: workingHours }, holidays: { create: holidays } } }),
      update: async () => {
        const branch = await tx.branch.update({ where: { code }, data: { ...fields, workingHours: { deleteMany: {}, create: workingHours } } });
        for (const { date, name } of holidays) {
          await tx.holiday.upsert({ where: { branchId_date: { branchId: branch.id, date } }, create: { branchId: branch.id, date, name }, update: { name } });
        }
      },
    });
  },
};
