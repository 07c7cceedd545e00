// R14: parts used on a call are booked to it in the transaction that records the work. A part the
// technician has on loan is used from the loan first (it already left the stock when borrowed); the
// rest comes straight out of the branch's stock (takeFromStock: never negative), and a shortage is
// refused with the quantity that is left.
import type { Tx } from "../../db";
import { AppError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { takeFromStock } from "./take-from-stock";

export interface PartLine {
  partId: number;
  quantity: number;
  /** Serialised parts (Part.serialised): the faulty unit taken out and the one put in. */
  serialOut?: string | null;
  serialIn?: string | null;
}

export interface BookedPart {
  usageId: number;
  partId: number;
  partNo: string;
  name: string;
  quantity: number;
  unitPrice: Prisma.Decimal;
  /** R10: wearing parts are charged even on a warranty call. */
  wearing: boolean;
  /** How many units came out of the technician's loans (the rest came from stock). */
  fromLoans: number;
}

/** Field key of a part line's problem, for the modal or thread reply that sent it. */
export type PartProblem =
  | { kind: "unknown-part"; partId: number }
  | { kind: "not-enough-stock"; partId: number; partNo: string; requested: number; available: number }
  | { kind: "serial-required"; partId: number; partNo: string };

/**
 * Books each line to the ticket (PartUsage) and takes it from the technician's loans; what the loans
 * do not cover comes from the branch stock when the caller runs `takeStock`, as the last write of
 * its transaction: the stock row of a popular part is then locked for one statement and the commit,
 * not for the rest of the report. Both throw VALIDATION with `details.problems` (PartProblem[]) when
 * a line cannot be booked; the caller's transaction then rolls back whole.
 */
export async function bookPartsUsed(
  tx: Tx,
  options: { branchId: number; technicianId: number; ticketId: number; visitReportId?: number | null; lines: readonly PartLine[]; at: Date },
): Promise<{ booked: BookedPart[]; takeStock: () => Promise<void> }> {
  const { branchId, technicianId, ticketId, at } = options;
  const lines = options.lines.filter((line) => line.quantity > 0);
  if (!lines.length) return { booked: [], takeStock: async () => undefined };
  const parts = await tx.part.findMany({ where: { id: { in: lines.map((line) => line.partId) }, active: true } });
  const byId = new Map(parts.map((part) => [part.id, part]));
  const problems: PartProblem[] = [];
  for (const line of lines) {
    const part = byId.get(line.partId);
    if (!part) problems.push({ kind: "unknown-part", partId: line.partId });
    else if (part.serialised && !(line.serialOut?.trim() && line.serialIn?.trim())) problems.push({ kind: "serial-required", partId: part.id, partNo: part.partNo });
  }
  if (problems.length) throw partsRefused(problems);

  const booked: BookedPart[] = [];
  const fromStock: { part: (typeof parts)[number]; requested: number; quantity: number; fromLoans: number }[] = [];
  for (const line of lines) {
    const part = byId.get(line.partId)!;
    let remaining = line.quantity;
    let fromLoans = 0;
    let loanId: number | null = null;
    // Oldest loan first; FOR UPDATE so two reports cannot both use the same borrowed unit.
    const loans = await tx.$queryRaw<{ id: number; left: number }[]>`
      SELECT id, quantity - "quantityUsed" - "quantityReturned" AS left
      FROM "PartLoan"
      WHERE "technicianId" = ${technicianId} AND "partId" = ${part.id} AND "branchId" = ${branchId} AND status = 'OUT'
      ORDER BY "borrowedAt", id
      FOR UPDATE`;
    for (const loan of loans) {
      if (remaining === 0) break;
      const take = Math.min(remaining, Number(loan.left));
      if (take <= 0) continue;
      await tx.partLoan.update({ where: { id: loan.id }, data: { quantityUsed: { increment: take } } });
      remaining -= take;
      fromLoans += take;
      loanId ??= loan.id;
    }
    if (remaining > 0) fromStock.push({ part, requested: line.quantity, quantity: remaining, fromLoans });
    const usage = await tx.partUsage.create({
      data: {
        ticketId,
        partId: part.id,
        technicianId,
        visitReportId: options.visitReportId ?? null,
        quantity: line.quantity,
        unitPrice: part.unitPrice,
        serialOut: line.serialOut?.trim() || null,
        serialIn: line.serialIn?.trim() || null,
        usedAt: at,
        loanId,
      },
    });
    booked.push({ usageId: usage.id, partId: part.id, partNo: part.partNo, name: part.name, quantity: line.quantity, unitPrice: part.unitPrice, wearing: part.wearing, fromLoans });
  }
  const takeStock = async () => {
    for (const line of fromStock) {
      const short = await takeFromStock(tx, { partId: line.part.id, branchId, quantity: line.quantity });
      if (short) problems.push({ kind: "not-enough-stock", partId: line.part.id, partNo: line.part.partNo, requested: line.requested, available: short.available + line.fromLoans });
    }
    if (problems.length) throw partsRefused(problems);
  };
  return { booked, takeStock };
}

function partsRefused(problems: PartProblem[]): AppError {
  return new AppError("VALIDATION", { message: `parts refused: ${problems.map((p) => p.kind).join(", ")}`, details: { problems } });
}

/** The problems a VALIDATION error from `bookPartsUsed` carries, or none. */
export function partProblemsOf(error: unknown): PartProblem[] {
  if (!(error instanceof AppError) || error.code !== "VALIDATION") return [];
  const problems = error.details.problems;
  return Array.isArray(problems) ? (problems as PartProblem[]) : [];
}
