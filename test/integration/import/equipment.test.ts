import { useTestDatabase } from "../../support/db";
import { createCustomer } from "../../support/factories/data";
import { csv, day, importer } from "./import-helpers";

const db = useTestDatabase();
const runImport = importer(db);

const HEADER = "customer_code,model,serial,acceptance_date,warranty_end";

describe("equipment import", () => {
  beforeEach(async () => {
    await createCustomer(db.current.prisma, { code: "C-001" });
  });

  it("creates equipment with its acceptance date and warranty end (R2)", async () => {
    const result = await runImport("equipment", csv(HEADER, "C-001,AC-300,AC3-24001,2025-03-10,2026-03-09", "C-001,CH-120,CH1-23007,,"));

    expect(result).toMatchObject({ created: 2, errors: [] });
    const [compressor, chiller] = await db.current.prisma.equipment.findMany({ orderBy: { model: "asc" } });
    expect(compressor).toMatchObject({ serial: "AC3-24001", acceptanceDate: day("2025-03-10"), warrantyEnd: day("2026-03-09") });
    expect(chiller).toMatchObject({ serial: "CH1-23007", acceptanceDate: null, warrantyEnd: null });
  });

  it("rejects a warranty that ends before acceptance, impossible dates, an unknown customer and a repeated serial", async () => {
    const result = await runImport(
      "equipment",
      csv(
        HEADER,
        "C-001,AC-300,AC3-1,2026-03-10,2026-03-09",
        "C-001,AC-300,AC3-2,2026-02-30,2026/03/09",
        "C-404,AC-300,AC3-3,,",
        "C-001,AC-300,AC3-1,,",
        "C-001,AC-150,AC3-1,,",
      ),
    );

    expect(result.errors).toEqual([
      { line: 2, message: "warranty_end: the warranty ends before the acceptance date" },
      { line: 3, message: "acceptance_date: not a date in the calendar" },
      { line: 3, message: "warranty_end: a date as YYYY-MM-DD" },
      { line: 4, message: 'customer_code: unknown customer "C-404"' },
      { line: 5, message: 'duplicate model and serial "AC-300 AC3-1" (already on line 2)' },
    ]);
    expect(await db.current.prisma.equipment.count()).toBe(0);
  });

  it("matches equipment on model and serial, so a re-import can move it to the customer who bought it", async () => {
    await createCustomer(db.current.prisma, { code: "C-002" });
    await runImport("equipment", csv(HEADER, "C-001,AC-300,AC3-1,2025-03-10,2026-03-09"));

    const result = await runImport("equipment", csv(HEADER, "C-002,AC-300,AC3-1,2025-03-10,2027-03-09"));

    expect(result).toMatchObject({ created: 0, updated: 1 });
    const equipment = await db.current.prisma.equipment.findMany({ include: { customer: true } });
    expect(equipment).toEqual([expect.objectContaining({ warrantyEnd: day("2027-03-09"), customer: expect.objectContaining({ code: "C-002" }) })]);
  });
});
