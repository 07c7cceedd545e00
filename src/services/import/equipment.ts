// Customers' equipment, keyed by model and serial. The acceptance date and warranty end decide
// whether a call on it is warranty work (R1, R2).
import { z } from "zod";
import type { ImportDefinition } from "./definition";
import { code, isoDate, notBefore, text } from "./fields";
import { customersByCode } from "./references";
import { saveRecord } from "./save";

const equipmentRow = z
  .object({
    customer_code: code(),
    model: text(60),
    serial: code(60),
    acceptance_date: isoDate().optional(),
    warranty_end: isoDate().optional(),
  })
  .refine((row) => notBefore(row.warranty_end, row.acceptance_date), {
    message: "the warranty ends before the acceptance date",
    path: ["warranty_end"],
  });
type EquipmentRow = z.output<typeof equipmentRow>;

interface EquipmentPlan {
  model: string;
  serial: string;
  fields: { customerId: number; acceptanceDate: Date | null; warrantyEnd: Date | null };
}

export const equipmentImport: ImportDefinition<EquipmentRow, EquipmentPlan> = {
  kind: "equipment",
  schema: equipmentRow,
  key: ["model", "serial"],
  async resolve(db, rows, report) {
    const customers = await customersByCode(db, rows.map(({ row }) => row.customer_code));
    return rows.flatMap(({ line, row }) => {
      const customer = customers.get(row.customer_code);
      if (!customer) {
        report(line, `unknown customer "${row.customer_code}"`, "customer_code");
        return [];
      }
      return [
        {
          model: row.model,
          serial: row.serial,
          fields: { customerId: customer.id, acceptanceDate: row.acceptance_date ?? null, warrantyEnd: row.warranty_end ?? null },
        },
      ];
    });
  },
  async write(tx, { model, serial, fields }) {
    const where = { model_serial: { model, serial } };
    const existing = await tx.equipment.findUnique({ where });
    return saveRecord(existing, fields, {
      create: () => tx.equipment.create({ data: { model, serial, ...fields } }),
      update: () => tx.equipment.update({ where, data: fields }),
    });
  },
};
