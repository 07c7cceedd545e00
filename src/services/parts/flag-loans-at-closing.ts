// R14: no part stays out overnight without being flagged. At each of the branch's closings, every loan
// still OUT is flagged for that closing (one PartLoanFlag per loan and closing day, so it is flagged
// every night it stays out, and a re-run for the same night flags nothing twice). A loan taken after
// the previous closing or on a closed day that spent a night out and came back before this closing
// was seen by no closing: it is flagged now, as back. The job tells the borrowers and the clerks.
import { daysOut, wasOutOvernight } from "../../domain/part-loans";
import { recordAudit } from "../audit";
import { enqueueSlackEffect } from "../outbox/enqueue";
import type { TicketDeps } from "../tickets/deps";
import { dateColumn } from "../tickets/ticket-rows";
import { loanView, type LoanView } from "./loans";

/** How far back a returned loan is looked for: a closing missed for a week still catches it. */
export const BACK_LOANS_LOOKBACK_DAYS = 7;

export interface FlaggedLoan extends LoanView {
  /** Local days out by the closing day, both counted (domain/part-loans.ts). */
  daysOut: number;
}

export interface FlaggedBorrower {
  staffId: number;
  slackUserId: string;
  name: string;
  /** Still out at this closing. */
  loans: FlaggedLoan[];
  /** Back already, but out over a night that no closing saw. */
  back: FlaggedLoan[];
}

export interface LoansAtClosing {
  borrowers: FlaggedBorrower[];
  /** Active parts clerks of the branch, told about every flagged loan. */
  clerks: { staffId: number; slackUserId: string; name: string }[];
}

export async function flagLoansAtClosing(deps: TicketDeps, options: { branchId: number; actor: string; closingOn: string }): Promise<LoansAtClosing> {
  const { db, clock } = deps;
  const { branchId, closingOn } = options;
  const closingDay = dateColumn(closingOn)!;
  return db.$transaction(async (tx) => {
    const now = clock.now();
    const { timeZone } = await tx.branch.findUniqueOrThrow({ where: { id: branchId }, select: { timeZone: true } });
    // Locked and re-read under the lock: two runs never flag (and announce) one loan twice.
    const outRows = await tx.$queryRaw<{ id: number; left: number }[]>`
      SELECT l.id, l.quantity - l."quantityUsed" - l."quantityReturned" AS left FROM "PartLoan" l
      WHERE l."branchId" = ${branchId} AND l.status = 'OUT' AND l."borrowedAt" <= ${now}
        AND NOT EXISTS (SELECT 1 FROM "PartLoanFlag" f WHERE f."loanId" = l.id AND f."closingOn" = ${closingDay})
      ORDER BY l.id FOR UPDATE SKIP LOCKED`;
    // A loan whose units were all booked to calls (bookPartsUsed does not settle) is settled, not flagged.
    const usedUp = outRows.filter((row) => Number(row.left) <= 0).map((row) => row.id);
    if (usedUp.length) await tx.partLoan.updateMany({ where: { id: { in: usedUp } }, data: { status: "SETTLED", settledAt: now } });
    const outIds = outRows.filter((row) => Number(row.left) > 0).map((row) => row.id);

    // PartLoan(branchId, settledAt): the week's returns that were never flagged at all.
    const backRows = await tx.$queryRaw<{ id: number; borrowedAt: Date; settledAt: Date }[]>`
      SELECT l.id, l."borrowedAt", l."settledAt" FROM "PartLoan" l
      WHERE l."branchId" = ${branchId} AND l.status = 'SETTLED'
        AND l."settledAt" > ${new Date(now.getTime() - BACK_LOANS_LOOKBACK_DAYS * 86_400_000)} AND l."settledAt" <= ${now}
        AND NOT EXISTS (SELECT 1 FROM "PartLoanFlag" f WHERE f."loanId" = l.id)
      ORDER BY l.id FOR UPDATE SKIP LOCKED`;
    const backIds = backRows.filter((row) => wasOutOvernight({ timeZone, borrowedAt: row.borrowedAt, settledAt: row.settledAt })).map((row) => row.id);

    const ids = [...outIds, ...backIds];
    if (!ids.length) return { borrowers: [], clerks: [] };
    await tx.partLoan.updateMany({ where: { id: { in: ids }, flaggedAt: null }, data: { flaggedAt: now } });
    const loans = await tx.partLoan.findMany({
      where: { id: { in: ids } },
      include: { part: { select: { partNo: true, name: true } }, technician: { select: { id: true, slackUserId: true, name: true } } },
      orderBy: [{ technicianId: "asc" }, { borrowedAt: "asc" }, { id: "asc" }],
    });
    const borrowers = new Map<number, FlaggedBorrower>();
    for (const loan of loans) {
      const view: FlaggedLoan = { ...loanView(loan), daysOut: daysOut({ timeZone, borrowedAt: loan.borrowedAt, on: closingOn }) };
      const back = loan.status !== "OUT";
      await tx.partLoanFlag.create({ data: { loanId: loan.id, closingOn: closingDay, flaggedAt: now, left: back ? 0 : view.left } });
      await recordAudit(tx, {
        actor: options.actor,
        action: "parts.flag-overnight",
        entity: "PartLoan",
        entityId: loan.id,
        at: now,
        data: { technicianId: loan.technicianId, partId: loan.partId, closingOn, left: back ? 0 : view.left, daysOut: view.daysOut, ...(back ? { back: true } : {}) },
      });
      const entry = borrowers.get(loan.technicianId) ?? { staffId: loan.technician.id, slackUserId: loan.technician.slackUserId, name: loan.technician.name, loans: [], back: [] };
      (back ? entry.back : entry.loans).push(view);
      borrowers.set(loan.technicianId, entry);
    }
    const clerks = await tx.staff.findMany({
      where: { branchId, active: true, roles: { has: "PARTS_CLERK" } },
      select: { id: true, slackUserId: true, name: true },
      orderBy: { id: "asc" },
    });
    const flagged = { borrowers: [...borrowers.values()], clerks: clerks.map((c) => ({ staffId: c.id, slackUserId: c.slackUserId, name: c.name })) };
    // Each borrower's list goes to them and to every clerk, queued with the flags it announces.
    for (const { slackUserId, name, loans: out, back } of flagged.borrowers) {
      const facts = { kind: "loans-at-closing" as const, timeZone, borrowerName: name, loans: out, back };
      await enqueueSlackEffect(tx, { ...facts, audience: "borrower", slackUserId });
      for (const clerk of flagged.clerks) await enqueueSlackEffect(tx, { ...facts, audience: "clerk", slackUserId: clerk.slackUserId });
    }
    return flagged;
  });
}
