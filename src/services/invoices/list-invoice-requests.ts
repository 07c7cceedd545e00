// R10: the accountants' list of invoice requests still to issue (a director sees their branch's).
import type { Clock } from "../../clock";
import type { DbOrTx } from "../../db";
import { can } from "../../domain/permissions";
import type { Actor } from "../staff/resolve-actor";
import { assertRoleFor, permissionActor } from "../tickets/authorize";
import { invoiceRequestSelect, toInvoiceRequestSummary, type InvoiceRequestSummary } from "./models";

export const MAX_LISTED_INVOICES = 40;

export async function listInvoiceRequests(deps: { db: DbOrTx; clock: Clock }, options: { actor: Actor }): Promise<{ open: InvoiceRequestSummary[]; more: number }> {
  const { actor } = options;
  assertRoleFor(actor, "invoice.list");
  // Company-wide for accountants and managers; a director's own branch otherwise.
  const everyBranch = can(permissionActor(actor), "invoice.list", { branchId: -2 });
  const where = { invoicedAt: null, ...(everyBranch ? {} : { branchId: actor.branchId ?? -1 }) };
  const [rows, count] = await Promise.all([
    deps.db.invoiceRequest.findMany({ where, select: invoiceRequestSelect, orderBy: [{ requestedAt: "asc" }, { id: "asc" }], take: MAX_LISTED_INVOICES }),
    deps.db.invoiceRequest.count({ where }),
  ]);
  return { open: rows.map(toInvoiceRequestSummary), more: Math.max(0, count - rows.length) };
}
