import { useTestDatabase } from "../../support/db";
import { createBranch } from "../../support/factories/data";
import { csv, importer } from "./import-helpers";

const db = useTestDatabase();
const runImport = importer(db);

const HEADER = "slack_user_id,name,branch_code,roles,skills,areas,email,phone,active";

describe("staff import", () => {
  beforeEach(async () => {
    await createBranch(db.current.prisma, { code: "SEOUL" });
  });

  it("creates staff with several roles, written in any case, and their skills and areas", async () => {
    const result = await runImport(
      "staff",
      csv(
        HEADER,
        "U0KIM,김민준,SEOUL,Director|MANAGER,,,minjun.kim@example.com,010-5550-0101,",
        "U0WANG,王芳,SEOUL,technician|parts clerk|Parts-Clerk,compressor|chiller|compressor,urban|Suburban,,+82 (10) 5550-0107,no",
      ),
    );

    expect(result).toMatchObject({ created: 2, errors: [] });
    const wang = await db.current.prisma.staff.findUniqueOrThrow({ where: { slackUserId: "U0WANG" } });
    expect(wang).toMatchObject({ name: "王芳", roles: ["TECHNICIAN", "PARTS_CLERK"], skills: ["compressor", "chiller"], areas: ["URBAN", "SUBURBAN"], email: null, active: false });
    expect(await db.current.prisma.staff.findUniqueOrThrow({ where: { slackUserId: "U0KIM" } })).toMatchObject({ roles: ["DIRECTOR", "MANAGER"], active: true });
  });

  it("R19: accepts the surveyor role like the others", async () => {
    const result = await runImport("staff", csv(HEADER, "U0SURV,Park Surveyor,SEOUL,Surveyor|dispatcher,,,,,"));

    expect(result).toMatchObject({ created: 1, errors: [] });
    expect(await db.current.prisma.staff.findUniqueOrThrow({ where: { slackUserId: "U0SURV" } })).toMatchObject({ roles: ["SURVEYOR", "DISPATCHER"] });
  });

  it("reports an unknown role, an unknown branch and a bad Slack id, email or phone", async () => {
    const result = await runImport(
      "staff",
      csv(
        HEADER,
        "U0KIM,김민준,SEOUL,director|boss,,,,,",
        "U0LEE,이서연,BUSAN,dispatcher,,downtown,not-an-email,,",
        "kim,Kim,SEOUL,|,,,,02-555,maybe",
      ),
    );

    expect(result.errors).toEqual([
      { line: 2, message: 'roles: unknown role "boss" (expected dispatcher, technician, director, manager, parts_clerk, admin, accountant or surveyor)' },
      { line: 3, message: 'areas: unknown area "downtown" (expected urban or suburban)' },
      { line: 3, message: "email: an email address such as name@example.com" },
      { line: 4, message: "slack_user_id: a Slack user id such as U012ABCDEF" },
      { line: 4, message: "roles: at least one role" },
      { line: 4, message: "phone: a phone number with 6 to 20 digits" },
      { line: 4, message: "active: true or false (yes/no and 1/0 also work)" },
    ]);
    expect(await db.current.prisma.staff.count()).toBe(0);
  });

  it("reports an unknown branch once the row itself is valid", async () => {
    const result = await runImport("staff", csv(HEADER, "U0LEE,이서연,BUSAN,dispatcher,,,,,"));

    expect(result.errors).toEqual([{ line: 2, message: 'branch_code: unknown branch "BUSAN"' }]);
  });

  it("updates a person found by Slack id, e.g. moved to another branch and deactivated", async () => {
    await createBranch(db.current.prisma, { code: "BERLIN" });
    await runImport("staff", csv(HEADER, "U0KIM,Kim,SEOUL,technician,compressor,urban,,,true"));

    const result = await runImport("staff", csv(HEADER, "U0KIM,Kim,BERLIN,technician,compressor,urban,,,false"));

    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const kim = await db.current.prisma.staff.findUniqueOrThrow({ where: { slackUserId: "U0KIM" }, include: { branch: true } });
    expect(kim).toMatchObject({ active: false, branch: { code: "BERLIN" } });
    expect(await db.current.prisma.staff.count()).toBe(1);
  });
});
