// R14: a technician borrows parts from the branch stock and brings back what was not used the same
// day. Borrowing takes the units out of the stock at once with one conditional UPDATE (as
// book-parts-used.ts does), so the stock never goes negative: of two technicians racing for the
// last unit exactly one gets it, the other is refused with the quantity left. Used units are
// booked to a call by `bookPartsUsed`, which takes them from the loans first.
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import type { Actor } from "../staff/resolve-actor";
import { can } from "../../domain/permissions";
import { assertRoleFor, auditActor, permissionActor, requireStaffId } from "../tickets/authorize";
import type { TicketDeps } from "../tickets/deps";
import { takeFromStock } from "./take-from-stock";

export interface LoanView {
  id: number;
  partId: number;
  partNo: string;
  name: string;
  quantity: number;
  quantityUsed: number;
  quantityReturned: number;
  /** Units still with the technician: quantity − used − returned. */
  left: number;
  status: "OUT" | "SETTLED";
  borrowedAt: Date;
  settledAt: Date | null;
  flaggedAt: Date | null;
}

export interface StockLine {
  partId: number;
  partNo: string;
  name: string;
  quantity: number;
}

type LoanRow = {
  id: number;
  partId: number;
  quantity: number;
  quantityUsed: number;
  quantityReturned: number;
  status: "OUT" | "SETTLED";
  borrowedAt: Date;
  settledAt: Date | null;
  flaggedAt: Date | null;
  part: { partNo: string; name: string };
};

export function loanView(loan: LoanRow): LoanView {
  return {
    id: loan.id,
    partId: loan.partId,
    partNo: loan.part.partNo,
    name: loan.part.name,
    quantity: loan.quantity,
    quantityUsed: loan.quantityUsed,
    quantityReturned: loan.quantityReturned,
    left: loan.quantity - loan.quantityUsed - loan.quantityReturned,
    status: loan.status,
    borrowedAt: loan.borrowedAt,
    settledAt: loan.settledAt,
    flaggedAt: loan.flaggedAt,
  };
}

function borrowerOf(actor: Actor): { staffId: number; branchId: number } {
  assertRoleFor(actor, "parts.borrow");
  const staffId = requireStaffId(actor);
  if (actor.branchId === null) throw new AppError("NOT_REGISTERED", { message: "a borrower needs a branch" });
  return { staffId, branchId: actor.branchId };
}

/** Field keys of the borrow modal's problems (views/catalogue/parts-workshop.ts explains them). */
export type BorrowProblem = { field: "part"; kind: "unknown-part" } | { field: "quantity"; kind: "bad-quantity" } | { field: "quantity"; kind: "not-enough-stock"; available: number };

function borrowRefused(problem: BorrowProblem): AppError {
  return new AppError("VALIDATION", {
    message: `borrow refused: ${problem.kind}`,
    details: { problem },
    fieldErrors: { [problem.field]: problem.kind },
  });
}

/** The problem a VALIDATION error from `borrowParts` carries, or null. */
export function borrowProblemOf(error: unknown): BorrowProblem | null {
  if (!(error instanceof AppError) || error.code !== "VALIDATION") return null;
  return (error.details.problem as BorrowProblem | undefined) ?? null;
}

export async function borrowParts(deps: TicketDeps, options: { actor: Actor; partId: number; quantity: number }): Promise<LoanView> {
  const { db, clock } = deps;
  const { actor, partId, quantity } = options;
  const { staffId, branchId } = borrowerOf(actor);
  if (!Number.isInteger(quantity) || quantity <= 0) throw borrowRefused({ field: "quantity", kind: "bad-quantity" });
  return db.$transaction(async (tx) => {
    const now = clock.now();
    const part = await tx.part.findFirst({ where: { id: partId, active: true } });
    if (!part) throw borrowRefused({ field: "part", kind: "unknown-part" });
    const short = await takeFromStock(tx, { partId, branchId, quantity });
    if (short) throw borrowRefused({ field: "quantity", kind: "not-enough-stock", available: short.available });
    const loan = await tx.partLoan.create({
      data: { partId, branchId, technicianId: staffId, quantity, status: "OUT", borrowedAt: now },
      include: { part: { select: { partNo: true, name: true } } },
    });
    await recordAudit(tx, {
      ...auditActor(actor),
      action: "parts.borrow",
      entity: "PartLoan",
      entityId: loan.id,
      at: now,
      data: { partId, partNo: part.partNo, branchId, quantity },
    });
    return loanView(loan);
  });
}

export interface ReturnLine {
  loanId: number;
  quantity: number;
}

/**
 * Brings unused units of the actor's loans back to the stock. A loan whose units are all used or
 * returned is SETTLED. Returning more than is left is refused (fieldErrors keyed by loan id).
 */
export async function returnParts(deps: TicketDeps, options: { actor: Actor; lines: readonly ReturnLine[] }): Promise<LoanView[]> {
  const { db, clock } = deps;
  const { actor } = options;
  const { staffId, branchId } = borrowerOf(actor);
  const lines = options.lines.filter((line) => line.quantity !== 0);
  const bad = lines.filter((line) => !Number.isInteger(line.quantity) || line.quantity < 0);
  if (bad.length) {
    throw new AppError("VALIDATION", {
      message: "return refused: bad quantity",
      fieldErrors: Object.fromEntries(bad.map((line) => [String(line.loanId), "bad-quantity"])),
      details: { problems: bad.map((line) => ({ loanId: line.loanId, kind: "bad-quantity" })) },
    });
  }
  if (!lines.length) return [];
  return db.$transaction(async (tx) => {
    const now = clock.now();
    const ids = lines.map((line) => line.loanId);
    // Locked, so a return cannot race a report booking the same units.
    await tx.$queryRaw`SELECT id FROM "PartLoan" WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE`;
    const loans = await tx.partLoan.findMany({ where: { id: { in: ids } }, include: { part: { select: { partNo: true, name: true } } } });
    const byId = new Map(loans.map((loan) => [loan.id, loan]));
    const problems: { loanId: number; kind: "unknown-loan" | "too-many"; left?: number }[] = [];
    for (const line of lines) {
      const loan = byId.get(line.loanId);
      if (!loan || loan.technicianId !== staffId || loan.branchId !== branchId || loan.status !== "OUT") {
        problems.push({ loanId: line.loanId, kind: "unknown-loan" });
        continue;
      }
      const left = loan.quantity - loan.quantityUsed - loan.quantityReturned;
      if (line.quantity > left) problems.push({ loanId: line.loanId, kind: "too-many", left });
    }
    if (problems.length) {
      throw new AppError("VALIDATION", {
        message: `return refused: ${problems.map((p) => p.kind).join(", ")}`,
        fieldErrors: Object.fromEntries(problems.map((p) => [String(p.loanId), p.kind])),
        details: { problems },
      });
    }
    const result: LoanView[] = [];
    for (const line of lines) {
      const loan = byId.get(line.loanId)!;
      const returned = loan.quantityReturned + line.quantity;
      const settled = loan.quantityUsed + returned === loan.quantity;
      await tx.partStock.upsert({
        where: { partId_branchId: { partId: loan.partId, branchId } },
        update: { quantity: { increment: line.quantity } },
        create: { partId: loan.partId, branchId, quantity: line.quantity },
      });
      const updated = await tx.partLoan.update({
        where: { id: loan.id },
        data: { quantityReturned: returned, ...(settled ? { status: "SETTLED" as const, settledAt: now } : {}) },
        include: { part: { select: { partNo: true, name: true } } },
      });
      await recordAudit(tx, {
        ...auditActor(actor),
        action: "parts.return",
        entity: "PartLoan",
        entityId: loan.id,
        at: now,
        data: { partId: loan.partId, quantity: line.quantity, quantityReturned: returned, settled },
      });
      result.push(loanView(updated));
    }
    return result;
  });
}

/** The actor's loans still out (oldest first). */
export async function listMyLoans(deps: TicketDeps, options: { actor: Actor }): Promise<LoanView[]> {
  const { staffId } = borrowerOf(options.actor);
  const loans = await deps.db.partLoan.findMany({
    where: { technicianId: staffId, status: "OUT" },
    include: { part: { select: { partNo: true, name: true } } },
    orderBy: [{ borrowedAt: "asc" }, { id: "asc" }],
  });
  // A loan used up by reports (bookPartsUsed) has nothing left to bring back.
  return loans.map(loanView).filter((loan) => loan.left > 0);
}

/** The branch's stock, by part number or name (case-insensitive), part number order. */
export async function searchBranchStock(deps: TicketDeps, options: { branchId: number; query?: string; limit?: number }): Promise<StockLine[]> {
  const query = options.query?.trim();
  const rows = await deps.db.partStock.findMany({
    where: {
      branchId: options.branchId,
      part: {
        active: true,
        ...(query ? { OR: [{ partNo: { contains: query, mode: "insensitive" as const } }, { name: { contains: query, mode: "insensitive" as const } }] } : {}),
      },
    },
    include: { part: { select: { partNo: true, name: true } } },
    orderBy: { part: { partNo: "asc" } },
    take: options.limit ?? 20,
  });
  return rows.map((row) => ({ partId: row.partId, partNo: row.part.partNo, name: row.part.name, quantity: row.quantity }));
}

export interface PartsOverview {
  loans: LoanView[];
  stock: StockLine[];
  query: string | null;
  timeZone: string;
  /** Technicians borrow; other staff only look at the stock. */
  canBorrow: boolean;
}

/** `/repair parts [term]`: my open loans and the branch stock matching the term. */
export async function listParts(deps: TicketDeps, options: { actor: Actor; query?: string | null }): Promise<PartsOverview> {
  const { actor } = options;
  // Technicians see their loans and may borrow; other staff of a branch (parts clerks) see the stock.
  const canBorrow = can(permissionActor(actor), "parts.borrow") && actor.staffId !== null;
  if (!canBorrow) assertRoleFor(actor, "ticket.view");
  if (actor.branchId === null) throw new AppError("NOT_REGISTERED", { message: "the parts overview is per branch" });
  const branchId = actor.branchId;
  const loans = canBorrow ? await listMyLoans(deps, { actor }) : [];
  const stock = await searchBranchStock(deps, { branchId, query: options.query ?? undefined, limit: 20 });
  const branch = await deps.db.branch.findUniqueOrThrow({ where: { id: branchId }, select: { timeZone: true } });
  return { loans, stock, query: options.query?.trim() || null, timeZone: branch.timeZone, canBorrow };
}
