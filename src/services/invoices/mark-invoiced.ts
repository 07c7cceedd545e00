// R10: the accountant marks a request invoiced. One winner: a second click (or a colleague's) is
// told who marked it and when, and nothing changes.
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import type { Actor } from "../staff/resolve-actor";
import { assertCan, assertRoleFor, auditActor, requireStaffId } from "../tickets/authorize";
import { invoiceRequestSelect, toInvoiceRequestSummary, type InvoiceRequestSummary } from "./models";

export const MAX_INVOICE_NUMBER = 60;

export async function markInvoiced(
  deps: { db: Db; clock: Clock },
  options: { actor: Actor; invoiceRequestId: number; invoiceNumber?: string | null },
): Promise<{ change: "invoiced" | "already"; request: InvoiceRequestSummary }> {
  const { actor, invoiceRequestId } = options;
  assertRoleFor(actor, "invoice.mark");
  const invoiceNumber = options.invoiceNumber?.trim().slice(0, MAX_INVOICE_NUMBER) || null;
  return deps.db.$transaction(async (tx) => {
    const now = deps.clock.now();
    const head = await tx.invoiceRequest.findUnique({ where: { id: invoiceRequestId }, select: { branchId: true, ticketId: true } });
    if (!head) throw new AppError("NOT_FOUND", { message: `invoice request ${invoiceRequestId} not found`, details: { entity: "InvoiceRequest", invoiceRequestId } });
    assertCan(actor, "invoice.mark", { branchId: head.branchId });
    const marked = await tx.invoiceRequest.updateMany({ where: { id: invoiceRequestId, invoicedAt: null }, data: { invoicedAt: now, invoicedById: requireStaffId(actor), invoiceNumber } });
    if (marked.count === 1) {
      await recordAudit(tx, {
        ...auditActor(actor),
        action: "invoice.mark",
        entity: "InvoiceRequest",
        entityId: invoiceRequestId,
        ticketId: head.ticketId,
        at: now,
        data: { invoiceNumber },
      });
    }
    const row = await tx.invoiceRequest.findUniqueOrThrow({ where: { id: invoiceRequestId }, select: invoiceRequestSelect });
    return { change: marked.count === 1 ? ("invoiced" as const) : ("already" as const), request: toInvoiceRequestSummary(row) };
  });
}

/** Who is told of a new request: the active accountants, else the admins (so it never goes nowhere). */
export async function invoiceRecipients(deps: { db: Db }): Promise<{ slackUserIds: string[]; fallback: boolean }> {
  const accountants = await deps.db.staff.findMany({ where: { active: true, roles: { has: "ACCOUNTANT" } }, select: { slackUserId: true }, orderBy: { id: "asc" } });
  if (accountants.length) return { slackUserIds: accountants.map((s) => s.slackUserId), fallback: false };
  const admins = await deps.db.staff.findMany({ where: { active: true, roles: { has: "ADMIN" } }, select: { slackUserId: true }, orderBy: { id: "asc" } });
  return { slackUserIds: admins.map((s) => s.slackUserId), fallback: true };
}

/** One request, for the DM that announces it. */
export async function getInvoiceRequest(deps: { db: Db }, options: { invoiceRequestId: number }): Promise<InvoiceRequestSummary> {
  const row = await deps.db.invoiceRequest.findUnique({ where: { id: options.invoiceRequestId }, select: invoiceRequestSelect });
  if (!row) throw new AppError("NOT_FOUND", { message: `invoice request ${options.invoiceRequestId} not found`, details: { entity: "InvoiceRequest" } });
  return toInvoiceRequestSummary(row);
}
