import { fixedClock } from "../../../src/clock";
import { AppError } from "../../../src/errors";
import { branchLocale, customerLocale, localeSource, LOCALE_CACHE_MS, readerLocale } from "../../../src/services/locales/resolve-locale";
import { resolveActor } from "../../../src/services/staff/resolve-actor";
import { setStaffLocale } from "../../../src/services/staff/set-locale";
import { useTestDatabase } from "../../support/db";
import { createBranch, createCustomer, createStaff } from "../../support/factories/data";

const db = useTestDatabase();

/** A Slack that knows `locales` and records whom it was asked about. */
function slackLocales(locales: Record<string, string>) {
  const asked: string[] = [];
  const lookup = async (slackUserId: string) => {
    asked.push(slackUserId);
    return locales[slackUserId];
  };
  return { lookup, asked };
}

describe("the reader's language", () => {
  it("is the person's own choice first, without asking Slack", async () => {
    const prisma = db.current.prisma;
    const branch = await createBranch(prisma, { locale: "ko" });
    const staff = await createStaff(prisma, { branchId: branch.id, locale: "zh-CN" });
    const slack = slackLocales({ [staff.slackUserId]: "en-US" });

    expect(await readerLocale({ db: prisma, slackUserLocale: slack.lookup }, { slackUserId: staff.slackUserId })).toBe("zh-CN");
    expect(slack.asked).toEqual([]);
  });

  it("is Slack's language when the person chose none", async () => {
    const prisma = db.current.prisma;
    const branch = await createBranch(prisma, { locale: "zh-CN" });
    const staff = await createStaff(prisma, { branchId: branch.id });
    const slack = slackLocales({ [staff.slackUserId]: "ko-KR" });

    expect(await readerLocale({ db: prisma, slackUserLocale: slack.lookup }, { slackUserId: staff.slackUserId })).toBe("ko");
    expect(slack.asked).toEqual([staff.slackUserId]);
  });

  it("is the branch's when Slack's language is one the bot does not speak, Traditional Chinese included, or unknown", async () => {
    const prisma = db.current.prisma;
    const branch = await createBranch(prisma, { locale: "ko" });
    const taiwanese = await createStaff(prisma, { branchId: branch.id });
    const german = await createStaff(prisma, { branchId: branch.id });
    const unknown = await createStaff(prisma, { branchId: branch.id });
    const slack = slackLocales({ [taiwanese.slackUserId]: "zh-TW", [german.slackUserId]: "de-DE" });
    const deps = { db: prisma, slackUserLocale: slack.lookup };

    expect(await readerLocale(deps, { slackUserId: taiwanese.slackUserId })).toBe("ko");
    expect(await readerLocale(deps, { slackUserId: german.slackUserId })).toBe("ko");
    expect(await readerLocale(deps, { slackUserId: unknown.slackUserId })).toBe("ko");
    // Without a Slack client (the CLI), the branch decides at once.
    expect(await readerLocale({ db: prisma }, { slackUserId: german.slackUserId })).toBe("ko");
  });

  it("is English for someone unregistered whose Slack language is unknown, and Slack's for one it knows", async () => {
    const prisma = db.current.prisma;
    const slack = slackLocales({ U0VISITOR: "zh-Hans-CN" });

    expect(await readerLocale({ db: prisma, slackUserLocale: slack.lookup }, { slackUserId: "U0NOBODY" })).toBe("en");
    expect(await readerLocale({ db: prisma, slackUserLocale: slack.lookup }, { slackUserId: "U0VISITOR" })).toBe("zh-CN");
  });

  it("of a branch is its own, English by default", async () => {
    const prisma = db.current.prisma;
    const seoul = await createBranch(prisma, { locale: "ko" });
    const berlin = await createBranch(prisma);

    expect(await branchLocale({ db: prisma }, seoul.id)).toBe("ko");
    expect(await branchLocale({ db: prisma }, berlin.id)).toBe("en");
  });

  it("of a customer is their own, else their branch's", async () => {
    const prisma = db.current.prisma;
    const seoul = await createBranch(prisma, { locale: "ko" });
    const chinese = await createCustomer(prisma, { branchId: seoul.id, locale: "zh-CN" });
    const korean = await createCustomer(prisma, { branchId: seoul.id });

    expect(await customerLocale({ db: prisma }, chinese.id)).toBe("zh-CN");
    expect(await customerLocale({ db: prisma }, korean.id)).toBe("ko");
  });
});

describe("the locale source the middleware and the outbox ask", () => {
  it("answers for a person by Slack id or staff id in the same order, and for a channel by its branch", async () => {
    const prisma = db.current.prisma;
    const seoul = await createBranch(prisma, { locale: "ko", dispatchChannelId: "C0SELDISP", directorsChannelId: "C0SELDIR", surveyChannelId: "C0SELSURV" });
    const chose = await createStaff(prisma, { branchId: seoul.id, locale: "zh-CN" });
    const follows = await createStaff(prisma, { branchId: seoul.id });
    const slack = slackLocales({ [follows.slackUserId]: "en-GB" });
    const source = localeSource({ db: prisma, slackUserLocale: slack.lookup });

    expect(await source.ofStaff(chose.id)).toBe("zh-CN");
    expect(await source.ofStaff(follows.id)).toBe("en");
    expect(await source.ofPerson(follows.slackUserId)).toBe("en");
    expect(await source.ofStaff(999_999)).toBe("en");
    expect(await Promise.all(["C0SELDISP", "C0SELDIR", "C0SELSURV", "C0ELSEWHERE"].map((channel) => source.ofChannel(channel)))).toEqual(["ko", "ko", "ko", "en"]);
  });
});

describe("the locale source's memory", () => {
  it("keeps an answer for LOCALE_CACHE_MS, forgets a person who changed their language at once, and stays bounded", async () => {
    const prisma = db.current.prisma;
    const seoul = await createBranch(prisma, { locale: "ko", dispatchChannelId: "C0MEMDISP" });
    const person = await createStaff(prisma, { branchId: seoul.id });
    let at = 1_000_000;
    const source = localeSource({ db: prisma, now: () => at });
    expect(await source.ofPerson(person.slackUserId)).toBe("ko");
    expect(await source.ofChannel("C0MEMDISP")).toBe("ko");

    await prisma.staff.update({ where: { id: person.id }, data: { locale: "zh-CN" } });
    await prisma.branch.update({ where: { id: seoul.id }, data: { locale: "en" } });
    expect(await source.ofPerson(person.slackUserId)).toBe("ko"); // remembered: no query per request
    expect(await source.ofChannel("C0MEMDISP")).toBe("ko");
    source.forgetPerson(person.slackUserId);
    expect(await source.ofPerson(person.slackUserId)).toBe("zh-CN");
    at += LOCALE_CACHE_MS + 1;
    expect(await source.ofChannel("C0MEMDISP")).toBe("en");
  });
});

describe("choosing one's language", () => {
  const clock = fixedClock("2026-11-23T01:00:00Z");

  it("stores the choice with an audit row, and clearing it lets Slack's language decide again", async () => {
    const prisma = db.current.prisma;
    const staff = await createStaff(prisma);
    const deps = { db: prisma, clock };

    const actor = await resolveActor({ db: prisma, adminSlackIds: [] }, staff.slackUserId);
    expect(await setStaffLocale(deps, { actor, locale: "ko" })).toEqual({ staffId: staff.id, locale: "ko", changed: true });
    expect(await setStaffLocale(deps, { actor, locale: "ko" })).toMatchObject({ changed: false });
    expect(await setStaffLocale(deps, { actor, locale: null })).toMatchObject({ locale: null, changed: true });

    expect(await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).toMatchObject({ locale: null });
    const audits = await prisma.auditLog.findMany({ where: { action: "staff.set-locale" }, orderBy: { id: "asc" } });
    expect(audits.map(({ actor, entityId, data }) => ({ actor, entityId, data }))).toEqual([
      { actor: staff.slackUserId, entityId: String(staff.id), data: { locale: "ko", previous: null } },
      { actor: staff.slackUserId, entityId: String(staff.id), data: { locale: null, previous: "ko" } },
    ]);
  });

  it("is refused to someone who is not registered", async () => {
    const prisma = db.current.prisma;
    const actor = await resolveActor({ db: prisma, adminSlackIds: ["U0ADMIN"] }, "U0ADMIN");

    await expect(setStaffLocale({ db: prisma, clock }, { actor, locale: "ko" })).rejects.toMatchObject({ code: "FORBIDDEN" } satisfies Partial<AppError>);
  });
});
