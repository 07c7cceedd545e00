// Customers, keyed by the company's own customer code; the grade orders queues and reports (R23).
import { z } from "zod";
import { nameSearchKey } from "../../domain/name-search";
import { Area, CustomerGrade } from "../../generated/prisma/client";
import type { ImportDefinition } from "./definition";
import { code, locale, oneOf, phone, text } from "./fields";
import { branchesByCode } from "./references";
import { saveRecord } from "./save";

const AREAS = Object.values(Area) as [Area, ...Area[]];
const GRADES = Object.values(CustomerGrade) as [CustomerGrade, ...CustomerGrade[]];
const DEFAULT_GRADE: CustomerGrade = "C";

const customerRow = z.object({
  code: code(),
  name: text(200),
  address: text(500),
  phone: phone(),
  contact_person: text(100).optional(),
  area: oneOf(AREAS),
  grade: oneOf(GRADES).optional(),
  branch_code: code(20),
  /** The customer's language (their survey page); empty = the branch's. */
  locale: locale().optional(),
});
type CustomerRow = z.output<typeof customerRow>;

interface CustomerPlan {
  code: string;
  fields: {
    name: string;
    /** Korean and Chinese type-ahead (domain/name-search.ts), always written with the name. */
    nameSearchKey: string;
    address: string;
    phone: string;
    contactPerson: string | null;
    area: Area;
    grade: CustomerGrade;
    branchId: number;
    /** Only when the file has a `locale` column, so an older file does not wipe the languages. */
    locale?: string | null;
  };
}

export const customersImport: ImportDefinition<CustomerRow, CustomerPlan> = {
  kind: "customers",
  schema: customerRow,
  key: ["code"],
  async resolve(db, rows, report, columns) {
    const withLocale = columns.includes("locale");
    const branches = await branchesByCode(db, rows.map(({ row }) => row.branch_code));
    return rows.flatMap(({ line, row }) => {
      const branch = branches.get(row.branch_code);
      if (!branch) {
        report(line, `unknown branch "${row.branch_code}"`, "branch_code");
        return [];
      }
      return [
        {
          code: row.code,
          fields: {
            name: row.name,
            nameSearchKey: nameSearchKey(row.name),
            address: row.address,
            phone: row.phone,
            contactPerson: row.contact_person ?? null,
            area: row.area,
            grade: row.grade ?? DEFAULT_GRADE,
            branchId: branch.id,
            ...(withLocale ? { locale: row.locale ?? null } : {}),
          },
        },
      ];
    });
  },
  async write(tx, { code, fields }) {
    const existing = await tx.customer.findUnique({ where: { code } });
    return saveRecord(existing, fields, {
      create: () => tx.customer.create({ data: { code, ...fields } }),
      update: () => tx.customer.update({ where: { code }, data: fields }),
    });
  },
};
