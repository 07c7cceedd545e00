// Branches with their calendar (R6 counts only working hours, in the branch's time zone).
// Working hours are replaced on re-import; holidays are added or renamed, and removed only when
// the file says so (`remove_holidays`), never because a day is left out. When the calendar of an
// existing branch changes, its open calls' deadlines are counted again in the same transaction.
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { Prisma } from "../../generated/prisma/client";
import { recomputeBranchDeadlines } from "../tickets/recompute-deadlines";
import { parseHolidayDates, parseHolidays, parseWorkingHours, type HolidayEntry, type WeeklyInterval } from "./calendar-syntax";
import { isoDay } from "./dates";
import type { ImportDefinition } from "./definition";
import { code, locale, money, parsedBy, slackChannelId, text, timeZone } from "./fields";
import { saveRecord } from "./save";
import { DEFAULT_ON_SITE_COLLECTION_LIMIT } from "../../domain/fees";
import { DEFAULT_LOCALE } from "../../i18n/locale";

const DEFAULT_CURRENCY = "KRW";

const branchRow = z.object({
  code: code(20),
  name: text(100),
  time_zone: timeZone(),
  dispatch_channel_id: slackChannelId().optional(),
  directors_channel_id: slackChannelId().optional(),
  /** R19: where the day's survey list goes (the dispatch channel when empty). */
  survey_channel_id: slackChannelId().optional(),
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
  remove_holidays: parsedBy(parseHolidayDates).optional(),
  /** The language of the branch's channels, and of its people and customers who chose none; empty = en. */
  locale: locale().optional(),
});
type BranchRow = z.output<typeof branchRow>;

interface BranchPlan {
  code: string;
  fields: {
    name: string;
    timeZone: string;
    dispatchChannelId: string | null;
    directorsChannelId: string | null;
    surveyChannelId: string | null;
    labourRate: Prisma.Decimal;
    currency: string;
    onSiteCollectionLimit: Prisma.Decimal;
    /** Only when the file has a `locale` column, so an older file does not reset the language. */
    locale?: string;
  };
  workingHours: WeeklyInterval[];
  holidays: HolidayEntry[];
  /** Days that are working days after all: their holidays are deleted. */
  removeHolidays: Date[];
}

export const branchesImport: ImportDefinition<BranchRow, BranchPlan> = {
  kind: "branches",
  schema: branchRow,
  key: ["code"],
  async resolve(_db, rows, report, columns) {
    const withLocale = columns.includes("locale");
    return rows.flatMap(({ line, row }) => {
      const removed = new Set((row.remove_holidays ?? []).map((date) => date.getTime()));
      const both = (row.holidays ?? []).filter((holiday) => removed.has(holiday.date.getTime()));
      if (both.length) {
        report(line, `${both.map((holiday) => isoDay(holiday.date)).join(", ")} cannot be both a holiday and removed`, "remove_holidays");
        return [];
      }
      return [toPlan(row, withLocale)];
    });
  },
  async write(tx, { code, fields, workingHours, holidays, removeHolidays }, context) {
    const removing = (date: Date) => removeHolidays.some((day) => day.getTime() === date.getTime());
    const existing = await tx.branch.findUnique({
      where: { code },
      include: {
        workingHours: { orderBy: [{ weekday: "asc" }, { opensAt: "asc" }] },
        holidays: { where: { date: { in: [...holidays.map((holiday) => holiday.date), ...removeHolidays] } }, orderBy: { date: "asc" } },
      },
    });
    const current = existing && {
      ...existing,
      workingHours: existing.workingHours.map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })),
      holidays: existing.holidays.filter(({ date }) => !removing(date)).map(({ date, name }) => ({ date, name })),
      removeHolidays: existing.holidays.filter(({ date }) => removing(date)).map(({ date }) => date),
    };
    const planned = { ...fields, workingHours, holidays, removeHolidays: [] as Date[] };
    return saveRecord(current, planned, {
      create: () => tx.branch.create({ data: { code, ...fields, workingHours: { create: workingHours }, holidays: { create: holidays } } }),
      update: async () => {
        const branch = await tx.branch.update({ where: { code }, data: { ...fields, workingHours: { deleteMany: {}, create: workingHours } } });
        for (const { date, name } of holidays) {
          await tx.holiday.upsert({ where: { branchId_date: { branchId: branch.id, date } }, create: { branchId: branch.id, date, name }, update: { name } });
        }
        if (removeHolidays.length) await tx.holiday.deleteMany({ where: { branchId: branch.id, date: { in: removeHolidays } } });
        // R6: a holiday imported (or removed) after a call came in moves its deadline.
        if (current && !isDeepStrictEqual(calendarOf(current), calendarOf(planned))) {
          const moved = await recomputeBranchDeadlines(tx, { branchId: branch.id, now: context.now, actor: context.actor, arrivalLimits: context.arrivalLimits });
          context.deadlinesMoved(moved.length);
        }
      },
    });
  },
};

function toPlan(row: BranchRow, withLocale: boolean): BranchPlan {
  return {
    code: row.code,
    fields: {
      name: row.name,
      timeZone: row.time_zone,
      dispatchChannelId: row.dispatch_channel_id ?? null,
      directorsChannelId: row.directors_channel_id ?? null,
      surveyChannelId: row.survey_channel_id ?? null,
      labourRate: row.labour_rate ?? new Prisma.Decimal(0),
      currency: row.currency ?? DEFAULT_CURRENCY,
      onSiteCollectionLimit: row.on_site_limit ?? new Prisma.Decimal(DEFAULT_ON_SITE_COLLECTION_LIMIT),
      ...(withLocale ? { locale: row.locale ?? DEFAULT_LOCALE } : {}),
    },
    workingHours: row.working_hours,
    holidays: row.holidays ?? [],
    removeHolidays: row.remove_holidays ?? [],
  };
}

/** What R6 counts with: a change here moves the open calls' deadlines (holiday names do not). */
function calendarOf(branch: { timeZone: string; workingHours: WeeklyInterval[]; holidays: { date: Date }[]; removeHolidays: Date[] }) {
  return { timeZone: branch.timeZone, workingHours: branch.workingHours, days: branch.holidays.map(({ date }) => date), removeHolidays: branch.removeHolidays };
}
