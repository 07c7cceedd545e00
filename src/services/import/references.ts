// Batched look-ups of the records an import row refers to by code.
import type { DbOrTx } from "../../db";

export async function branchesByCode(db: DbOrTx, codes: Iterable<string>): Promise<Map<string, { id: number }>> {
  const rows = await db.branch.findMany({ where: { code: { in: [...new Set(codes)] } }, select: { id: true, code: true } });
  return new Map(rows.map((row) => [row.code, { id: row.id }]));
}

export async function customersByCode(db: DbOrTx, codes: Iterable<string>): Promise<Map<string, { id: number; branchId: number }>> {
  const rows = await db.customer.findMany({ where: { code: { in: [...new Set(codes)] } }, select: { id: true, code: true, branchId: true } });
  return new Map(rows.map((row) => [row.code, { id: row.id, branchId: row.branchId }]));
}

export async function partsByNumber(db: DbOrTx, partNos: Iterable<string>): Promise<Map<string, { id: number }>> {
  const rows = await db.part.findMany({ where: { partNo: { in: [...new Set(partNos)] } }, select: { id: true, partNo: true } });
  return new Map(rows.map((row) => [row.partNo, { id: row.id }]));
}
