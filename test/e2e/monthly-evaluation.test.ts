// The technicians' monthly evaluation end to end (R20, R22): on the month's first working day (a
// weekend and a holiday first) the job posts the previous month once in the directors' channel; a
// manager signs it off by button, a director is refused; `/repair evaluation` shows it privately to
// a director (a month, a technician) and refuses a technician.
import { monthlyEvaluationJob } from "../../src/jobs/monthly-evaluation";
import { runJob } from "../../src/jobs/runner";
import { ACTIONS } from "../../src/views/ids";
import { useTestApp } from "../support/app-harness";
import { createBranchWithCalendar, createCustomer, createStaff, createTicket } from "../support/factories/data";
import { jobDeps } from "../integration/jobs/job-helpers";
import { untilDelivered } from "../support/outbox";

const DIRECTORS = "C0SEOULDIR";
// 1 Nov 2026 is a Sunday and the branch is closed on Monday the 2nd (a holiday): Tuesday the 3rd is
// the first working day; the branch closes at 18:00 (09:00Z) and the evaluation follows at 18:30.
const t = useTestApp({
  now: "2026-11-01T03:00:00Z",
  fake: {
    channels: { [DIRECTORS]: { name: "directors-seoul" }, C0SEOULDSP: { name: "dispatch-seoul" } },
    users: { U0MGR1: { name: "manager.one" }, U0DIR1: { name: "director.one" }, U0KIM: { name: "kim.minho" }, U0LEE: { name: "lee.jiwoo" } },
  },
});

async function seedOctober() {
  const { prisma } = t.current.database;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", name: "Seoul", dispatchChannelId: "C0SEOULDSP", directorsChannelId: DIRECTORS, holidays: ["2026-11-02"] });
  await createStaff(prisma, { branchId: branch.id, roles: ["MANAGER"], slackUserId: "U0MGR1" });
  await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], slackUserId: "U0DIR1" });
  const kim = await createStaff(prisma, { branchId: branch.id, roles: ["TECHNICIAN"], slackUserId: "U0KIM", name: "Kim Minho" });
  const lee = await createStaff(prisma, { branchId: branch.id, roles: ["TECHNICIAN"], slackUserId: "U0LEE", name: "Lee Jiwoo" });
  const customer = await createCustomer(prisma, { branchId: branch.id });
  const closed = (technicianId: number, closedAt: string, category: "A_PAID" | "C_WARRANTY") =>
    createTicket(prisma, {
      branchId: branch.id,
      customerId: customer.id,
      receivedAt: new Date("2026-10-05T01:00:00Z"),
      status: "CLOSED",
      category,
      suggestedCategory: category,
      closedAt: new Date(closedAt),
      assignedTechnicianId: technicianId,
      arrivalDeadline: new Date("2026-10-05T07:00:00Z"),
      arrivedAt: new Date("2026-10-05T06:00:00Z"),
    });
  const k1 = await closed(kim.id, "2026-10-06T03:00:00Z", "C_WARRANTY");
  await closed(kim.id, "2026-10-07T03:00:00Z", "A_PAID");
  await prisma.survey.create({ data: { ticketId: k1.id, technicianId: kim.id, dueOn: new Date("2026-10-07"), outcome: "ANSWERED", respondedAt: new Date("2026-10-07T02:00:00Z"), attitude: "VERY_SATISFIED", skill: "SATISFIED", arrivalTime: "SATISFIED", promiseKeeping: "SATISFIED" } });
  await prisma.workLog.create({ data: { technicianId: kim.id, workDate: new Date("2026-10-06T00:00:00Z"), category: "C_WARRANTY", hours: 2.5 } });
  // Lee: a substantiated complaint in October → R22's first warning.
  await prisma.complaint.create({ data: { customerId: customer.id, technicianId: lee.id, severity: "GENERAL", description: "Rude on the phone", receivedAt: new Date("2026-10-20T02:00:00Z"), substantiated: true } });
  return { branch };
}

/** One scheduler tick at `iso`, then the outbox's deliveries. */
async function tickAt(iso: string) {
  const { prisma } = t.current.database;
  t.current.clock.set(iso);
  const outcomes = await runJob(jobDeps(prisma, t.current.clock), monthlyEvaluationJob, { dueOnly: true });
  await untilDelivered(prisma);
  return outcomes.map((outcome) => outcome.outcome);
}

async function evaluationPosted() {
  await seedOctober();
  expect(await tickAt("2026-11-03T09:35:00Z")).toEqual(["ran"]);
  const [message] = t.current.slack.messagesIn(DIRECTORS);
  return { message };
}

async function replyTo(responseUrl: string) {
  const [reply] = await t.current.slack.waitFor((fake) => (fake.responsesTo(responseUrl).length ? fake.responsesTo(responseUrl) : undefined));
  return JSON.stringify(reply.body);
}

describe("the monthly evaluation in Slack (R20, R22)", () => {
  it("R20: nothing on the Sunday the 1st nor on the Monday holiday; posted once after Tuesday's closing, not again on Wednesday", async () => {
    await seedOctober();
    expect(await tickAt("2026-11-01T10:00:00Z")).toEqual(["not-due"]);
    expect(await tickAt("2026-11-02T09:35:00Z")).toEqual(["not-due"]);
    expect(await tickAt("2026-11-03T01:00:00Z")).toEqual(["not-due"]); // Tuesday morning: the day's surveys are still being made
    expect(t.current.slack.messagesIn(DIRECTORS)).toHaveLength(0);

    expect(await tickAt("2026-11-03T09:35:00Z")).toEqual(["ran"]);
    expect(await tickAt("2026-11-03T09:40:00Z")).toEqual(["skipped-claimed"]);
    expect(await tickAt("2026-11-04T09:35:00Z")).toEqual(["skipped-claimed"]);
    const messages = t.current.slack.messagesIn(DIRECTORS);
    expect(messages).toHaveLength(1);
    const blocks = JSON.stringify(messages[0].blocks);
    expect(blocks).toContain("Monthly evaluation: Seoul, 2026-10");
    expect(blocks).toContain("<@U0KIM> · calls closed 2 · surveys 1/2 50% ✗ · warranty 1/1 100% ✓");
    expect(blocks).toContain("on time 2/2 100% ✓");
    expect(blocks).toContain("C 2.5");
    expect(blocks).toContain("<@U0LEE>");
    expect(blocks).toContain("R22: first warning");
    expect(blocks).toContain(ACTIONS.evaluationSignOff);
  });

  it("R20: a manager signs it off by button; the message names them and loses the button", async () => {
    const { message } = await evaluationPosted();
    const click = await t.current.slack.driver.sendBlockActions({ userId: "U0MGR1", message, actions: [{ action_id: ACTIONS.evaluationSignOff }] });
    expect(click.problems).toEqual([]);
    const updated = await t.current.slack.waitFor((fake) => {
      const [shown] = fake.messagesIn(DIRECTORS);
      return JSON.stringify(shown.blocks).includes("Signed off by <@U0MGR1> at <!date^") ? shown : undefined;
    });
    expect(JSON.stringify(updated.blocks)).not.toContain(ACTIONS.evaluationSignOff);
    const report = await t.current.database.prisma.evaluationReport.findFirstOrThrow({ include: { signedOffBy: true } });
    expect(report).toMatchObject({ month: "2026-10", signedOffAt: t.current.clock.now(), signedOffBy: { slackUserId: "U0MGR1" } });
  });

  it("R20: two managers clicking at once: one signs, the other is told who signed first, privately", async () => {
    const { message } = await evaluationPosted();
    const branch = await t.current.database.prisma.branch.findFirstOrThrow();
    await createStaff(t.current.database.prisma, { branchId: branch.id, roles: ["MANAGER"], slackUserId: "U0MGR2" });
    const clicks = await Promise.all(["U0MGR1", "U0MGR2"].map((userId) => t.current.slack.driver.sendBlockActions({ userId, message, actions: [{ action_id: ACTIONS.evaluationSignOff }] })));
    await t.current.slack.waitFor((fake) => (JSON.stringify(fake.messagesIn(DIRECTORS)[0].blocks).includes("Signed off by") ? true : undefined));
    const report = await t.current.database.prisma.evaluationReport.findFirstOrThrow({ include: { signedOffBy: true } });
    const winner = report.signedOffBy!.slackUserId;
    const loser = clicks[winner === "U0MGR1" ? 1 : 0];
    expect(await replyTo(loser.responseUrl!)).toContain(`already signed off by <@${winner}>`);
  });

  it("R20: a director's click is refused privately and nothing is signed", async () => {
    const { message } = await evaluationPosted();
    const click = await t.current.slack.driver.sendBlockActions({ userId: "U0DIR1", message, actions: [{ action_id: ACTIONS.evaluationSignOff }] });
    expect(await replyTo(click.responseUrl!)).toContain("Only managers can sign off the monthly evaluation");
    expect(await t.current.database.prisma.evaluationReport.findFirstOrThrow()).toMatchObject({ signedOffAt: null });
    expect(JSON.stringify(t.current.slack.messagesIn(DIRECTORS)[0].blocks)).toContain(ACTIONS.evaluationSignOff);
  });
});

describe("/repair evaluation (R20, R22)", () => {
  it("R20: a director sees the previous month privately by default", async () => {
    await seedOctober();
    t.current.clock.set("2026-11-10T01:00:00Z");
    const result = await t.current.slack.driver.sendCommand({ command: "/repair", text: "evaluation", userId: "U0DIR1" });
    expect(result.problems).toEqual([]);
    const reply = await replyTo(result.responseUrl!);
    expect(reply).toContain('"response_type":"ephemeral"');
    expect(reply).toContain("Monthly evaluation: Seoul, 2026-10");
    expect(reply).toContain("<@U0KIM>");
    expect(reply).toContain("<@U0LEE>");
    expect(reply).not.toContain(ACTIONS.evaluationSignOff);
    expect(t.current.slack.messagesIn(DIRECTORS)).toHaveLength(0);
  });

  it("R20/R22: a director asks for a month and one technician (a mention)", async () => {
    await seedOctober();
    t.current.clock.set("2026-12-10T01:00:00Z");
    const result = await t.current.slack.driver.sendCommand({ command: "/repair", text: "evaluation 2026-10 <@U0LEE|lee.jiwoo>", userId: "U0DIR1" });
    const reply = await replyTo(result.responseUrl!);
    expect(reply).toContain("Monthly evaluation: Lee Jiwoo, 2026-10");
    expect(reply).toContain("complaints 1 (substantiated 1)");
    expect(reply).toContain("R22: first warning");
    expect(reply).not.toContain("<@U0KIM>");
  });

  it("R20: a technician named by name as typed, and a month without data", async () => {
    await seedOctober();
    const result = await t.current.slack.driver.sendCommand({ command: "/repair", text: "evaluation @kim.minho 2026-09", userId: "U0MGR1" });
    const reply = await replyTo(result.responseUrl!);
    expect(reply).toContain("Monthly evaluation: Kim Minho, 2026-09");
    expect(reply).toContain("calls closed 0");
  });

  it("R20: a technician is refused with a clear message, and learns nothing", async () => {
    await seedOctober();
    const result = await t.current.slack.driver.sendCommand({ command: "/repair", text: "evaluation 2026-10 @lee.jiwoo", userId: "U0KIM" });
    const reply = await replyTo(result.responseUrl!);
    expect(reply).toContain("Only service directors and managers can see the monthly evaluation.");
    expect(reply).not.toContain("complaints");
  });

  it("R20: a wrong month or an unknown technician is explained", async () => {
    await seedOctober();
    const badMonth = await t.current.slack.driver.sendCommand({ command: "/repair", text: "evaluation 2026-13", userId: "U0DIR1" });
    expect(await replyTo(badMonth.responseUrl!)).toContain("is not a month");
    const nobody = await t.current.slack.driver.sendCommand({ command: "/repair", text: "evaluation @nobody", userId: "U0DIR1" });
    expect(await replyTo(nobody.responseUrl!)).toContain("No technician matches");
  });
});
