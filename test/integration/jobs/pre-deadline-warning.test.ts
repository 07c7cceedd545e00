import { fixedClock } from "../../../src/clock";
import { preDeadlineWarningJob } from "../../../src/jobs/pre-deadline-warning";
import { warnBeforeDeadlines } from "../../../src/services/escalations/pre-deadline-warning";
import { useTestDatabase } from "../../support/db";
import { createBranchWithCalendar, createStaff, createTechnician, createTicket } from "../../support/factories/data";
import { startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { fakeSlackClient, jobDeps, runJob } from "./job-helpers";

const db = useTestDatabase();
let fake: SlackFake;
beforeAll(async () => {
  fake = await startSlackFake({
    channels: { C0SEOULDSP: { name: "dispatch-seoul" } },
    users: { U0TECHPW: { name: "tech" }, U0DISPPW1: { name: "dispatcher.one" }, U0DISPPW2: { name: "dispatcher.two" } },
  });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const ACTOR = "system:pre-deadline-warning";
// Seoul branch, Mon–Fri 09:00–18:00 (UTC+9). Monday 2026-11-23 17:30 local.
const LATE_MONDAY = "2026-11-23T08:30:00Z";

async function seoul() {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", dispatchChannelId: "C0SEOULDSP", timeZone: "Asia/Seoul" });
  const technician = await createTechnician(prisma, { branchId: branch.id, slackUserId: "U0TECHPW" });
  return { prisma, branch, technician };
}

describe("pre-deadline warning (R7)", () => {
  it("R7: a deadline across closing time is measured in working minutes: 30 min today + 20 tomorrow = 50 ≤ 60 is warned; 30 + 40 = 70 is not", async () => {
    const { prisma, branch, technician } = await seoul();
    const received = new Date("2026-11-23T00:00:00Z");
    // Tuesday 09:20 and 09:40 local: 15 h 50 / 16 h 10 on the wall clock.
    const near = await createTicket(prisma, { branchId: branch.id, receivedAt: received, status: "ACCEPTED", assignedTechnicianId: technician.id, arrivalDeadline: new Date("2026-11-24T00:20:00Z") });
    await createTicket(prisma, { branchId: branch.id, receivedAt: received, status: "ACCEPTED", assignedTechnicianId: technician.id, arrivalDeadline: new Date("2026-11-24T00:40:00Z") });
    await createTicket(prisma, { branchId: branch.id, receivedAt: received, status: "ON_SITE", assignedTechnicianId: technician.id, arrivalDeadline: new Date("2026-11-23T08:45:00Z"), arrivedAt: new Date("2026-11-23T08:00:00Z") });

    const warned = await warnBeforeDeadlines({ db: prisma, clock: fixedClock(LATE_MONDAY) }, { actor: ACTOR, preWarningMinutes: 60 });

    expect(warned).toEqual([expect.objectContaining({ ticketId: near.id, minutesLeft: 50, technicianSlackUserId: "U0TECHPW" })]);
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: near.id } })).toMatchObject({ preWarningSentAt: new Date(LATE_MONDAY) });
    expect(await prisma.auditLog.findMany({ where: { action: "ticket.pre-warning" } })).toEqual([expect.objectContaining({ actor: ACTOR, ticketId: near.id })]);
    // Twice at once, or a minute later: nothing more.
    const clock = fixedClock(LATE_MONDAY);
    clock.advance(60_000);
    const again = await Promise.all([
      warnBeforeDeadlines({ db: prisma, clock }, { actor: ACTOR, preWarningMinutes: 60 }),
      warnBeforeDeadlines({ db: prisma, clock }, { actor: ACTOR, preWarningMinutes: 60 }),
    ]);
    expect(again.flat()).toEqual([]);
  });

  it("R7: the job replies in the ticket's thread and DMs the assigned technician, once", async () => {
    const { prisma, branch, technician } = await seoul();
    const ticket = await createTicket(prisma, { branchId: branch.id, receivedAt: new Date("2026-11-23T00:00:00Z"), status: "ASSIGNED", assignedTechnicianId: technician.id, arrivalDeadline: new Date("2026-11-23T08:50:00Z") });
    const posted = await fakeSlackClient(fake).chat.postMessage({ channel: "C0SEOULDSP", text: `Ticket ${ticket.voucherNo}` });
    await prisma.ticket.update({ where: { id: ticket.id }, data: { slackChannelId: "C0SEOULDSP", slackMessageTs: posted.ts! } });
    const clock = fixedClock(LATE_MONDAY);
    const deps = jobDeps(prisma, clock, { slack: fakeSlackClient(fake) });

    expect(await runJob(deps, preDeadlineWarningJob)).toEqual([expect.objectContaining({ outcome: "ran", summary: { warned: 1 } })]);
    const thread = fake.messagesIn("C0SEOULDSP", posted.ts!).filter((m) => m.ts !== posted.ts);
    expect(thread).toHaveLength(1);
    expect(JSON.stringify(thread[0].blocks)).toContain("20 working min left");
    expect(JSON.stringify(thread[0].blocks)).toContain("<@U0TECHPW>");
    expect(fake.callsTo("conversations.open").map((call) => (call.args as { users: string }).users)).toEqual(["U0TECHPW"]);
    const dmPosts = fake.callsTo("chat.postMessage").filter((call) => (call.args as { channel: string }).channel !== "C0SEOULDSP");
    expect(dmPosts).toHaveLength(1);
    clock.advance(60_000);
    expect(await runJob(deps, preDeadlineWarningJob)).toEqual([expect.objectContaining({ summary: { warned: 0 } })]);
  });

  it("R7: an unassigned call's warning goes to the dispatch channel, addressed to the branch's active dispatchers", async () => {
    const { prisma, branch } = await seoul();
    await createStaff(prisma, { branchId: branch.id, roles: ["DISPATCHER"], slackUserId: "U0DISPPW1" });
    await createStaff(prisma, { branchId: branch.id, roles: ["DISPATCHER"], slackUserId: "U0DISPPW2" });
    await createStaff(prisma, { branchId: branch.id, roles: ["DISPATCHER"], slackUserId: "U0DISPOLD", active: false });
    await createTicket(prisma, { branchId: branch.id, receivedAt: new Date("2026-11-23T00:00:00Z"), status: "REGISTERED", arrivalDeadline: new Date("2026-11-23T08:50:00Z") });
    const deps = jobDeps(prisma, fixedClock(LATE_MONDAY), { slack: fakeSlackClient(fake) });

    expect(await runJob(deps, preDeadlineWarningJob)).toEqual([expect.objectContaining({ summary: { warned: 1 } })]);
    // In the channel itself (besides the call's message, which the outbox posted, and the reply in its thread).
    const inChannel = fake.messagesIn("C0SEOULDSP").filter((message) => !message.thread_ts && JSON.stringify(message.blocks).includes("working min left"));
    expect(inChannel).toHaveLength(1);
    const text = JSON.stringify(inChannel[0].blocks);
    expect(text).toContain("<@U0DISPPW1> <@U0DISPPW2>");
    expect(text).not.toContain("U0DISPOLD");
    expect(fake.callsTo("conversations.open")).toHaveLength(0);
  });
});
