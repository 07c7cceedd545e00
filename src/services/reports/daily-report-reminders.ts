// R15: before the branch's last closing, every active technician who has not submitted the day's
// report is reminded by DM. The reminders are queued for the outbox in one transaction, each once
// per technician and day, so a job run twice (or retried) reminds nobody twice.
import type { Db } from "../../db";
import { enqueueSlackEffect } from "../outbox/enqueue";
import { branchDailyStatus } from "./daily-work-report";

export async function queueDailyReportReminders(deps: { db: Db }, options: { branchId: number; date: string }): Promise<{ reminded: number; submitted: number }> {
  return deps.db.$transaction(async (tx) => {
    const status = await branchDailyStatus(tx, options);
    let reminded = 0;
    for (const technician of status.technicians) {
      if (technician.submittedAt) continue;
      await enqueueSlackEffect(
        tx,
        { kind: "daily-report-reminder", staffId: technician.staffId, slackUserId: technician.slackUserId, date: options.date, totals: technician.totals },
        { key: `daily-report-reminder:${technician.staffId}:${options.date}`, keyMode: "dedupe" },
      );
      reminded += 1;
    }
    return { reminded, submitted: status.technicians.length - reminded };
  });
}
