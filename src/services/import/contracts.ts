// Maintenance contracts (R1 category B, R18 expiry notices), keyed by contract number. Listing no
// equipment means the contract covers all of the customer's equipment, as the schema reads it.
import { z } from "zod";
import { ContractStatus } from "../../generated/prisma/client";
import type { DbOrTx } from "../../db";
import type { ImportDefinition, Located, Report } from "./definition";
import { code, isoDate, list, listOf, notBefore, oneOf, text } from "./fields";
import { branchesByCode, customersByCode } from "./references";
import { saveRecord } from "./save";

const STATUSES = Object.values(ContractStatus) as [ContractStatus, ...ContractStatus[]];

const contractRow = z
  .object({
    number: code(),
    customer_code: code(),
    branch_code: code(20).optional(),
    starts_on: isoDate(),
    ends_on: isoDate(),
    terms: text(2000).optional(),
    status: oneOf(STATUSES).optional(),
    equipment_serials: list().optional(),
    /** R10: what the contract does not cover, charged on its calls: `labour|parts|travel`; empty = covers everything. */
    not_covered: listOf(["LABOUR", "PARTS", "TRAVEL"] as const, "cost").optional(),
  })
  .refine((row) => notBefore(row.ends_on, row.starts_on), { message: "the contract ends before it starts", path: ["ends_on"] });
type ContractRow = z.output<typeof contractRow>;

interface ContractPlan {
  number: string;
  fields: {
    customerId: number;
    branchId: number;
    startsOn: Date;
    endsOn: Date;
    terms: string | null;
    status: ContractStatus;
    coversLabour: boolean;
    coversParts: boolean;
    coversTravel: boolean;
  };
  equipmentIds: number[];
}

interface CustomerEquipment {
  id: number;
  model: string;
  serial: string;
}

export const contractsImport: ImportDefinition<ContractRow, ContractPlan> = {
  kind: "contracts",
  schema: contractRow,
  key: ["number"],
  async resolve(db, rows, report) {
    const customers = await customersByCode(db, rows.map(({ row }) => row.customer_code));
    const branches = await branchesByCode(db, rows.flatMap(({ row }) => (row.branch_code ? [row.branch_code] : [])));
    const equipment = await equipmentByCustomer(db, [...customers.values()].map((customer) => customer.id));
    return rows.flatMap(({ line, row }) => {
      const customer = customers.get(row.customer_code);
      if (!customer) report(line, `unknown customer "${row.customer_code}"`, "customer_code");
      const branchId = row.branch_code ? branches.get(row.branch_code)?.id : customer?.branchId;
      if (row.branch_code && branchId === undefined) report(line, `unknown branch "${row.branch_code}"`, "branch_code");
      if (!customer || branchId === undefined) return [];
      const equipmentIds = matchEquipment({ line, row }, equipment.get(customer.id) ?? [], report);
      if (!equipmentIds) return [];
      return [
        {
          number: row.number,
          fields: {
            customerId: customer.id,
            branchId,
            startsOn: row.starts_on,
            endsOn: row.ends_on,
            terms: row.terms ?? null,
            status: row.status ?? "ACTIVE",
            coversLabour: !row.not_covered?.includes("LABOUR"),
            coversParts: !row.not_covered?.includes("PARTS"),
            coversTravel: !row.not_covered?.includes("TRAVEL"),
          },
          equipmentIds,
        },
      ];
    });
  },
  async write(tx, { number, fields, equipmentIds }) {
    const existing = await tx.contract.findUnique({ where: { number }, include: { equipment: { select: { id: true }, orderBy: { id: "asc" } } } });
    const current = existing && { ...existing, equipmentIds: existing.equipment.map((item) => item.id) };
    const equipment = equipmentIds.map((id) => ({ id }));
    return saveRecord(current, { ...fields, equipmentIds }, {
      create: () => tx.contract.create({ data: { number, ...fields, equipment: { connect: equipment } } }),
      update: () => tx.contract.update({ where: { number }, data: { ...fields, equipment: { set: equipment } } }),
    });
  },
};

async function equipmentByCustomer(db: DbOrTx, customerIds: number[]): Promise<Map<number, CustomerEquipment[]>> {
  const rows = await db.equipment.findMany({ where: { customerId: { in: customerIds } }, select: { id: true, model: true, serial: true, customerId: true } });
  const byCustomer = new Map<number, CustomerEquipment[]>();
  for (const { customerId, ...item } of rows) byCustomer.set(customerId, [...(byCustomer.get(customerId) ?? []), item]);
  return byCustomer;
}

/**
 * Each item is a serial, or `MODEL:SERIAL` when the customer has two models with the same serial.
 * Returns the ids in ascending order, or null after reporting what did not match.
 */
function matchEquipment({ line, row }: Located<ContractRow>, owned: CustomerEquipment[], report: Report): number[] | null {
  const ids = new Set<number>();
  let ok = true;
  for (const item of row.equipment_serials ?? []) {
    const separator = item.lastIndexOf(":");
    const model = separator > 0 ? item.slice(0, separator).trim() : undefined;
    const serial = separator > 0 ? item.slice(separator + 1).trim() : item;
    const matches = owned.filter((equipment) => equipment.serial === serial && (model === undefined || equipment.model === model));
    if (matches.length === 1) ids.add(matches[0]!.id);
    else {
      ok = false;
      const problem = matches.length === 0 ? `no equipment "${item}" registered to customer "${row.customer_code}"` : `serial "${item}" is ambiguous: write it as MODEL:SERIAL`;
      report(line, problem, "equipment_serials");
    }
  }
  return ok ? [...ids].sort((a, b) => a - b) : null;
}
