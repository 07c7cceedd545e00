// English text for director summary (see ../messages.ts: one catalogue per language, split by feature).
// R16/R17 daily summary, R18 contract expiry notices, and the admins' `/repair jobs` list with the
// Slack posts that failed (also on their App Home).
import type { SlackEffect } from "../../services/outbox/effects";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const en = {
  summary: {
    fallback: (branch: string, date: string) => `Daily summary for ${branch}, ${date} (R16)`,
    header: (branch: string, date: string) => `Daily summary: ${branch}, ${date}`,
    calls: (received: number, assigned: number, completed: number, carried: number) =>
      `*Calls* received ${received} · dispatched ${assigned} · completed ${completed} · carried over ${carried}`,
    overdue: (count: number) => (count === 0 ? "*Overdue* none" : `*Overdue* ${plural(count, "call", "calls")} without an arrival past the deadline (R7):`),
    overdueMore: (count: number) => `…and ${count} more.`,
    arrivals: (onTime: number, all: number, percent: string | null) =>
      percent === null ? "*Arrivals on time* no arrivals with a deadline today (R6)" : `*Arrivals on time* ${percent} (${onTime} of ${all}, R6)`,
    workshop: (waitingRepair: number, waitingParts: number, repaired: number, received: number, repairedToday: number, returned: number) =>
      `*Workshop* (R11/R17) waiting for repair ${waitingRepair} · waiting for parts ${waitingParts} · repaired, not yet returned ${repaired}\nToday: received ${received} · repaired ${repairedToday} · returned ${returned}`,
    hoursTitle: "*Hours per technician* (A paid · B contract · C warranty · D internal)",
    hoursLine: (who: string, a: string, b: string, c: string, d: string, total: string) => `${who}: ${a} · ${b} · ${c} · ${d} = ${total} h`,
    noHours: "*Hours per technician* none reported",
    hoursMore: (count: number) => `…and ${plural(count, "more technician", "more technicians")}.`,
    partsTitle: "*Parts used* (R14)",
    partsLine: (partNo: string, name: string, quantity: number, value: string) => `${partNo} ${name}: ${quantity} × = ${value}`,
    noParts: "*Parts used* none",
    partsMore: (count: number) => `…and ${plural(count, "more part", "more parts")}.`,
    fees: (collectedCount: number, collected: string, invoiceCount: number, invoiced: string) =>
      `*Fees* (R10) collected on site ${collected} (${collectedCount}) · invoices requested ${invoiced} (${invoiceCount})`,
    missingReportsTitle: "*Daily reports missing* (R15):",
    peopleMore: (count: number) => `…and ${count} more.`,
    contractsMore: (count: number) => `…and ${plural(count, "more contract", "more contracts")}.`,
    allReports: "*Daily reports* every technician has filed (R15)",
    contracts: (count: number) => `*Contract expiry notices sent today* (R18): ${count}`,
    contractLine: (number: string, customer: string, endsOn: string, assignee: string) => `${number} ${customer}, ends ${endsOn}, renewal: ${assignee}`,
    nobody: "nobody",
    longLoans: (count: number) => `*Parts out more than one night* (R14): ${plural(count, "loan", "loans")}`,
    longLoanLine: (partNo: string, name: string, left: number, who: string, since: string, days: number) => `${partNo} ${name} × ${left} · ${who} · since ${since} · *${days} days out*`,
    longLoansMore: (count: number) => `…and ${plural(count, "more loan", "more loans")}.`,
    signOff: "Sign off",
    awaiting: "Awaiting a manager's sign-off (R17).",
    signedOff: (who: string, when: string) => `Signed off by ${who} at ${when} (R17).`,
    alreadySignedOff: (who: string, when: string) => `This report was already signed off by ${who} at ${when}.`,
    signOffRefused: "Only managers can sign off a director's daily report (R17).",
    signOffOwnReport: "You are this branch's director, so its daily report needs another manager's sign-off (R17).",
  },
  contracts: {
    /** The text prepared for the customer (R18); plain text, sent as it is. */
    customerNotice: (p: { customer: string; number: string; endsOn: string; covers: string; terms: string | null; branch: string }) =>
      [
        `Dear ${p.customer},`,
        `your maintenance contract ${p.number} ends on ${p.endsOn}. It covers ${p.covers}${p.terms ? ` (${p.terms})` : ""}.`,
        `To renew it, reply to this message or call ${p.branch}: we will send you a renewal offer, and your service continues without a gap.`,
      ].join("\n"),
    coversAll: "all your equipment",
    coversList: (items: string[]) => items.join(", "),
    channelNotice: (number: string, customer: string, endsOn: string, assignee: string) =>
      `Contract ${number} (${customer}) ends on ${endsOn}: the expiry notice is prepared and ${assignee} follows up the renewal (R18).`,
    channelFallback: (number: string) => `Contract ${number}: expiry notice prepared (R18)`,
    dmIntro: (number: string, customer: string, endsOn: string) => `You follow up the renewal of contract ${number} (${customer}), ending ${endsOn} (R18). Text for the customer:`,
    nobodyToAssign: "nobody (no director or dispatcher in the branch)",
  },
  jobs: {
    fallback: "Latest job runs",
    header: "Latest job runs",
    none: "No job has run yet.",
    run: (job: string, period: string, status: string, started: string, duration: string, counts: string) =>
      `${status} \`${job}\` ${period} · started ${started} · ${duration}${counts ? ` · ${counts}` : ""}`,
    error: (line: string) => `> ${line}`,
    status: { RUNNING: ":hourglass: running", SUCCEEDED: ":white_check_mark: ok", FAILED: ":x: failed" } as Record<string, string>,
    duration: (seconds: number) => (seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`),
    unfinished: "not finished",
    lastSuccessTitle: "*Last success per job*",
    lastSuccess: (job: string, when: string | null) => `\`${job}\`: ${when ?? "never"}`,
    more: (count: number) => `…and ${count} older runs.`,
    refused: "Only admins can see the job runs.",
  },
  /** What the outbox could not post to Slack, for admins (`/repair jobs`, App Home), with Resend. */
  slackFailures: {
    title: "*Slack posts that failed*",
    explain: "Once the cause is fixed (invite the bot to the channel, unarchive it, or set the branch's new channel if it was deleted), *Resend* posts the current state.",
    none: "*Slack posts that failed* none",
    kind: {
      "ticket-message": "Ticket message",
      "ticket-line": "Thread line",
      "assignment-dm": "Technician DM",
      "unassigned-dm": "Removed-technician DM",
      "escalation-raised": "Escalation alert",
      "escalation-copies": "Escalation alert update",
      "escalation-climbed": "Escalation to managers",
      "escalation-reminder": "Snooze reminder",
      "pre-deadline-warning": "Deadline warning",
      "carry-over-list": "Carry-over list",
      "director-report": "Directors' summary",
      "contract-notice": "Contract expiry notice",
      "daily-report-reminder": "Daily report reminder",
      "loans-at-closing": "Loans at closing DM",
      "invoice-request": "Invoice request DM",
      "complaint-message": "Complaint message",
      "complaint-line": "Complaint thread line",
      "complaint-routed": "Complaint DM to directors",
      "complaint-assigned": "Complaint handler DM",
      "complaint-escalation": "Complaint escalation",
      "complaint-escalation-copies": "Complaint escalation update",
      "complaint-warning": "Complaint deadline warning",
      "complaint-level": "Complaint level DM (R22)",
      "evaluation-report": "Monthly evaluation",
      "survey-list": "Survey list",
    } satisfies Record<SlackEffect["kind"], string>,
    line: (what: string, voucherNo: string | null, error: string, attempts: number, when: string) =>
      `*${what}*${voucherNo ? ` ${voucherNo}` : ""} · \`${error}\` · ${plural(attempts, "attempt", "attempts")} · ${when}`,
    more: (count: number) => `…and ${count} more.`,
    resend: "Resend",
    resent: (voucherNo: string | null) => `Queued again${voucherNo ? ` for ${voucherNo}` : ""}: it is posted as things stand now.`,
    already: (voucherNo: string | null) => `This was already resent by someone${voucherNo ? ` (${voucherNo})` : ""}; nothing more to do.`,
    refused: "Only admins can resend failed Slack posts.",
  },
};
