// The runner's promises, whatever the kind: every problem is listed by file line, nothing is
// written unless the whole file is good, and each import leaves one audit row.
import { decodeCsvFile } from "../../../src/services/import/csv";
import { useTestDatabase } from "../../support/db";
import { createBranch } from "../../support/factories/data";
import { ADMIN, csv, importer } from "./import-helpers";

const db = useTestDatabase();
const runImport = importer(db);

const CUSTOMERS = "code,name,address,phone,contact_person,area,grade,branch_code";

describe("importing a file, all or nothing", () => {
  beforeEach(async () => {
    await createBranch(db.current.prisma, { code: "SEOUL" });
  });

  it("lists every bad row with its line and reason, and writes nothing at all", async () => {
    const result = await runImport(
      "customers",
      csv(
        CUSTOMERS,
        "C-001,Hanbit,1 Teheran-ro,02-555-1001,,urban,A,SEOUL",
        "C-002,,2 Teheran-ro,02-555-1002,,urban,B,SEOUL",
        "C-003,Daesung,3 Hyangnam,12,,rural,Z,SEOUL",
        "",
        "C-004,Mirae,4 World Cup-ro,02-555-1004,,urban,A,BUSAN",
        "C-001,Hanbit again,1 Teheran-ro,02-555-1001,,urban,A,SEOUL",
      ),
    );

    expect(result).toEqual({
      kind: "customers",
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [
        { line: 3, message: "name: required" },
        { line: 4, message: "phone: a phone number with 6 to 20 digits" },
        { line: 4, message: "area: urban or suburban" },
        { line: 4, message: "grade: a, b or c" },
        { line: 6, message: 'branch_code: unknown branch "BUSAN"' },
        { line: 7, message: 'duplicate code "C-001" (already on line 2)' },
      ],
      deadlinesMoved: 0,
    });
    expect(await db.current.prisma.customer.count()).toBe(0);
    expect(await db.current.prisma.auditLog.count()).toBe(0);
  });

  it("checks the header once instead of failing every row", async () => {
    const result = await runImport("customers", csv("code,name,adress,phone,area,area,branch", "C-001,Hanbit,x,02-555-1001,urban,urban,SEOUL"));

    expect(result.errors).toEqual([
      { line: 1, message: expect.stringMatching(/^unknown column\(s\) adress, branch \(expected code, name, address, .*\)$/) },
      { line: 1, message: "column(s) area appear more than once" },
      { line: 1, message: "missing column(s) address, branch_code" },
    ]);
  });

  it("accepts headers in any case and order, with spaces for underscores", async () => {
    const result = await runImport("customers", csv("Branch Code,CODE,Name,Phone,Address,Area", "SEOUL,C-001,Hanbit,02-555-1001,1 Teheran-ro,Urban"));

    expect(result).toMatchObject({ created: 1, errors: [] });
    expect(await db.current.prisma.customer.findUniqueOrThrow({ where: { code: "C-001" } })).toMatchObject({ area: "URBAN", grade: "C" });
  });

  it("counts lines as the file has them: a quoted cell across two lines, blank lines, CRLF endings", async () => {
    const text = [CUSTOMERS, 'C-001,Hanbit,"1 Teheran-ro', '8th floor",02-555-1001,,urban,A,SEOUL', "", "C-002,Daesung,2 Hyangnam,bad phone,,urban,A,SEOUL", ""].join("\r\n");

    const result = await runImport("customers", text);

    expect(result.errors).toEqual([{ line: 5, message: "phone: a phone number: digits, spaces, + - and parentheses only" }]);
  });

  it("points at a stray comma: more cells than columns", async () => {
    const result = await runImport("customers", csv(CUSTOMERS, "C-001,Hanbit,1 Teheran-ro, Gangnam,02-555-1001,,urban,A,SEOUL"));

    expect(result.errors).toEqual([{ line: 2, message: "9 cells but the header has 8 columns (a value containing a comma must be in double quotes)" }]);
  });

  it("reports broken quoting at its line", async () => {
    const result = await runImport("customers", csv(CUSTOMERS, "C-001,Hanbit,1 Teheran-ro,02-555-1001,,urban,A,SEOUL", 'C-002,"Dae"sung,x,02-555-1002,,urban,A,SEOUL'));

    expect(result.errors).toEqual([{ line: 3, message: "a quoted cell must end with a quote followed by a comma or the end of the line" }]);
  });

  it("refuses an empty file and a file with only a header", async () => {
    expect((await runImport("customers", "")).errors).toEqual([{ line: 1, message: "the file is empty: expected a header row" }]);
    expect((await runImport("customers", csv(CUSTOMERS))).errors).toEqual([{ line: 1, message: "no rows below the header" }]);
  });

  it("keeps Korean and Chinese text intact through a UTF-8 BOM", async () => {
    const text = "\uFEFF" + csv(CUSTOMERS, "C-001,한빛정밀(주),서울특별시 강남구 테헤란로 152,02-555-1001,오세훈 과장,urban,A,SEOUL", "C-002,华瑞贸易 首尔办事处,서울특별시 중구 세종대로 110,+82 2 555 1005,陈静,urban,B,SEOUL");

    const result = await runImport("customers", text);

    expect(result).toMatchObject({ created: 2, errors: [] });
    const customers = await db.current.prisma.customer.findMany({ orderBy: { code: "asc" } });
    expect(customers.map(({ code, name, contactPerson }) => [code, name, contactPerson])).toEqual([
      ["C-001", "한빛정밀(주)", "오세훈 과장"],
      ["C-002", "华瑞贸易 首尔办事处", "陈静"],
    ]);
  });

  it("refuses a file that is not UTF-8, such as one saved in CP949, rather than garble the names", () => {
    const cp949 = Uint8Array.from([0x63, 0x6f, 0x64, 0x65, 0x0a, 0xc7, 0xd1, 0xba, 0xfb]); // "code\n한빛" in CP949
    expect(() => decodeCsvFile(cp949)).toThrow(expect.objectContaining({ code: "VALIDATION", message: expect.stringContaining("UTF-8") }));
  });

  it("re-importing the same file updates rather than duplicates, and says what changed", async () => {
    const first = csv(CUSTOMERS, "C-001,Hanbit,1 Teheran-ro,02-555-1001,,urban,A,SEOUL", "C-002,Daesung,2 Hyangnam,031-555-1002,,suburban,B,SEOUL");
    const second = csv(CUSTOMERS, "C-001,Hanbit,1 Teheran-ro,02-555-1001,,urban,A,SEOUL", "C-002,Daesung Foods,2 Hyangnam,031-555-1002,,suburban,A,SEOUL", "C-003,Mirae,3 World Cup-ro,02-555-1003,,urban,A,SEOUL");

    expect(await runImport("customers", first)).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(await runImport("customers", first)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await runImport("customers", second)).toMatchObject({ created: 1, updated: 1, unchanged: 1 });

    expect(await db.current.prisma.customer.count()).toBe(3);
    expect(await db.current.prisma.customer.findUniqueOrThrow({ where: { code: "C-002" } })).toMatchObject({ name: "Daesung Foods", grade: "A" });
  });

  it("writes one audit row per import with the counts and the file name", async () => {
    const staff = await db.current.prisma.staff.create({
      data: { slackUserId: ADMIN, name: "Admin", branchId: (await db.current.prisma.branch.findFirstOrThrow()).id, roles: ["ADMIN"] },
    });

    await runImport("customers", csv(CUSTOMERS, "C-001,Hanbit,1 Teheran-ro,02-555-1001,,urban,A,SEOUL"), "customers-june.csv");

    const audit = await db.current.prisma.auditLog.findMany();
    expect(audit).toEqual([
      expect.objectContaining({
        actor: ADMIN,
        actorStaffId: staff.id,
        action: "import.customers",
        entity: "Import",
        entityId: "customers-june.csv",
        at: new Date("2026-06-15T03:00:00Z"),
        data: { fileName: "customers-june.csv", rows: 1, created: 1, updated: 0, unchanged: 0 },
      }),
    ]);
  });
});
