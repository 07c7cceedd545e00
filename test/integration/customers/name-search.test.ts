// Korean and Chinese customers found as people type them (issue 14): Korean initial consonants
// (ㅅㅇ, 서ㅇ) and pinyin (bjkj, beijing) in the intake type-ahead and `/repair customer`, through
// Customer.nameSearchKey, which every write of a name keeps up to date.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fixedClock } from "../../../src/clock";
import { Prisma } from "../../../src/generated/prisma/client";
import { encodeHangulInitials, nameSearchKey, nameSearchQuery } from "../../../src/domain/name-search";
import { silentLog } from "../../../src/logger";
import { backfillNameSearchKeys } from "../../../src/services/customers/backfill-name-search-keys";
import { lookupCustomer } from "../../../src/services/customers/lookup-customer";
import { importCsv } from "../../../src/services/import/run-import";
import { completeIntake } from "../../../src/services/tickets/complete-intake";
import { getTicketCard } from "../../../src/services/tickets/get-ticket";
import { registerTicket } from "../../../src/services/tickets/register-ticket";
import { searchCustomers } from "../../../src/services/tickets/search-customers";
import { useTestDatabase } from "../../support/db";
import { createBranch, createCustomer } from "../../support/factories/data";
import { deskSetup, nextIntakeKey } from "../tickets/ticket-helpers";

const db = useTestDatabase();

async function names(query: string, branchId?: number): Promise<string[]> {
  return (await searchCustomers({ db: db.current.prisma }, { query, branchId })).map((hit) => hit.name);
}

describe("searchCustomers: Korean names by initial consonants (초성 검색)", () => {
  async function koreanCustomers() {
    const prisma = db.current.prisma;
    for (const name of ["서울상사", "서울", "수원전자", "서초약국", "까치떡집", "가나다마트", "서울 냉동 창고", "Hanbit Foods"]) {
      await createCustomer(prisma, { name, grade: "B" });
    }
  }

  it("ㅅㅇ finds every name with ㅅ then ㅇ; ㅅㅇㅅ only 서울상사", async () => {
    await koreanCustomers();
    expect(await names("ㅅㅇ")).toEqual(["서울", "서울 냉동 창고", "서울상사", "수원전자"]);
    expect(await names("ㅅㅇㅅ")).toEqual(["서울상사"]);
    expect(await names("ㅈㅈ")).toEqual(["수원전자"]);
  });

  it("mixed syllables and initials: 서ㅇ finds 서울 and 서울상사, not 수원전자", async () => {
    await koreanCustomers();
    expect(await names("서ㅇ")).toEqual(["서울", "서울 냉동 창고", "서울상사"]);
    expect(await names("서ㅇㅅ")).toEqual(["서울상사"]);
    expect(await names("ㅅ울")).toEqual(["서울", "서울 냉동 창고", "서울상사"]);
    expect(await names("ㅅ초")).toEqual(["서초약국"]);
    expect(await names("ㅅ추")).toEqual([]);
    expect(await names("서ㅊ")).toEqual(["서초약국"]);
  });

  it("spaces in the name are skipped: ㅅㅇㄴㄷ and 서울ㄴ find 서울 냉동 창고", async () => {
    await koreanCustomers();
    expect(await names("ㅅㅇㄴㄷ")).toEqual(["서울 냉동 창고"]);
    expect(await names("서울ㄴ")).toEqual(["서울 냉동 창고"]);
    expect(await names("ㄴㄷ ㅊㄱ")).toEqual(["서울 냉동 창고"]);
  });

  it("a double initial matches exactly that initial: ㄲ is not ㄱ", async () => {
    await koreanCustomers();
    expect(await names("ㄲㅊ")).toEqual(["까치떡집"]);
    expect(await names("ㄱㅊ")).toEqual([]);
    expect(await names("ㄱㄴㄷ")).toEqual(["가나다마트"]);
    expect(await names("ㄸㅈ")).toEqual(["까치떡집"]);
  });

  it("conjoining jamo and NFD input match like the compatibility jamo a keyboard types", async () => {
    await koreanCustomers();
    expect(await names("\u1109\u110b\u1109")).toEqual(["서울상사"]);
    expect(await names("서ㅇㅅ".normalize("NFD"))).toEqual(["서울상사"]);
    expect(await names("ㅅㅇㅅ".normalize("NFKC"))).toEqual(["서울상사"]);
  });

  it("a name that itself contains lone jamo is found by them, as a name search would", async () => {
    await createCustomer(db.current.prisma, { name: "ㅋㅋ마트" });
    expect(await names("ㅋㅋ")).toEqual(["ㅋㅋ마트"]);
    expect(await names("ㅋㅋ마")).toEqual(["ㅋㅋ마트"]);
    expect(await names("ㅋㅋㅁ")).toEqual(["ㅋㅋ마트"]);
  });

  it("a name stored decomposed (NFD) is found too", async () => {
    await createCustomer(db.current.prisma, { name: "한빛식품".normalize("NFD") });
    expect(await names("ㅎㅂㅅ")).toHaveLength(1);
    expect(await names("한ㅂ")).toHaveLength(1);
  });

  it("whole syllables still match the name as before, and Latin names are untouched", async () => {
    await koreanCustomers();
    expect(await names("서울")).toEqual(["서울", "서울 냉동 창고", "서울상사"]);
    expect(await names("hanbit")).toEqual(["Hanbit Foods"]);
    expect(await names("ㅎㅂ")).toEqual([]);
  });

  it("R23: the order is unchanged: the actor's branch first, then grade A first, then name", async () => {
    const prisma = db.current.prisma;
    const own = await createBranch(prisma);
    const otherA = await createCustomer(prisma, { name: "서울상사", grade: "A" });
    const ownC = await createCustomer(prisma, { branchId: own.id, name: "삼일식품", grade: "C" });
    const ownA = await createCustomer(prisma, { branchId: own.id, name: "수원상회", grade: "A" });
    const hits = await searchCustomers({ db: prisma }, { query: "ㅅ", branchId: own.id });
    expect(hits.map((hit) => hit.id)).toEqual([ownA.id, ownC.id, otherA.id]);
  });
});

describe("searchCustomers: Chinese names by pinyin", () => {
  async function chineseCustomers() {
    const prisma = db.current.prisma;
    for (const name of ["北京科技有限公司", "北京饭店", "上海贸易", "中国银行", "Beijing Bakery"]) await createCustomer(prisma, { name, grade: "B" });
  }

  it("pinyin initials, any case: bjkj and BJKJ find 北京科技有限公司", async () => {
    await chineseCustomers();
    expect(await names("bjkj")).toEqual(["北京科技有限公司"]);
    expect(await names("BJKJ")).toEqual(["北京科技有限公司"]);
    expect(await names("ｂｊｋｊ")).toEqual(["北京科技有限公司"]);
    expect(await names("zgyh")).toEqual(["中国银行"]);
    expect(await names("kjyx")).toEqual(["北京科技有限公司"]);
  });

  it("full pinyin: beijing finds both Beijing customers and the Latin-named one by its name", async () => {
    await chineseCustomers();
    expect(await names("beijing")).toEqual(["Beijing Bakery", "北京科技有限公司", "北京饭店"]);
    expect(await names("shanghai")).toEqual(["上海贸易"]);
    expect(await names("zhongguoyinhang")).toEqual(["中国银行"]);
    expect(await names("bei jing fan")).toEqual(["北京饭店"]);
  });

  it("Han characters typed in full still match the name as before", async () => {
    await chineseCustomers();
    expect(await names("北京")).toEqual(["北京科技有限公司", "北京饭店"]);
  });
});

describe("the search key's index", () => {
  // A handful of rows would be scanned anyway; forbidding that shows which indexes can serve the query.
  async function plan(where: (key: string) => Prisma.Sql, query: string): Promise<string> {
    const key = nameSearchQuery(query)!.key;
    const rows = await db.current.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN SELECT id FROM "Customer" WHERE ${where(key)}`;
    });
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  }

  it("Korean initials are answered by Customer_nameSearchKey_trgm_idx alone (the stored letters are ASCII, indexed whatever the database's LC_CTYPE)", async () => {
    await createCustomer(db.current.prisma, { name: "서울상사" });
    expect(await plan((key) => Prisma.sql`"nameSearchKey" LIKE ${"%" + key + "%"}`, "ㅅㅇㅅ")).toContain("Customer_nameSearchKey_trgm_idx");
  });

  it("pinyin by the name's index or the key's", async () => {
    await createCustomer(db.current.prisma, { name: "北京科技有限公司" });
    const text = await plan((key) => Prisma.sql`"name" ILIKE ${"%bjkj%"} OR "nameSearchKey" LIKE ${"%" + key + "%"}`, "bjkj");
    expect(text).toContain("Customer_nameSearchKey_trgm_idx");
    expect(text).toContain("Customer_name_trgm_idx");
  });
});

describe("lookupCustomer (R23): `/repair customer` with Korean and Chinese queries", () => {
  it("R23: ㅅㅇㅅ and bjkj find one customer; ㅅㅇ several", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, branch } = await deskSetup(prisma);
    const seoul = await createCustomer(prisma, { branchId: branch.id, name: "서울상사" });
    await createCustomer(prisma, { branchId: branch.id, name: "서울" });
    const beijing = await createCustomer(prisma, { branchId: branch.id, name: "北京科技有限公司" });
    await expect(lookupCustomer(deps, { actor: dispatcher, query: "ㅅㅇㅅ" })).resolves.toEqual({ kind: "one", customerId: seoul.id });
    await expect(lookupCustomer(deps, { actor: dispatcher, query: "BJKJ" })).resolves.toEqual({ kind: "one", customerId: beijing.id });
    await expect(lookupCustomer(deps, { actor: dispatcher, query: "서ㅇ" })).resolves.toMatchObject({ kind: "several", more: false });
  });

  it("R23: a match in another branch only says that there was one", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher } = await deskSetup(prisma);
    await createCustomer(prisma, { branchId: (await createBranch(prisma)).id, name: "上海贸易" });
    await expect(lookupCustomer(deps, { actor: dispatcher, query: "shmy" })).resolves.toEqual({ kind: "none", elsewhere: 1 });
  });
});

describe("every write of a name writes its search key", () => {
  it("the customers import sets the key, and a re-import with a new name replaces it", async () => {
    const prisma = db.current.prisma;
    await createBranch(prisma, { code: "SEOUL" });
    const run = (csvText: string) => importCsv({ db: prisma, clock: fixedClock("2026-11-28T03:00:00Z"), log: silentLog }, { kind: "customers", csvText, actor: "U0ADMIN01" });
    const header = "code,name,address,phone,area,grade,branch_code";
    const first = await run(`${header}\nK-1,서울상사,1 Sejong-daero,02-111-2222,URBAN,A,SEOUL\nC-1,北京科技有限公司,1 Chang'an Ave,010-6666-7777,URBAN,B,SEOUL\n`);
    expect(first).toMatchObject({ created: 2, errors: [] });
    expect(await prisma.customer.findUniqueOrThrow({ where: { code: "K-1" } })).toMatchObject({ nameSearchKey: encodeHangulInitials("ㅅㅇㅅㅅ") });
    expect(await prisma.customer.findUniqueOrThrow({ where: { code: "C-1" } })).toMatchObject({ nameSearchKey: "bjkjyxgs beijingkejiyouxiangongsi" });
    expect(await names("ㅅㅇㅅ")).toEqual(["서울상사"]);

    const again = await run(`${header}\nK-1,부산상사,1 Sejong-daero,02-111-2222,URBAN,A,SEOUL\nC-1,北京科技有限公司,1 Chang'an Ave,010-6666-7777,URBAN,B,SEOUL\n`);
    expect(again).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await prisma.customer.findUniqueOrThrow({ where: { code: "K-1" } })).toMatchObject({ nameSearchKey: encodeHangulInitials("ㅂㅅㅅㅅ") });
    expect(await names("ㅅㅇㅅ")).toEqual([]);
    expect(await names("ㅂㅅ")).toEqual(["부산상사"]);
  });

  it("R2: a new customer registered with a call is keyed, and keyed again when the call is completed with another name", async () => {
    const prisma = db.current.prisma;
    const desk = await deskSetup(prisma);
    const customer = { kind: "new" as const, name: "북경반점", address: "9 Road", phone: "", area: "URBAN" as const, grade: "C" as const };
    const { ticketId } = await registerTicket(desk.deps, {
      actor: desk.dispatcher,
      input: { customer, equipment: { kind: "none" }, faultDescription: "Noise", saveAsIncomplete: true },
      intakeKey: nextIntakeKey(),
    });
    const card = await getTicketCard(desk.deps, { ticketId });
    expect(await prisma.customer.findUniqueOrThrow({ where: { id: card.customer.id } })).toMatchObject({ nameSearchKey: encodeHangulInitials("ㅂㄱㅂㅈ") });
    expect(await names("ㅂㄱ")).toEqual(["북경반점"]);

    await completeIntake(desk.deps, {
      actor: desk.dispatcher,
      ticketId,
      input: { customer: { ...customer, name: "北京饭店", phone: "02-777-1234" }, equipment: { kind: "none" }, faultDescription: "Noise", saveAsIncomplete: true },
    });
    expect(await prisma.customer.findUniqueOrThrow({ where: { id: card.customer.id } })).toMatchObject({ name: "北京饭店", nameSearchKey: "bjfd beijingfandian" });
    expect(await names("ㅂㄱ")).toEqual([]);
    expect(await names("bjfd")).toEqual(["北京饭店"]);
  });
});

describe("customers saved before the key existed", () => {
  const NAMES = ["서울상사", "서울 냉동 창고", "(주)한빛식품", "LG전자 서울2호점", "Hanbit Foods", "", "北京科技有限公司", "上海 贸易", "서울 北京", "한빛식품".normalize("NFD"), "ｈａｎａ"];

  it("the start-up backfill keys them in batches, leaves keyed rows alone, and a second run has nothing to do", async () => {
    const prisma = db.current.prisma;
    const rows = [];
    for (const name of NAMES) rows.push(await createCustomer(prisma, { name, nameSearchKey: null }));
    const keyed = await createCustomer(prisma, { name: "서울", nameSearchKey: "kept as written" });
    expect(await names("bjkj")).toEqual([]);

    expect(await backfillNameSearchKeys({ db: prisma }, { batchSize: 3 })).toEqual({ filled: NAMES.length });
    for (const row of rows) {
      expect(await prisma.customer.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ nameSearchKey: nameSearchKey(row.name), updatedAt: row.updatedAt });
    }
    expect((await prisma.customer.findUniqueOrThrow({ where: { id: keyed.id } })).nameSearchKey).toBe("kept as written");
    expect(await names("bjkj")).toEqual(["北京科技有限公司"]);
    expect(await backfillNameSearchKeys({ db: prisma })).toEqual({ filled: 0 });
  });

  it("stops between batches when the bot stops", async () => {
    const prisma = db.current.prisma;
    for (const name of NAMES) await createCustomer(prisma, { name, nameSearchKey: null });
    let batches = 0;
    const result = await backfillNameSearchKeys({ db: prisma }, { batchSize: 2, shouldStop: () => batches++ >= 2 });
    expect(result).toEqual({ filled: 4 });
    expect(await prisma.customer.count({ where: { nameSearchKey: null } })).toBe(NAMES.length - 4);
  });

  it("migration 20261128130000 keys Hangul and ASCII names in SQL exactly as the bot would, and leaves the rest to the backfill", async () => {
    const prisma = db.current.prisma;
    const migration = readFileSync(path.join(__dirname, "../../../prisma/migrations/20261128130000_customer_name_search_key/migration.sql"), "utf8");
    const update = migration.match(/^UPDATE "Customer"[\s\S]*?;$/m)?.[0];
    expect(update).toBeDefined();
    const rows = [];
    for (const name of NAMES) rows.push(await createCustomer(prisma, { name, nameSearchKey: null }));
    await prisma.$executeRawUnsafe(update!);
    const bySql = new Map((await prisma.customer.findMany({ select: { id: true, nameSearchKey: true } })).map((row) => [row.id, row.nameSearchKey]));
    const leftToTheBot = ["北京科技有限公司", "上海 贸易", "서울 北京", "한빛식품".normalize("NFD"), "ｈａｎａ"];
    for (const row of rows) {
      expect([row.name, bySql.get(row.id)]).toEqual([row.name, leftToTheBot.includes(row.name) ? null : nameSearchKey(row.name)]);
    }
  });
});
