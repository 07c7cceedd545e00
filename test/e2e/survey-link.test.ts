// R20 beyond the procedure, end to end: with PUBLIC_URL set, Record survey offers a link for the
// customer; the link, pushed over the modal, opens the bot's page, which records the answer once,
// updates the list's line in place and, for an answer below satisfied, registers the complaint (R21).
import { request } from "node:http";
import { runJob } from "../../src/jobs/runner";
import { surveyListJob } from "../../src/jobs/survey-list";
import { ACTIONS, BLOCKS, VIEWS } from "../../src/views/ids";
import { useTestApp } from "../support/app-harness";
import { createBranchWithCalendar, createStaff, createTechnician, createTicket } from "../support/factories/data";
import { jobDeps } from "../integration/jobs/job-helpers";
import { untilDelivered } from "../support/outbox";

const SURVEYS = "C0SEOULSRV";
const PUBLIC_URL = "https://desk.example.test";
const MONDAY_0905 = "2026-11-23T00:05:00Z";

const t = useTestApp({
  now: MONDAY_0905,
  publicUrl: PUBLIC_URL,
  fake: { channels: { [SURVEYS]: { name: "surveys-seoul" }, C0SEOULDSP: { name: "dispatch-seoul" } }, users: { U0SURV: { name: "surveyor" }, U0TECH: { name: "technician" } } },
});

async function listedCall() {
  const { prisma } = t.current.database;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", timeZone: "Asia/Seoul", dispatchChannelId: "C0SEOULDSP", surveyChannelId: SURVEYS });
  const technician = await createTechnician(prisma, { branchId: branch.id, slackUserId: "U0TECH", name: "Minsu Kim" });
  await createStaff(prisma, { branchId: branch.id, roles: ["SURVEYOR"], slackUserId: "U0SURV" });
  const call = await createTicket(prisma, { branchId: branch.id, status: "CLOSED", assignedTechnicianId: technician.id, receivedAt: new Date("2026-11-20T02:00:00Z"), closedAt: new Date("2026-11-20T06:00:00Z") });
  await runJob(jobDeps(prisma, t.current.clock), surveyListJob, { branchCode: "SEOUL" });
  await untilDelivered(prisma);
  const [list] = t.current.slack.messagesIn(SURVEYS);
  return { call, list };
}

/** Record survey, then "Link for the customer" in the modal: the address shown in the pushed view. */
async function customerLink(list: { blocks?: unknown }) {
  const { slack } = t.current;
  const line = (list.blocks as Array<{ block_id?: string }>).find((block) => block.block_id?.startsWith(BLOCKS.surveyLinePrefix))!;
  await slack.driver.sendBlockActions({ userId: "U0SURV", message: list as never, actions: [{ action_id: ACTIONS.surveyRecord, block_id: line.block_id }] });
  const modal = await slack.waitFor((fake) => fake.openModal("U0SURV"));
  expect(JSON.stringify(modal.blocks)).toContain(ACTIONS.surveyCustomerLink);
  const click = await slack.driver.sendBlockActions({ userId: "U0SURV", view: modal, actions: [{ action_id: ACTIONS.surveyCustomerLink, block_id: BLOCKS.surveyLinkOffer }] });
  expect(click.problems).toEqual([]);
  const pushed = await slack.waitFor((fake) => fake.modalStack("U0SURV").find((view) => view.callback_id === VIEWS.surveyLink));
  expect(slack.modalStack("U0SURV").map((view) => view.callback_id)).toEqual([VIEWS.surveyRecord, VIEWS.surveyLink]);
  const url = /https:\/\/desk\.example\.test\/survey\/[A-Za-z0-9_-]{43}/.exec(JSON.stringify(pushed.blocks))?.[0];
  expect(url).toBeDefined();
  // PUBLIC_URL is the address a proxy gives the bot's port: here, the port itself.
  return url!.replace(PUBLIC_URL, t.current.url);
}

function answer(url: string, fields: Record<string, string>) {
  return fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
}

const SATISFIED = { attitude: "VERY_SATISFIED", skill: "SATISFIED", arrivalTime: "SATISFIED", promiseKeeping: "SATISFIED" };

describe("the customer's survey link (R20)", () => {
  it("R20: the surveyor gets a link; the customer answers on the page once; the list's line shows the answer", async () => {
    const { call, list } = await listedCall();
    const url = await customerLink(list);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await page.text();
    expect(html).toContain(call.voucherNo);
    expect(html).toContain("Minsu");
    expect(html).not.toContain("<script");

    const answered = await answer(url, { ...SATISFIED, comment: "Quick and polite", lang: "en" });
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain("Thank you");
    await untilDelivered(t.current.database.prisma);

    const survey = await t.current.database.prisma.survey.findFirstOrThrow({ where: { ticketId: call.id } });
    expect(survey).toMatchObject({ outcome: "ANSWERED", method: "LINK", comment: "Quick and polite", ...SATISFIED });
    const [shown] = t.current.slack.messagesIn(SURVEYS);
    expect(JSON.stringify(shown.blocks)).not.toContain(ACTIONS.surveyRecord);
    expect(JSON.stringify(shown.blocks)).toContain("Answered, recorded by the customer, on the survey page");

    const again = await answer(url, { ...SATISFIED, attitude: "VERY_DISSATISFIED" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already been answered");
    expect((await fetch(url)).status).toBe(200);
    expect(await t.current.database.prisma.complaint.count()).toBe(0);
  });

  it("R20/R21: an answer below satisfied on the page registers a complaint from the survey, with its own message", async () => {
    const { call, list } = await listedCall();
    const url = await customerLink(list);
    expect((await answer(url, { ...SATISFIED, arrivalTime: "VERY_DISSATISFIED", comment: "Two hours late" })).status).toBe(200);
    await untilDelivered(t.current.database.prisma);
    const complaint = await t.current.database.prisma.complaint.findFirstOrThrow();
    expect(complaint).toMatchObject({ ticketId: call.id, source: "SURVEY", severity: "GENERAL" });
    expect(complaint.number).toMatch(/^CP-2026-\d{4}$/);
  });

  it("R20: a form without every answer is shown again with the questions marked, and nothing is recorded", async () => {
    const { call, list } = await listedCall();
    const url = await customerLink(list);
    const partial = await answer(url, { attitude: "SATISFIED", lang: "ko" });
    expect(partial.status).toBe(422);
    const html = await partial.text();
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain('<fieldset id="skill" class="problem">');
    expect((await t.current.database.prisma.survey.findFirstOrThrow({ where: { ticketId: call.id } })).outcome).toBeNull();
  });

  it("R20: an oversized or wrongly typed request to the page is refused, never passed to Slack's endpoint", async () => {
    await listedCall();
    const big = await fetch(`${t.current.url}/survey/${"a".repeat(43)}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "comment=" + "x".repeat(64 * 1024) });
    expect(big.status).toBe(413);
    expect((await fetch(`${t.current.url}/survey/x`, { method: "DELETE" })).status).toBe(405);
    expect((await fetch(`${t.current.url}/survey/x`)).status).toBe(404);
  });

  it("odd request targets get an answer, and the bot stays up", async () => {
    const statusOf = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port: t.current.port, path, method: "GET", headers: { cookie: "survey_lang=%E0%A4%A; x=1", "accept-language": ";q=,,zh;q=abc" } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end();
      });
    expect(await statusOf("//")).toBe(404);
    expect(await statusOf("//evil.example/survey/x")).toBe(404);
    expect(await statusOf("/survey/%zz?lang=%zz&lang=ko")).toBe(404);
    expect(await statusOf(`/survey/${"a".repeat(43)}?`)).toBe(404);
    expect((await fetch(`${t.current.url}/healthz`)).status).toBe(200);
  });
});

describe("without PUBLIC_URL", () => {
  const plain = useTestApp({ now: MONDAY_0905, fake: { channels: { [SURVEYS]: { name: "surveys-seoul" } }, users: { U0SURV: { name: "surveyor" } } } });

  it("R20: Record survey offers no link", async () => {
    const { prisma } = plain.current.database;
    const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", timeZone: "Asia/Seoul", surveyChannelId: SURVEYS });
    await createStaff(prisma, { branchId: branch.id, roles: ["SURVEYOR"], slackUserId: "U0SURV" });
    await createTicket(prisma, { branchId: branch.id, status: "CLOSED", receivedAt: new Date("2026-11-20T02:00:00Z"), closedAt: new Date("2026-11-20T06:00:00Z") });
    await runJob(jobDeps(prisma, plain.current.clock), surveyListJob, { branchCode: "SEOUL" });
    await untilDelivered(prisma);
    const [list] = plain.current.slack.messagesIn(SURVEYS);
    const line = (list.blocks as Array<{ block_id?: string }>).find((block) => block.block_id?.startsWith(BLOCKS.surveyLinePrefix))!;
    await plain.current.slack.driver.sendBlockActions({ userId: "U0SURV", message: list, actions: [{ action_id: ACTIONS.surveyRecord, block_id: line.block_id }] });
    const modal = await plain.current.slack.waitFor((fake) => fake.openModal("U0SURV"));
    expect(JSON.stringify(modal.blocks)).not.toContain(ACTIONS.surveyCustomerLink);
  });
});
