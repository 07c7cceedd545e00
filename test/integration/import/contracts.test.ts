import { useTestDatabase } from "../../support/db";
import { createBranch, createCustomer, createEquipment } from "../../support/factories/data";
import { csv, day, importer } from "./import-helpers";

const db = useTestDatabase();
const runImport = importer(db);

const HEADER = "number,customer_code,branch_code,starts_on,ends_on,terms,status,equipment_serials";

describe("contracts import", () => {
  let customerBranchId: number;

  beforeEach(async () => {
    const customer = await createCustomer(db.current.prisma, { code: "C-001" });
    customerBranchId = customer.branchId;
    await createEquipment(db.current.prisma, { customerId: customer.id, model: "AC-300", serial: "SN-1" });
    await createEquipment(db.current.prisma, { customerId: customer.id, model: "CH-120", serial: "SN-2" });
    await createEquipment(db.current.prisma, { customerId: customer.id, model: "GX-50", serial: "SN-2" });
  });

  it("creates contracts on the customer's branch by default, covering the listed equipment or, if none, all of it", async () => {
    await createBranch(db.current.prisma, { code: "BERLIN" });
    const result = await runImport(
      "contracts",
      csv(
        HEADER,
        'MC-1,C-001,,2026-01-01,2026-12-31,"Quarterly inspection, parts at 10% off",,',
        "MC-2,C-001,BERLIN,2025-01-01,2025-12-31,,Expired,SN-1|CH-120:SN-2",
      ),
    );

    expect(result).toMatchObject({ created: 2, errors: [] });
    const all = await db.current.prisma.contract.findUniqueOrThrow({ where: { number: "MC-1" }, include: { equipment: true } });
    expect(all).toMatchObject({ branchId: customerBranchId, status: "ACTIVE", startsOn: day("2026-01-01"), endsOn: day("2026-12-31"), terms: "Quarterly inspection, parts at 10% off", equipment: [] });
    const listed = await db.current.prisma.contract.findUniqueOrThrow({ where: { number: "MC-2" }, include: { equipment: { orderBy: { model: "asc" } }, branch: true } });
    expect(listed.status).toBe("EXPIRED");
    expect(listed.branch.code).toBe("BERLIN");
    expect(listed.equipment.map(({ model, serial }) => `${model} ${serial}`)).toEqual(["AC-300 SN-1", "CH-120 SN-2"]);
  });

  it("rejects an end before the start, an unknown customer or branch, and equipment the customer does not have", async () => {
    await createEquipment(db.current.prisma, { serial: "SN-OTHER" });
    const result = await runImport(
      "contracts",
      csv(
        HEADER,
        "MC-1,C-001,,2026-12-31,2026-01-01,,,",
        "MC-2,C-404,,2026-01-01,2026-12-31,,,",
        "MC-3,C-001,BUSAN,2026-01-01,2026-12-31,,,",
        "MC-4,C-001,,2026-01-01,2026-12-31,,,SN-OTHER|SN-2",
        "MC-5,C-001,,2026-01-01,2026-12-31,,paused,",
      ),
    );

    expect(result.errors).toEqual([
      { line: 2, message: "ends_on: the contract ends before it starts" },
      { line: 3, message: 'customer_code: unknown customer "C-404"' },
      { line: 4, message: 'branch_code: unknown branch "BUSAN"' },
      { line: 5, message: 'equipment_serials: no equipment "SN-OTHER" registered to customer "C-001"' },
      { line: 5, message: 'equipment_serials: serial "SN-2" is ambiguous: write it as MODEL:SERIAL' },
      { line: 6, message: "status: active, expired, renewed or cancelled" },
    ]);
    expect(await db.current.prisma.contract.count()).toBe(0);
  });

  it("on re-import replaces the covered equipment and counts the contract as updated", async () => {
    await runImport("contracts", csv(HEADER, "MC-1,C-001,,2026-01-01,2026-12-31,,,SN-1"));
    expect(await runImport("contracts", csv(HEADER, "MC-1,C-001,,2026-01-01,2026-12-31,,,SN-1"))).toMatchObject({ updated: 0, unchanged: 1 });

    const result = await runImport("contracts", csv(HEADER, "MC-1,C-001,,2026-01-01,2026-12-31,,,GX-50:SN-2"));

    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const contract = await db.current.prisma.contract.findUniqueOrThrow({ where: { number: "MC-1" }, include: { equipment: true } });
    expect(contract.equipment.map(({ model }) => model)).toEqual(["GX-50"]);
  });
});
