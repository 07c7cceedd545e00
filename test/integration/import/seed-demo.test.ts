import { fixedClock } from "../../../src/clock";
import type { Db } from "../../../src/db";
import { silentLog } from "../../../src/logger";
import { seedDemoCompany } from "../../../src/services/seed/demo-company";
import { useTestDatabase } from "../../support/db";
import { day } from "./import-helpers";

const db = useTestDatabase();
const TODAY = "2026-06-15";
const clock = fixedClock(`${TODAY}T03:00:00Z`);
const seed = (adminSlackIds?: string[]) => seedDemoCompany({ db: db.current.prisma, clock, log: silentLog }, { adminSlackIds });

/** Everything the seed writes, without timestamps, in a stable order. */
async function snapshot(prisma: Db) {
  const omit = { createdAt: true, updatedAt: true } as const;
  return {
    branches: await prisma.branch.findMany({ omit, orderBy: { code: "asc" }, include: { workingHours: { orderBy: [{ weekday: "asc" }, { opensAt: "asc" }] }, holidays: { orderBy: { date: "asc" } } } }),
    staff: await prisma.staff.findMany({ omit, orderBy: { slackUserId: "asc" } }),
    customers: await prisma.customer.findMany({ omit, orderBy: { code: "asc" } }),
    equipment: await prisma.equipment.findMany({ omit, orderBy: [{ model: "asc" }, { serial: "asc" }] }),
    contracts: await prisma.contract.findMany({ omit, orderBy: { number: "asc" }, include: { equipment: { select: { id: true }, orderBy: { id: "asc" } } } }),
    parts: await prisma.part.findMany({ omit, orderBy: { partNo: "asc" } }),
    stock: await prisma.partStock.findMany({ orderBy: [{ partId: "asc" }, { branchId: "asc" }] }),
  };
}

describe("the demo company seed", () => {
  // Two whole seeds and two snapshots: more than jest's 5 s default on a shared CI machine.
  it("runs twice and leaves the same data: the second run finds everything unchanged", async () => {
    const first = await seed(["U0REALADMIN"]);
    const before = await snapshot(db.current.prisma);

    const second = await seed(["U0REALADMIN"]);

    expect(Object.values(first).every((counts) => counts.created > 0)).toBe(true);
    expect(Object.values(second).every((counts) => counts.created === 0 && counts.updated === 0 && counts.unchanged > 0)).toBe(true);
    expect(await snapshot(db.current.prisma)).toEqual(before);
  }, 20_000);

  it("gives three branches in different time zones, each with a dispatch channel and its own calendar", async () => {
    await seed();

    const branches = await db.current.prisma.branch.findMany({ orderBy: { code: "asc" }, include: { workingHours: true, holidays: true } });

    expect(branches.map(({ code, timeZone, dispatchChannelId }) => [code, timeZone, dispatchChannelId])).toEqual([
      ["BERLIN", "Europe/Berlin", "C0DEMOBER1"],
      ["SEOUL", "Asia/Seoul", "C0DEMOSEL1"],
      ["SHANGHAI", "Asia/Shanghai", "C0DEMOSHA1"],
    ]);
    const [berlin, seoul] = branches;
    expect(seoul!.workingHours.filter((hours) => hours.weekday === 3).map(({ opensAt, closesAt }) => [opensAt, closesAt]).sort()).toEqual([
      [540, 720],
      [780, 1080],
    ]);
    expect(berlin!.workingHours.filter((hours) => hours.weekday === 6)).toEqual([expect.objectContaining({ opensAt: 540, closesAt: 720 })]);
    expect(seoul!.holidays).toEqual(expect.arrayContaining([expect.objectContaining({ date: day("2026-09-25"), name: "추석" }), expect.objectContaining({ date: day("2027-02-09") })]));
    expect(berlin!.holidays).toEqual(expect.arrayContaining([expect.objectContaining({ date: day("2027-03-26"), name: "Karfreitag" })]));
  });

  it("staffs each branch with a director, dispatchers, technicians and a parts clerk, plus a manager and an admin", async () => {
    await seed();

    const staff = await db.current.prisma.staff.findMany({ include: { branch: true } });
    const holders = (branch: string, role: string) => staff.filter((person) => person.branch.code === branch && person.roles.includes(role as never)).length;

    for (const branch of ["SEOUL", "BERLIN", "SHANGHAI"]) {
      expect(holders(branch, "DIRECTOR")).toBe(1);
      expect(holders(branch, "DISPATCHER")).toBeGreaterThanOrEqual(1);
      expect(holders(branch, "TECHNICIAN")).toBeGreaterThanOrEqual(3);
      expect(holders(branch, "PARTS_CLERK")).toBe(1);
    }
    expect(staff.filter((person) => person.roles.includes("MANAGER"))).toHaveLength(1);
    expect(staff.filter((person) => person.roles.includes("ADMIN"))).toHaveLength(1);
    // R19: Seoul's surveyor calls the customers from its own survey channel.
    expect(holders("SEOUL", "SURVEYOR")).toBe(1);
    expect(await db.current.prisma.branch.findUniqueOrThrow({ where: { code: "SEOUL" } })).toMatchObject({ surveyChannelId: "C0DEMOSEL3" });
    expect(staff.filter((person) => person.roles.includes("TECHNICIAN")).every((technician) => technician.skills.length > 0 && technician.areas.length > 0)).toBe(true);
  });

  it("gives the Slack users in adminSlackIds every role, so they can try the whole procedure", async () => {
    await seed(["U0REALADMIN"]);

    const admin = await db.current.prisma.staff.findUniqueOrThrow({ where: { slackUserId: "U0REALADMIN" } });

    expect([...admin.roles].sort()).toEqual(["ADMIN", "DIRECTOR", "DISPATCHER", "MANAGER", "PARTS_CLERK", "TECHNICIAN"]);
  });

  it("R1: has equipment in warranty, under a live contract, and neither, as of the seeding day", async () => {
    await seed();
    const today = day(TODAY);

    const equipment = await db.current.prisma.equipment.findMany({ include: { customer: { include: { contracts: { include: { equipment: true } } } } } });
    const category = (item: (typeof equipment)[number]) => {
      if (item.warrantyEnd && item.warrantyEnd >= today) return "warranty";
      const live = item.customer.contracts.some(
        (contract) => contract.status === "ACTIVE" && contract.startsOn <= today && contract.endsOn >= today && (contract.equipment.length === 0 || contract.equipment.some((covered) => covered.id === item.id)),
      );
      return live ? "contract" : "paid";
    };

    const counts = equipment.reduce<Record<string, number>>((tally, item) => ({ ...tally, [category(item)]: (tally[category(item)] ?? 0) + 1 }), {});
    expect(counts).toEqual({ warranty: expect.any(Number), contract: expect.any(Number), paid: expect.any(Number) });
    expect(Math.min(...Object.values(counts))).toBeGreaterThanOrEqual(2);
  });

  it("R18: has one live contract that expires within a month", async () => {
    await seed();

    const expiring = await db.current.prisma.contract.findMany({ where: { status: "ACTIVE", endsOn: { gte: day(TODAY), lte: day("2026-07-15") } } });

    expect(expiring).toHaveLength(1);
  });

  it("stocks every part at every branch, with one serialised part", async () => {
    await seed();

    const parts = await db.current.prisma.part.findMany({ include: { stock: true } });

    expect(parts.length).toBeGreaterThanOrEqual(10);
    expect(parts.every((part) => part.stock.length === 3)).toBe(true);
    expect(parts.filter((part) => part.serialised)).toHaveLength(1);
  });

  it("grades customers A, B and C across urban and suburban areas of every branch", async () => {
    await seed();

    const customers = await db.current.prisma.customer.findMany({ include: { branch: true } });

    expect(new Set(customers.map((customer) => customer.grade))).toEqual(new Set(["A", "B", "C"]));
    expect(new Set(customers.map((customer) => `${customer.branch.code} ${customer.area}`))).toEqual(
      new Set(["SEOUL URBAN", "SEOUL SUBURBAN", "BERLIN URBAN", "BERLIN SUBURBAN", "SHANGHAI URBAN", "SHANGHAI SUBURBAN"]),
    );
  });

  it("issue 14: Seoul reads Korean, Berlin English, and two of Seoul's people and one customer chose Chinese", async () => {
    await seed(["U0REALADMIN"]);
    const prisma = db.current.prisma;

    const branches = await prisma.branch.findMany({ orderBy: { code: "asc" } });
    expect(branches.map(({ code, locale }) => [code, locale])).toEqual([
      ["BERLIN", "en"],
      ["SEOUL", "ko"],
      ["SHANGHAI", "zh-CN"],
    ]);
    const chose = await prisma.staff.findMany({ where: { locale: { not: null } }, orderBy: { slackUserId: "asc" } });
    expect(chose.map(({ name, locale }) => [name, locale])).toEqual([
      ["王芳", "zh-CN"],
      ["李伟", "zh-CN"],
    ]);
    expect(await prisma.customer.findMany({ where: { locale: { not: null } }, select: { code: true, locale: true } })).toEqual([{ code: "C-SEL-005", locale: "zh-CN" }]);
    // The demo admins choose for themselves (App Home): Slack's language until then.
    expect(await prisma.staff.findUniqueOrThrow({ where: { slackUserId: "U0REALADMIN" } })).toMatchObject({ locale: null });
  });

  it("issue 14: adds a Chinese branch in Shanghai: Chinese holidays 2026–2027, yuan, its channels, people and customers with Chinese names", async () => {
    await seed();
    const prisma = db.current.prisma;

    const shanghai = await prisma.branch.findUniqueOrThrow({
      where: { code: "SHANGHAI" },
      include: { holidays: { orderBy: { date: "asc" } }, staff: true, customers: true, stock: true },
    });

    expect(shanghai).toMatchObject({ timeZone: "Asia/Shanghai", locale: "zh-CN", currency: "CNY", dispatchChannelId: "C0DEMOSHA1", directorsChannelId: "C0DEMOSHA2" });
    const holiday = (iso: string) => shanghai.holidays.find((entry) => entry.date.getTime() === day(iso).getTime())?.name;
    // R6 counts no working hours on these days.
    expect([holiday("2026-01-01"), holiday("2026-02-17"), holiday("2026-04-05"), holiday("2026-05-04"), holiday("2026-06-19"), holiday("2026-09-25"), holiday("2026-10-06")]).toEqual([
      "元旦",
      "春节",
      "清明节",
      "劳动节",
      "端午节",
      "中秋节",
      "国庆节",
    ]);
    expect(shanghai.holidays.filter((entry) => entry.name === "春节" && entry.date.getUTCFullYear() === 2026)).toHaveLength(9);
    expect(shanghai.holidays.filter((entry) => entry.name === "国庆节" && entry.date.getUTCFullYear() === 2027)).toHaveLength(7);
    expect(new Set(shanghai.holidays.map((entry) => entry.date.getUTCFullYear()))).toEqual(new Set([2026, 2027]));

    const han = /^\p{Script=Han}+/u;
    const holders = (role: string) => shanghai.staff.filter((person) => person.roles.includes(role as never));
    expect(holders("DIRECTOR")).toHaveLength(1);
    expect(holders("DISPATCHER")).toHaveLength(1);
    expect(holders("TECHNICIAN").length).toBeGreaterThanOrEqual(3);
    expect(shanghai.staff.every((person) => han.test(person.name) && person.locale === null)).toBe(true);
    expect(shanghai.customers.length).toBeGreaterThanOrEqual(3);
    expect(shanghai.customers.every((customer) => han.test(customer.name))).toBe(true);
    expect(shanghai.stock.length).toBeGreaterThanOrEqual(10);
  });
});
