// R14: no part stays out overnight without being flagged. At the branch's last closing of the day,
// every loan still OUT is flagged once (flaggedAt), and the job tells the borrowers and the clerks.
import { recordAudit } from "../audit";
import type { TicketDeps } from "../tickets/deps";
import { loanView, type LoanView } from "./loans";

export interface FlaggedBorrower {
  staffId: number;
  slackUserId: string;
  name: string;
  loans: LoanView[];
}

export interface LoansAtClosing {
  borrowers: FlaggedBorrower[];
  /** Active parts clerks of the branch, told about every flagged loan. */
  clerks: { staffId: number; slackUserId: string; name: string }[];
}

export async function flagLoansAtClosing(deps: TicketDeps, options: { branchId: number; actor: string }): Promise<LoansAtClosing> {
  const { db, clock } = deps;
  return db.$transaction(async (tx) => {
    const now = clock.now();
    // Locked and re-read under the lock: two runs never flag (and announce) one loan twice.
    const rows = await tx.$queryRaw<{ id: number; left: number }[]>`
      SELECT id, quantity - "quantityUsed" - "quantityReturned" AS left FROM "PartLoan"
      WHERE "branchId" = ${options.branchId} AND status = 'OUT' AND "flaggedAt" IS NULL
      ORDER BY id FOR UPDATE SKIP LOCKED`;
    // A loan whose units were all booked to calls (bookPartsUsed does not settle) is settled, not flagged.
    const usedUp = rows.filter((row) => Number(row.left) <= 0).map((row) => row.id);
    if (usedUp.length) await tx.partLoan.updateMany({ where: { id: { in: usedUp } }, data: { status: "SETTLED", settledAt: now } });
    const ids = rows.filter((row) => Number(row.left) > 0).map((row) => row.id);
    if (!ids.length) return { borrowers: [], clerks: [] };
    await tx.partLoan.updateMany({ where: { id: { in: ids } }, data: { flaggedAt: now } });
    const loans = await tx.partLoan.findMany({
      where: { id: { in: ids } },
      include: { part: { select: { partNo: true, name: true } }, technician: { select: { id: true, slackUserId: true, name: true } } },
      orderBy: [{ technicianId: "asc" }, { borrowedAt: "asc" }, { id: "asc" }],
    });
    const borrowers = new Map<number, FlaggedBorrower>();
    for (const loan of loans) {
      await recordAudit(tx, {
        actor: options.actor,
        action: "parts.flag-overnight",
        entity: "PartLoan",
        entityId: loan.id,
        at: now,
        data: { technicianId: loan.technicianId, partId: loan.partId, left: loan.quantity - loan.quantityUsed - loan.quantityReturned },
      });
      const entry = borrowers.get(loan.technicianId) ?? { staffId: loan.technician.id, slackUserId: loan.technician.slackUserId, name: loan.technician.name, loans: [] };
      entry.loans.push(loanView(loan));
      borrowers.set(loan.technicianId, entry);
    }
    const clerks = await tx.staff.findMany({
      where: { branchId: options.branchId, active: true, roles: { has: "PARTS_CLERK" } },
      select: { id: true, slackUserId: true, name: true },
      orderBy: { id: "asc" },
    });
    return { borrowers: [...borrowers.values()], clerks: clerks.map((c) => ({ staffId: c.id, slackUserId: c.slackUserId, name: c.name })) };
  });
}
