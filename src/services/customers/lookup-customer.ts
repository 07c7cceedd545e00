import type { DbOrTx } from "../../db";
import { can } from "../../domain/permissions";
import { searchCustomers } from "../tickets/search-customers";
import type { Actor } from "../staff/resolve-actor";
import { assertRoleFor, permissionActor } from "../tickets/authorize";
import type { CustomerLookup } from "./models";

/** At most this many customers are offered to pick from; more asks for a narrower query. */
export const MAX_PICK = 10;

/**
 * R23: `/repair customer <name, code or phone>`. A customer code matches exactly (any case);
 * otherwise the intake type-ahead's search (name contains, or phone digits contain). Only the
 * customers the person may open count: their own branch's, every branch's for a manager.
 */
export async function lookupCustomer(deps: { db: DbOrTx }, options: { actor: Actor; query: string }): Promise<CustomerLookup> {
  const { actor } = options;
  assertRoleFor(actor, "customer.view-file");
  const query = options.query.trim();
  if (query === "") return { kind: "none", elsewhere: 0 };
  const who = permissionActor(actor);
  const visible = (branchId: number) => can(who, "customer.view-file", { branchId });

  // Codes are stored as imported; the unique index answers the exact text and its upper case.
  const byCode = await deps.db.customer.findMany({ where: { code: { in: [...new Set([query, query.toUpperCase()])] } }, select: { id: true, branchId: true } });
  if (byCode.length > 0) {
    const mine = byCode.filter((row) => visible(row.branchId));
    return mine.length > 0 ? { kind: "one", customerId: mine[0].id } : { kind: "none", elsewhere: byCode.length };
  }

  // The search puts the person's branch first, so the customers they may open come before the rest.
  const hits = await searchCustomers(deps, { query, branchId: actor.branchId ?? undefined, limit: MAX_PICK + 1 });
  if (hits.length === 0) return { kind: "none", elsewhere: 0 };
  const rows = await deps.db.customer.findMany({ where: { id: { in: hits.map((hit) => hit.id) } }, select: { id: true, code: true, branchId: true } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const mine = hits.flatMap((hit) => {
    const row = byId.get(hit.id);
    return row && visible(row.branchId) ? [{ ...hit, code: row.code }] : [];
  });
  if (mine.length === 0) return { kind: "none", elsewhere: hits.length };
  if (mine.length === 1) return { kind: "one", customerId: mine[0].id };
  return { kind: "several", hits: mine.slice(0, MAX_PICK), more: mine.length > MAX_PICK };
}
