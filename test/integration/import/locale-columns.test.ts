import { useTestDatabase } from "../../support/db";
import { createBranch } from "../../support/factories/data";
import { csv, importer } from "./import-helpers";

const db = useTestDatabase();
const runImport = importer(db);

const BRANCH_HEADER = "code,name,time_zone,working_hours,locale";
const HOURS = "Mon-Fri 09:00-18:00";

describe("the locale column (issue 14)", () => {
  it("stores branches' languages normalized, English when the cell is empty", async () => {
    const result = await runImport(
      "branches",
      csv(BRANCH_HEADER, `SEOUL,Seoul,Asia/Seoul,${HOURS},ko-KR`, `SHANGHAI,Shanghai,Asia/Shanghai,${HOURS},zh_CN`, `BERLIN,Berlin,Europe/Berlin,${HOURS},`),
    );

    expect(result).toMatchObject({ created: 3, errors: [] });
    const branches = await db.current.prisma.branch.findMany({ orderBy: { code: "asc" } });
    expect(branches.map(({ code, locale }) => [code, locale])).toEqual([
      ["BERLIN", "en"],
      ["SEOUL", "ko"],
      ["SHANGHAI", "zh-CN"],
    ]);
  });

  it("reports a language the bot does not speak as a row error, Traditional Chinese and the test pseudo-locale included, and imports nothing", async () => {
    const result = await runImport(
      "branches",
      csv(BRANCH_HEADER, `SEOUL,Seoul,Asia/Seoul,${HOURS},ko`, `TAIPEI,Taipei,Asia/Taipei,${HOURS},zh-TW`, `BERLIN,Berlin,Europe/Berlin,${HOURS},de`, `TEST,Test,UTC,${HOURS},en-XA`),
    );

    expect(result.errors).toEqual([
      { line: 3, message: 'locale: unknown language "zh-TW" (expected en, ko or zh-CN)' },
      { line: 4, message: 'locale: unknown language "de" (expected en, ko or zh-CN)' },
      { line: 5, message: 'locale: unknown language "en-XA" (expected en, ko or zh-CN)' },
    ]);
    expect(await db.current.prisma.branch.count()).toBe(0);
  });

  it("sets and unsets staff languages, and a file without the column keeps them", async () => {
    await createBranch(db.current.prisma, { code: "SEOUL" });
    const header = "slack_user_id,name,branch_code,roles,locale";

    expect(await runImport("staff", csv(header, "U0KIM,김민준,SEOUL,director,KO", "U0WANG,王芳,SEOUL,technician,zh-Hans-CN", "U0LEE,이서연,SEOUL,dispatcher,"))).toMatchObject({
      created: 3,
      errors: [],
    });
    const locales = async () =>
      Object.fromEntries((await db.current.prisma.staff.findMany({ orderBy: { slackUserId: "asc" } })).map(({ slackUserId, locale }) => [slackUserId, locale]));
    expect(await locales()).toEqual({ U0KIM: "ko", U0LEE: null, U0WANG: "zh-CN" });

    // An older file without the column: what people chose (here or in App Home) stays.
    expect(await runImport("staff", csv("slack_user_id,name,branch_code,roles", "U0KIM,김민준,SEOUL,director", "U0WANG,王芳,SEOUL,technician"))).toMatchObject({
      unchanged: 2,
      errors: [],
    });
    expect(await locales()).toEqual({ U0KIM: "ko", U0LEE: null, U0WANG: "zh-CN" });

    // An empty cell in the column unsets the choice.
    expect(await runImport("staff", csv(header, "U0KIM,김민준,SEOUL,director,"))).toMatchObject({ updated: 1, errors: [] });
    expect(await locales()).toMatchObject({ U0KIM: null });

    expect((await runImport("staff", csv(header, "U0KIM,김민준,SEOUL,director,japanese"))).errors).toEqual([
      { line: 2, message: 'locale: unknown language "japanese" (expected en, ko or zh-CN)' },
    ]);
  });

  it("sets customers' languages, empty meaning the branch's", async () => {
    await createBranch(db.current.prisma, { code: "SEOUL", locale: "ko" });
    const header = "code,name,address,phone,area,branch_code,locale";

    const result = await runImport(
      "customers",
      csv(header, "C-1,华瑞贸易,서울 중구 세종대로 110,02-555-1005,urban,SEOUL,zh-CN", "C-2,한빛정밀,서울 강남구 테헤란로 152,02-555-1001,urban,SEOUL,", "C-3,Bad,서울,02-555-1003,urban,SEOUL,zh-HK"),
    );

    expect(result.errors).toEqual([{ line: 4, message: 'locale: unknown language "zh-HK" (expected en, ko or zh-CN)' }]);
    expect(await runImport("customers", csv(header, "C-1,华瑞贸易,서울 중구 세종대로 110,02-555-1005,urban,SEOUL,zh-CN", "C-2,한빛정밀,서울 강남구 테헤란로 152,02-555-1001,urban,SEOUL,"))).toMatchObject({
      created: 2,
      errors: [],
    });
    const customers = await db.current.prisma.customer.findMany({ orderBy: { code: "asc" } });
    expect(customers.map(({ code, locale }) => [code, locale])).toEqual([
      ["C-1", "zh-CN"],
      ["C-2", null],
    ]);
  });
});
