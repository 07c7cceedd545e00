// The parts catalogue, keyed by part number. Stock per branch is a separate import (stock.ts),
// because stock-takes are counted per branch while the catalogue is kept centrally.
import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import type { ImportDefinition } from "./definition";
import { code, flag, money, text } from "./fields";
import { saveRecord } from "./save";

const partRow = z.object({
  part_no: code(),
  name: text(200),
  unit_price: money(),
  serialised: flag().optional(),
  /** R10: a wearing part is charged even on a warranty call. */
  wearing: flag().optional(),
  active: flag().optional(),
});
type PartRow = z.output<typeof partRow>;

interface PartPlan {
  partNo: string;
  fields: { name: string; unitPrice: Prisma.Decimal; serialised: boolean; wearing: boolean; active: boolean };
}

export const partsImport: ImportDefinition<PartRow, PartPlan> = {
  kind: "parts",
  schema: partRow,
  key: ["part_no"],
  async resolve(_db, rows) {
    return rows.map(({ row }) => ({
      partNo: row.part_no,
      fields: { name: row.name, unitPrice: row.unit_price, serialised: row.serialised ?? false, wearing: row.wearing ?? false, active: row.active ?? true },
    }));
  },
  async write(tx, { partNo, fields }) {
    const existing = await tx.part.findUnique({ where: { partNo } });
    return saveRecord(existing, fields, {
      create: () => tx.part.create({ data: { partNo, ...fields } }),
      update: () => tx.part.update({ where: { partNo }, data: fields }),
    });
  },
};
