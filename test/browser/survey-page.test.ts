// The customer's survey page in a real browser (R20): the form answered on a phone-sized screen,
// in Korean; the link used, expired and wrong; answers left out kept and marked.
import { hashSurveyToken, newSurveyToken } from "../../src/domain/survey-link";
import { useTestApp } from "../support/app-harness";
import { useBrowser } from "../support/browser";
import { createBranchWithCalendar, createTechnician, createTicket } from "../support/factories/data";

const t = useTestApp({ now: "2026-11-24T01:00:00Z" });
const browser = useBrowser();

/** A closed call with its survey and one link for the customer, valid 14 days. */
async function surveyLink() {
  const { prisma } = t.current.database;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", name: "Seoul" });
  const technician = await createTechnician(prisma, { branchId: branch.id, name: "Minsu Kim", slackUserId: "U0TECH1" });
  const ticket = await createTicket(prisma, { branchId: branch.id, status: "CLOSED", closedAt: new Date("2026-11-23T08:00:00Z"), receivedAt: new Date("2026-11-23T01:00:00Z") });
  const survey = await prisma.survey.create({ data: { ticketId: ticket.id, technicianId: technician.id, dueOn: new Date("2026-11-24T00:00:00Z") } });
  const token = newSurveyToken();
  const now = t.current.clock.now();
  await prisma.surveyLink.create({ data: { surveyId: survey.id, tokenHash: hashSurveyToken(token), createdAt: now, expiresAt: new Date(now.getTime() + 14 * 86_400_000) } });
  return { survey, ticket, url: `${t.current.url}/survey/${token}` };
}

async function phonePage(locale = "en-US") {
  const context = await browser.current.newContext({ viewport: { width: 390, height: 844 }, locale, isMobile: true, hasTouch: true });
  return context.newPage();
}

describe("the customer's survey page in a browser (R20)", () => {
  it("R20: a customer answers in Korean on a phone; the answers are stored and the link is then used", async () => {
    const { survey, ticket, url } = await surveyLink();
    const page = await phonePage("en-US");
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    expect(await page.textContent("main")).toContain(ticket.voucherNo);
    expect(await page.textContent("main")).toContain("Minsu");

    await page.click("text=한국어");
    expect(await page.getAttribute("html", "lang")).toBe("ko");
    // As a customer does: by the words next to the choice.
    await page.locator("#attitude").getByLabel("매우 만족", { exact: true }).check();
    await page.locator("#skill").getByLabel("만족", { exact: true }).check();
    await page.locator("#arrivalTime input[value=DISSATISFIED]").check();
    await page.locator("#promiseKeeping input[value=SATISFIED]").check();
    await page.fill("textarea[name=comment]", "조금 늦었지만 친절했어요");
    await page.click("button[type=submit]");
    await page.waitForSelector("text=감사합니다");

    const stored = await t.current.database.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } });
    expect(stored).toMatchObject({ attitude: "VERY_SATISFIED", skill: "SATISFIED", arrivalTime: "DISSATISFIED", promiseKeeping: "SATISFIED", comment: "조금 늦었지만 친절했어요" });
    expect(stored.respondedAt).toEqual(t.current.clock.now());

    const again = await page.goto(url);
    expect(again?.status()).toBe(200);
    expect(await page.textContent("h1")).toBe("이미 응답하신 조사입니다");
    await page.context().close();
  });

  it("R20: a question left out is marked, and what was chosen and typed stays", async () => {
    const { survey, url } = await surveyLink();
    const page = await phonePage("zh-CN");
    await page.goto(url);
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    await page.locator("#attitude input[value=SATISFIED]").check();
    await page.fill("textarea[name=comment]", "很好");
    const [response] = await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
    expect(response?.status()).toBe(422);
    expect(await page.getAttribute("#skill", "class")).toBe("problem");
    expect(await page.isChecked("#attitude input[value=SATISFIED]")).toBe(true);
    expect(await page.inputValue("textarea[name=comment]")).toBe("很好");
    expect((await t.current.database.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).respondedAt).toBeNull();
    await page.context().close();
  });

  it("R20: a link past its 14 days says so politely and records nothing", async () => {
    const { url } = await surveyLink();
    t.current.clock.set(new Date("2026-12-08T01:00:01Z"));
    const page = await phonePage();
    const response = await page.goto(url);
    expect(response?.status()).toBe(410);
    expect(await page.textContent("h1")).toBe("This link has expired");
    expect(await page.locator("form").count()).toBe(0);
    await page.context().close();
  });

  it("R20: a wrong or mangled token finds nothing", async () => {
    await surveyLink();
    const page = await phonePage();
    for (const token of [newSurveyToken(), "not-a-token", "%2e%2e%2fetc"]) {
      const response = await page.goto(`${t.current.url}/survey/${token}`);
      expect(response?.status()).toBe(404);
      expect(await page.textContent("h1")).toBe("Link not found");
    }
    await page.context().close();
  });
});
