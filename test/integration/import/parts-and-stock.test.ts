import { useTestDatabase } from "../../support/db";
import { createBranch, createPart } from "../../support/factories/data";
import { csv, importer } from "./import-helpers";

const db = useTestDatabase();
const runImport = importer(db);

const PARTS = "part_no,name,unit_price,serialised,active";
const STOCK = "part_no,branch_code,quantity";

describe("parts import", () => {
  it("creates catalogue parts with prices, one of them serialised", async () => {
    const result = await runImport("parts", csv(PARTS, "P-FLT-001,Air filter element,35000,,", "P-CTL-100,Controller board,780000.50,yes,"));

    expect(result).toMatchObject({ created: 2, errors: [] });
    const board = await db.current.prisma.part.findUniqueOrThrow({ where: { partNo: "P-CTL-100" } });
    expect(board).toMatchObject({ name: "Controller board", serialised: true, active: true });
    expect(board.unitPrice.toFixed(2)).toBe("780000.50");
  });

  it("rejects prices it cannot store exactly", async () => {
    const result = await runImport("parts", csv(PARTS, "P-1,Filter,\"35,000\",,", "P-2,Belt,12.345,,", "P-3,Oil,-5,,"));

    expect(result.errors.map((error) => error.line)).toEqual([2, 3, 4]);
    expect(result.errors[0]!.message).toBe("unit_price: an amount such as 1250 or 1250.50 (no thousands separators)");
  });

  it("finds a part by number on re-import: 1.5 and 1.50 are the same price", async () => {
    await runImport("parts", csv(PARTS, "P-1,Filter,1.5,false,true"));

    expect(await runImport("parts", csv(PARTS, "P-1,Filter,1.50,false,true"))).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await runImport("parts", csv(PARTS, "P-1,Filter,1.50,false,false"))).toMatchObject({ updated: 1, unchanged: 0 });
    expect(await db.current.prisma.part.count()).toBe(1);
  });
});

describe("stock import", () => {
  it("sets on-hand quantities per part and branch, and leaves other branches alone", async () => {
    const seoul = await createBranch(db.current.prisma, { code: "SEOUL" });
    const berlin = await createBranch(db.current.prisma, { code: "BERLIN" });
    const filter = await createPart(db.current.prisma, { partNo: "P-FLT-001", stock: [{ branchId: berlin.id, quantity: 7 }] });
    await createPart(db.current.prisma, { partNo: "P-CTL-100", serialised: true });

    const result = await runImport("stock", csv(STOCK, "P-FLT-001,SEOUL,24", "P-CTL-100,SEOUL,0"));

    expect(result).toMatchObject({ created: 2, updated: 0, errors: [] });
    const stock = await db.current.prisma.partStock.findMany({ where: { partId: filter.id }, orderBy: { branchId: "asc" } });
    expect(stock.map(({ branchId, quantity }) => [branchId, quantity])).toEqual([
      [seoul.id, 24],
      [berlin.id, 7],
    ]);

    expect(await runImport("stock", csv(STOCK, "P-FLT-001,SEOUL,20", "P-CTL-100,SEOUL,0"))).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
  });

  it("rejects unknown parts and branches, negative or fractional quantities, and a part counted twice for a branch", async () => {
    await createBranch(db.current.prisma, { code: "SEOUL" });
    await createPart(db.current.prisma, { partNo: "P-1" });
    await createPart(db.current.prisma, { partNo: "P-2" });

    const result = await runImport("stock", csv(STOCK, "P-404,SEOUL,1", "P-1,BUSAN,1", "P-1,SEOUL,-1", "P-2,SEOUL,2.5", "P-2,SEOUL,3"));

    expect(result.errors).toEqual([
      { line: 2, message: 'part_no: unknown part "P-404"' },
      { line: 3, message: 'branch_code: unknown branch "BUSAN"' },
      { line: 4, message: "quantity: a whole number, 0 or more" },
      { line: 5, message: "quantity: a whole number, 0 or more" },
      { line: 6, message: 'duplicate part_no and branch_code "P-2 SEOUL" (already on line 5)' },
    ]);
    expect(await db.current.prisma.partStock.count()).toBe(0);
  });
});
