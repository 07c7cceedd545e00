// A stock-take: the quantity of a part on the shelf at a branch, one row per part and branch.
// Branches and parts not in the file keep their quantities.
import { z } from "zod";
import type { ImportDefinition } from "./definition";
import { code, quantity } from "./fields";
import { branchesByCode, partsByNumber } from "./references";
import { saveRecord } from "./save";

const stockRow = z.object({
  part_no: code(),
  branch_code: code(20),
  quantity: quantity(),
});
type StockRow = z.output<typeof stockRow>;

interface StockPlan {
  partId: number;
  branchId: number;
  quantity: number;
}

export const stockImport: ImportDefinition<StockRow, StockPlan> = {
  kind: "stock",
  schema: stockRow,
  key: ["part_no", "branch_code"],
  async resolve(db, rows, report) {
    const parts = await partsByNumber(db, rows.map(({ row }) => row.part_no));
    const branches = await branchesByCode(db, rows.map(({ row }) => row.branch_code));
    return rows.flatMap(({ line, row }) => {
      const part = parts.get(row.part_no);
      const branch = branches.get(row.branch_code);
      if (!part) report(line, `unknown part "${row.part_no}"`, "part_no");
      if (!branch) report(line, `unknown branch "${row.branch_code}"`, "branch_code");
      return part && branch ? [{ partId: part.id, branchId: branch.id, quantity: row.quantity }] : [];
    });
  },
  async write(tx, { partId, branchId, quantity }) {
    const where = { partId_branchId: { partId, branchId } };
    const existing = await tx.partStock.findUnique({ where });
    return saveRecord(existing, { quantity }, {
      create: () => tx.partStock.create({ data: { partId, branchId, quantity } }),
      update: () => tx.partStock.update({ where, data: { quantity } }),
    });
  },
};
