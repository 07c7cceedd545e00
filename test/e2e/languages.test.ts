// Issue 14, end to end: a Korean branch's desk through the real HTTP endpoint. Its dispatcher reads
// Korean (Slack's language), registers a call; its technician chose Chinese and reports the visit
// with thread commands typed in Chinese; the channel (ticket message, thread history, directors'
// summary) reads the branch's Korean, and what one person reads follows that person.
import { directorSummaryJob } from "../../src/jobs/director-summary";
import { runJob } from "../../src/jobs/runner";
import { messagesFor } from "../../src/views/messages";
import { ACTIONS, BLOCKS, INPUTS } from "../../src/views/ids";
import type { FakeMessage } from "../../src/sandbox/slack";
import { useTestApp } from "../support/app-harness";
import { eventually } from "../support/eventually";
import { createBranchWithCalendar, createCustomer, createEquipment, createPart, createStaff } from "../support/factories/data";
import { jobDeps } from "../integration/jobs/job-helpers";
import { untilDelivered } from "../support/outbox";
import { enqueueTicketLine } from "../../src/services/outbox/enqueue";
import { createTicket } from "../support/factories/data";

jest.setTimeout(20_000);

const DISPATCH = "C0SEOULDSP";
const DIRECTORS = "C0SEOULDIR";
const ko = messagesFor("ko");
const zh = messagesFor("zh-CN");

const app = useTestApp({
  now: "2026-11-23T01:00:00Z", // Monday 10:00 in Seoul
  fake: {
    echoBotMessages: true,
    users: {
      U0DISP: { name: "park.jisoo", locale: "ko-KR" },
      U0TECH1: { name: "wang.wei", locale: "en-US" },
      U0DIR: { name: "choi.director", locale: "ko-KR" },
      U0MGR: { name: "manager", locale: "en-US" },
    },
    channels: { [DISPATCH]: { name: "dispatch-seoul" }, [DIRECTORS]: { name: "directors-seoul" } },
  },
});

async function seoulDesk() {
  const prisma = app.current.database.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", name: "서울 서비스센터", timeZone: "Asia/Seoul", dispatchChannelId: DISPATCH, directorsChannelId: DIRECTORS, locale: "ko" });
  // The dispatcher chose nothing: Slack's Korean applies. The technician chose Chinese in App Home.
  const dispatcher = await createStaff(prisma, { slackUserId: "U0DISP", name: "박지수", branchId: branch.id, roles: ["DISPATCHER"] });
  const technician = await createStaff(prisma, { slackUserId: "U0TECH1", name: "王伟", branchId: branch.id, roles: ["TECHNICIAN"], areas: ["URBAN"], locale: "zh-CN" });
  await createStaff(prisma, { slackUserId: "U0DIR", name: "최민준", branchId: branch.id, roles: ["DIRECTOR"] });
  await createStaff(prisma, { slackUserId: "U0MGR", name: "Manager", branchId: branch.id, roles: ["MANAGER"], locale: "en" });
  const customer = await createCustomer(prisma, { name: "한빛식품", phone: "02-555-0101", area: "URBAN", grade: "A", branchId: branch.id });
  await createEquipment(prisma, { customerId: customer.id, model: "AC-900", serial: "SN-1001", acceptanceDate: new Date("2026-01-10"), warrantyEnd: new Date("2027-01-10") });
  const part = await createPart(prisma, { partNo: "P-1001", name: "기동 릴레이", stock: [{ branchId: branch.id, quantity: 3 }] });
  return { branch, dispatcher, technician, customer, part };
}

const text = (value: unknown) => JSON.stringify(value);

async function say(user: string, threadTs: string, words: string) {
  const result = await app.current.slack.driver.sendEvent({ type: "message", user, channel: DISPATCH, thread_ts: threadTs, text: words });
  expect(result.problems).toEqual([]);
  return String((result.payload.event as unknown as { ts: string }).ts);
}

function reactionsOn(ts: string): string[] {
  return app.current.slack.messagesIn(DISPATCH).find((m) => m.ts === ts)?.reactions?.map((r) => r.name) ?? [];
}

function thread(threadTs: string): FakeMessage[] {
  return app.current.slack.messagesIn(DISPATCH).filter((m) => m.thread_ts === threadTs && m.ts !== threadTs);
}

describe("a Korean branch with a Chinese technician (issue 14)", () => {
  it("the dispatcher registers in Korean, the technician reports in Chinese, the channel and the summary read Korean", async () => {
    const desk = await seoulDesk();
    const { slack } = app.current;
    const prisma = app.current.database.prisma;

    // `/repair 신규` (new) opens the intake form in the dispatcher's Korean.
    const opened = await slack.driver.sendCommand({ text: "신규", userId: "U0DISP", channelId: DISPATCH });
    expect(opened.problems).toEqual([]);
    let modal = await slack.waitFor((fake) => fake.openModal("U0DISP"));
    expect(modal.title?.text).toBe(ko.intake.titleNew);
    expect(modal.submit?.text).toBe(ko.intake.submitNew);

    // The customer type-ahead finds 한빛식품 by its initial consonants (ㅎㅂ).
    const found = await slack.driver.sendBlockSuggestion({ userId: "U0DISP", view: modal, actionId: ACTIONS.intakeCustomerSelect, blockId: BLOCKS.intakeCustomer, value: "ㅎㅂ" });
    expect(text(found.body)).toContain("한빛식품");

    await slack.driver.sendBlockActions({ userId: "U0DISP", view: modal, actions: [{ action_id: ACTIONS.intakeCustomerSelect, block_id: BLOCKS.intakeCustomer, value: String(desk.customer.id) }] });
    modal = await slack.waitFor((fake) => {
      const view = fake.openModal("U0DISP");
      return view && text(view).includes("SN-1001") ? view : undefined;
    });
    const submitted = await slack.driver.sendViewSubmission({ userId: "U0DISP", view: modal, values: { [BLOCKS.intakeFault]: { [INPUTS.fault]: "압축기가 10분 후에 멈춤" } } });
    expect(submitted.problems).toEqual([]);
    const ticket = await eventually(async () => (await prisma.ticket.count()) === 1).then(() => prisma.ticket.findFirstOrThrow());

    // The ticket message reads the branch's Korean.
    const posted = await slack.waitFor((fake) => fake.messagesIn(DISPATCH).find((m) => m.text.includes(ticket.voucherNo)));
    expect(text(posted.blocks)).toContain(ko.ticket.header(ticket.voucherNo, ko.status.REGISTERED));
    expect(text(posted.blocks)).toContain(ko.ticket.customer);

    // Assigned to 王伟: his DM is in Chinese, the channel's message stays Korean.
    await slack.driver.sendBlockActions({ userId: "U0DISP", message: posted, actions: [{ action_id: ACTIONS.ticketAssign }] });
    const assign = await slack.waitFor((fake) => (fake.openModal("U0DISP")?.title?.text === ko.assign.title ? fake.openModal("U0DISP") : undefined));
    await slack.driver.sendViewSubmission({ userId: "U0DISP", view: assign, values: { [BLOCKS.assignTechnician]: { [INPUTS.technician]: String(desk.technician.id) } } });
    const dm = await slack.waitFor((fake) => fake.messagesIn("D0TECH1")[0]);
    expect(text(dm.blocks)).toContain(zh.ticket.customer);
    expect(text(dm.blocks)).not.toContain(ko.ticket.customer);
    await slack.waitFor((fake) => (text(fake.messagesIn(DISPATCH)[0].blocks).includes(ko.status.ASSIGNED) ? true : undefined));

    // He accepts, then types the field commands in Chinese in the ticket's thread.
    await slack.driver.sendBlockActions({ userId: "U0TECH1", message: dm, actions: [{ action_id: ACTIONS.ticketAccept }] });
    await eventually(async () => (await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status === "ACCEPTED");
    const threadTs = posted.ts;
    const arrived = await say("U0TECH1", threadTs, "到达");
    await slack.waitFor(() => (reactionsOn(arrived).length ? true : undefined));
    const hours = await say("U0TECH1", threadTs, "工时 １．５小时");
    await slack.waitFor(() => (reactionsOn(hours).includes("white_check_mark") ? true : undefined));
    // A refusal is told to him, in his Chinese.
    await say("U0TECH1", threadTs, "配件 P-1001 x5");
    const refused = zh.threadReplies.notEnoughStock("P-1001", 5, 3);
    await slack.waitFor((fake) => (fake.ephemeralsFor("U0TECH1").some((e) => e.text.includes(refused)) || thread(threadTs).some((m) => m.text.includes(refused)) ? true : undefined));
    const part = await say("U0TECH1", threadTs, "配件 P-1001 x2");
    await slack.waitFor(() => (reactionsOn(part).includes("white_check_mark") ? true : undefined));
    const done = await say("U0TECH1", threadTs, "完成 签字 李娜");
    await slack.waitFor(() => (reactionsOn(done).includes("white_check_mark") ? true : undefined));
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "RESOLVED", outcome: "FIXED_ON_SITE" });

    // The thread's history, which the channel reads, is in Korean; no English line in it.
    await untilDelivered(prisma);
    const history = thread(threadTs).filter((m) => m.user !== "U0TECH1");
    expect(history.length).toBeGreaterThan(2);
    expect(history.some((m) => /[가-힣]/.test(m.text))).toBe(true);
    expect(text(slack.messagesIn(DISPATCH)[0].blocks)).toContain(ko.status.RESOLVED);

    // After the Seoul closing, the directors' summary is posted in Korean.
    app.current.clock.set(new Date("2026-11-23T09:35:00Z"));
    await runJob(jobDeps(prisma, app.current.clock), directorSummaryJob);
    await untilDelivered(prisma);
    const [summary] = slack.messagesIn(DIRECTORS);
    expect(text(summary.blocks)).toContain(ko.directorSummary.summary.header("서울 서비스센터", "2026-11-23"));
    expect(summary.text).toBe(ko.directorSummary.summary.fallback("서울 서비스센터", "2026-11-23"));

    // R17: the director (Slack's Korean) is refused the sign-off privately, in Korean.
    const refusedClick = await slack.driver.sendBlockActions({ userId: "U0DIR", message: summary, actions: [{ action_id: ACTIONS.directorReportSignOff }] });
    const [refusal] = await slack.waitFor((fake) => (fake.responsesTo(refusedClick.responseUrl!).length ? fake.responsesTo(refusedClick.responseUrl!) : undefined));
    expect(text(refusal.body)).toMatch(/[가-힣]/);
    // The manager, who chose English, signs it off: the channel's message stays in the branch's Korean.
    await slack.driver.sendBlockActions({ userId: "U0MGR", message: summary, actions: [{ action_id: ACTIONS.directorReportSignOff }] });
    const signed = await slack.waitFor((fake) => {
      const [shown] = fake.messagesIn(DIRECTORS);
      return text(shown.blocks).includes(ACTIONS.directorReportSignOff) ? undefined : shown;
    });
    expect(text(signed.blocks)).toContain(ko.directorSummary.summary.header("서울 서비스센터", "2026-11-23"));
    expect(text(signed.blocks)).not.toContain("Signed off by");
  });

  it("R11: the custody receipt in a Korean channel is written in its Chinese customer's language; the other lines stay Korean", async () => {
    const desk = await seoulDesk();
    const prisma = app.current.database.prisma;
    await prisma.customer.update({ where: { id: desk.customer.id }, data: { locale: "zh-CN" } });
    const ticket = await createTicket(prisma, { branchId: desk.branch.id, customerId: desk.customer.id, status: "IN_WORKSHOP", assignedTechnicianId: desk.technician.id });
    const receipt = { id: 1, number: `${ticket.voucherNo}-R1`, items: "AC-900", condition: "OK", accessories: null, receivedAt: new Date("2026-11-23T01:00:00Z") };
    await enqueueTicketLine(prisma, { ticketId: ticket.id, line: { kind: "custody-receipt", receipt } });
    await enqueueTicketLine(prisma, { ticketId: ticket.id, line: { kind: "custody-state", number: receipt.number, to: "REPAIRED" } });
    await untilDelivered(prisma);
    const [message] = app.current.slack.messagesIn(DISPATCH);
    const lines = thread(message.ts);
    expect(lines).toHaveLength(2);
    expect(lines[0].text).toBe(zh.workReport.receipt.text(receipt.number));
    expect(lines[1].text).toMatch(/[가-힣]/);
    expect(lines[1].text).not.toMatch(/[\u4e00-\u9fff]{2}/);
  });
});
