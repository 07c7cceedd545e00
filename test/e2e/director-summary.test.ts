// The directors' daily summary end to end (R16, R17): the job posts to the directors channel, a
// manager signs off with the button (the message loses it and names them), a director is refused.
// And `/repair jobs`: admins see the runs, others are refused.
import { directorSummaryJob } from "../../src/jobs/director-summary";
import { runJob } from "../../src/jobs/runner";
import { ACTIONS } from "../../src/views/ids";
import { useTestApp } from "../support/app-harness";
import { createBranchWithCalendar, createStaff, createTicket } from "../support/factories/data";
import { jobDeps } from "../integration/jobs/job-helpers";
import { untilDelivered } from "../support/outbox";

const DIRECTORS = "C0SEOULDIR";
const t = useTestApp({
  now: "2026-11-23T09:35:00Z", // Mon 18:35 in Seoul, after the 18:00 closing
  adminSlackIds: ["U0ADMIN"],
  fake: {
    channels: { [DIRECTORS]: { name: "directors-seoul" }, C0SEOULDSP: { name: "dispatch-seoul" } },
    users: { U0MGR1: { name: "manager.one" }, U0DIR1: { name: "director.one" }, U0DIRMGR: { name: "director.manager" }, U0ADMIN: { name: "admin" }, U0TECH1: { name: "tech.one" } },
  },
});

async function summaryPosted() {
  const { prisma } = t.current.database;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", name: "Seoul", dispatchChannelId: "C0SEOULDSP", directorsChannelId: DIRECTORS });
  await createStaff(prisma, { branchId: branch.id, roles: ["MANAGER"], slackUserId: "U0MGR1" });
  await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], slackUserId: "U0DIR1" });
  await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR", "MANAGER"], slackUserId: "U0DIRMGR" });
  await createStaff(prisma, { branchId: branch.id, roles: ["TECHNICIAN"], slackUserId: "U0TECH1" });
  await createTicket(prisma, { branchId: branch.id, receivedAt: new Date("2026-11-23T01:00:00Z") });
  const outcomes = await runJob(jobDeps(prisma, t.current.clock), directorSummaryJob);
  expect(outcomes).toEqual([expect.objectContaining({ outcome: "ran", summary: { stored: 1, queued: 1 } })]);
  // The report's post leaves through the bot's outbox.
  await untilDelivered(prisma);
  const [message] = t.current.slack.messagesIn(DIRECTORS);
  return { message };
}

async function replyTo(responseUrl: string) {
  const [reply] = await t.current.slack.waitFor((fake) => (fake.responsesTo(responseUrl).length ? fake.responsesTo(responseUrl) : undefined));
  return JSON.stringify(reply.body);
}

describe("directors' daily summary in Slack (R16, R17)", () => {
  it("R16/R17: the summary is posted with Sign off; a manager signs off and the message names them without the button", async () => {
    const { message } = await summaryPosted();
    const { slack } = t.current;
    const blocks = JSON.stringify(message.blocks);
    expect(blocks).toContain("Daily summary: Seoul, 2026-11-23");
    expect(blocks).toContain("received 1");
    expect(blocks).toContain("<@U0TECH1>"); // has not filed a daily report (R15)
    expect(blocks).toContain(ACTIONS.directorReportSignOff);

    const click = await slack.driver.sendBlockActions({ userId: "U0MGR1", message, actions: [{ action_id: ACTIONS.directorReportSignOff }] });
    expect(click.problems).toEqual([]);
    const updated = await slack.waitFor((fake) => {
      const [shown] = fake.messagesIn(DIRECTORS);
      return JSON.stringify(shown.blocks).includes("Signed off by <@U0MGR1> at <!date^") ? shown : undefined;
    });
    expect(JSON.stringify(updated.blocks)).not.toContain(ACTIONS.directorReportSignOff);
    const report = await t.current.database.prisma.directorReport.findFirstOrThrow({ include: { signedOffBy: true } });
    expect(report).toMatchObject({ signedOffAt: t.current.clock.now(), signedOffBy: { slackUserId: "U0MGR1" } });
  });

  it("R17: a director's click is refused privately and nothing is signed", async () => {
    const { message } = await summaryPosted();
    const click = await t.current.slack.driver.sendBlockActions({ userId: "U0DIR1", message, actions: [{ action_id: ACTIONS.directorReportSignOff }] });
    expect(await replyTo(click.responseUrl!)).toContain("Only managers can sign off");
    expect(await t.current.database.prisma.directorReport.findFirstOrThrow()).toMatchObject({ signedOffAt: null });
    expect(JSON.stringify(t.current.slack.messagesIn(DIRECTORS)[0].blocks)).toContain(ACTIONS.directorReportSignOff);
  });
});

describe("sign-off by someone else (R17)", () => {
  it("R17: a director who is also the branch's manager cannot sign off their own report and is told why, privately", async () => {
    const { message } = await summaryPosted();
    const click = await t.current.slack.driver.sendBlockActions({ userId: "U0DIRMGR", message, actions: [{ action_id: ACTIONS.directorReportSignOff }] });
    expect(await replyTo(click.responseUrl!)).toContain("needs another manager's sign-off");
    expect(await t.current.database.prisma.directorReport.findFirstOrThrow()).toMatchObject({ signedOffAt: null });
  });

  it("R17: an admin who is not a manager is refused privately", async () => {
    const { message } = await summaryPosted();
    const click = await t.current.slack.driver.sendBlockActions({ userId: "U0ADMIN", message, actions: [{ action_id: ACTIONS.directorReportSignOff }] });
    expect(await replyTo(click.responseUrl!)).toContain("Only managers can sign off");
    expect(await t.current.database.prisma.directorReport.findFirstOrThrow()).toMatchObject({ signedOffAt: null });
  });
});

describe("/repair jobs (every run visible to admins)", () => {
  it("an admin sees the latest runs, failures first with the error's first line, and each job's last success", async () => {
    await summaryPosted();
    const { prisma } = t.current.database;
    await prisma.jobRun.create({
      data: { job: "carry-over", periodKey: "carry-over:SEOUL:2026-11-23", status: "FAILED", claimedBy: "test", startedAt: new Date("2026-11-23T00:00:00Z"), finishedAt: new Date("2026-11-23T00:00:02Z"), error: "Slack said no\n    at stack line" },
    });
    const result = await t.current.slack.driver.sendCommand({ command: "/repair", text: "jobs", userId: "U0ADMIN" });
    expect(result.problems).toEqual([]);
    const reply = await replyTo(result.responseUrl!);
    expect(reply).toContain("Latest job runs");
    expect(reply.indexOf("carry-over:SEOUL:2026-11-23")).toBeLessThan(reply.indexOf("director-summary:SEOUL:2026-11-23"));
    expect(reply).toContain("Slack said no");
    expect(reply).not.toContain("stack line");
    expect(reply).toContain("`queued=1 stored=1`");
    expect(reply).toMatch(/`carry-over`: never/);
    expect(reply).toMatch(/`director-summary`: <!date\^/);
  });

  it("anyone else is refused", async () => {
    await summaryPosted();
    const result = await t.current.slack.driver.sendCommand({ command: "/repair", text: "jobs", userId: "U0MGR1" });
    const reply = await replyTo(result.responseUrl!);
    expect(reply).toContain("Only admins can see the job runs.");
    expect(reply).not.toContain("director-summary");
  });
});
