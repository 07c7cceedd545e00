// The sample files in examples/import are what the README points admins to; they must import as
// they are, in the documented order, and a second run must change nothing.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { decodeCsvFile } from "../../../src/services/import/csv";
import type { ImportKind } from "../../../src/services/import/definition";
import { useTestDatabase } from "../../support/db";
import { importer } from "./import-helpers";

const db = useTestDatabase();
const runImport = importer(db);

const ORDER: ImportKind[] = ["branches", "staff", "customers", "equipment", "contracts", "parts", "stock"];

async function importExample(kind: ImportKind) {
  const bytes = await readFile(path.join(__dirname, "../../../examples/import", `${kind}.csv`));
  return runImport(kind, decodeCsvFile(bytes), `${kind}.csv`);
}

describe("the sample files in examples/import", () => {
  it("import in order without a problem, and a second pass changes nothing", async () => {
    for (const kind of ORDER) {
      const result = await importExample(kind);
      expect({ kind, errors: result.errors, updated: result.updated, unchanged: result.unchanged }).toEqual({ kind, errors: [], updated: 0, unchanged: 0 });
    }
    for (const kind of ORDER) {
      const result = await importExample(kind);
      expect({ kind, created: result.created, updated: result.updated }).toEqual({ kind, created: 0, updated: 0 });
    }
    expect(await db.current.prisma.customer.findUniqueOrThrow({ where: { code: "C-SEL-005" } })).toMatchObject({ name: "华瑞贸易 首尔办事处", contactPerson: "陈静", locale: "zh-CN" });
  });
});
