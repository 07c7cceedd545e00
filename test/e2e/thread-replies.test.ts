// Issue 4: thread replies from the field — technicians type `arrived`, `hours`, `part`, `done`,
// `note` or free text in the ticket's thread (dispatch channel) or their assignment DM's thread.
// Through the real HTTP endpoint against the Slack fake, which echoes the bot's own posts as events.
import { DISPATCH, deskSteps } from "../support/desk";
import { useTestApp } from "../support/app-harness";
import { createPart } from "../support/factories/data";
import type { FakeMessage } from "../../src/sandbox/slack";
import { ACTIONS, BLOCKS, INPUTS } from "../../src/views/ids";

// Replies wait in the queue for a worker: on a loaded machine a test of several takes seconds.
jest.setTimeout(15_000);

const app = useTestApp({
  now: "2026-11-23T01:00:00Z",
  fake: {
    echoBotMessages: true,
    users: {
      U0DISP: { name: "park.jisoo" },
      U0TECH1: { name: "kim.minsu" },
      U0TECH2: { name: "lee.sora" },
      U0STRANGER: { name: "visitor" },
    },
    channels: { [DISPATCH]: { name: "dispatch-seoul" }, C0CHAT: { name: "customer-mail" } },
  },
});
const { registerCall } = deskSteps(app);

async function assignTo(technician: { id: number; slackUserId: string }) {
  const { slack } = app.current;
  await slack.driver.sendBlockActions({ userId: "U0DISP", message: slack.messagesIn(DISPATCH)[0], actions: [{ action_id: ACTIONS.ticketAssign }] });
  const modal = await slack.waitFor((fake) => fake.openModal("U0DISP"));
  await slack.driver.sendViewSubmission({ userId: "U0DISP", view: modal, values: { [BLOCKS.assignTechnician]: { [INPUTS.technician]: String(technician.id) } } });
  return slack.waitFor((fake) => fake.messagesIn(`D${technician.slackUserId.slice(1)}`)[0]);
}

/** A posted warranty call assigned to tech1, with a part in the branch's stock. */
async function onCall() {
  const desk = await registerCall();
  const dm = await assignTo(desk.tech1);
  const part = await createPart(app.current.database.prisma, { partNo: "P-1001", name: "Start relay", stock: [{ branchId: desk.branch.id, quantity: 3 }] });
  const ticketMessage = app.current.slack.messagesIn(DISPATCH)[0];
  return { ...desk, dm, part, ticketMessage };
}

/** A person's reply in a thread; returns the delivery and the reply's ts. */
async function say(user: string, channel: string, threadTs: string, text: string, extra: Record<string, unknown> = {}) {
  const result = await app.current.slack.driver.sendEvent({ type: "message", user, channel, thread_ts: threadTs, text, ...extra });
  expect(result.problems).toEqual([]);
  return { result, ts: String((result.payload.event as unknown as { ts: string }).ts) };
}

function reactionsOn(channel: string, ts: string): string[] {
  return app.current.slack.messagesIn(channel).find((m) => m.ts === ts)?.reactions?.map((r) => r.name) ?? [];
}

function waitForReaction(channel: string, ts: string, name: string) {
  return app.current.slack.waitFor(() => reactionsOn(channel, ts).includes(name) || undefined);
}

function botThread(channel: string, threadTs: string): FakeMessage[] {
  return app.current.slack.messagesIn(channel, threadTs).filter((m) => m.ts !== threadTs && m.bot_id);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("thread replies from the field (end to end)", () => {
  it("R9/R13/R14/R10: arrived, hours, part and done in the ticket's thread; the ticket, its history and the DM follow", async () => {
    const { ticket, ticketMessage, part } = await onCall();
    const { slack, database } = app.current;
    const prisma = database.prisma;

    const arrived = await say("U0TECH1", DISPATCH, ticketMessage.ts, "arrived");
    await waitForReaction(DISPATCH, arrived.ts, "white_check_mark");
    await slack.waitFor(() => botThread(DISPATCH, ticketMessage.ts).find((m) => /<@U0TECH1> arrived on site, on time/.test(m.text)));
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "ON_SITE" });
    await slack.waitFor((fake) => (JSON.stringify(fake.messagesIn("D0TECH1")[0]?.blocks).includes("You are on site") ? true : undefined));

    const work = await say("U0TECH1", DISPATCH, ticketMessage.ts, "hours 1,5\npart P-1001 x2");
    await waitForReaction(DISPATCH, work.ts, "white_check_mark");
    expect((await prisma.workLog.findMany({ where: { ticketId: ticket.id } })).map((l) => Number(l.hours))).toEqual([1.5]);
    expect(await prisma.partStock.findFirstOrThrow({ where: { partId: part.id } })).toMatchObject({ quantity: 1 });

    const tooMany = await say("U0TECH1", DISPATCH, ticketMessage.ts, "part P-1001 x5");
    await slack.waitFor(() => botThread(DISPATCH, ticketMessage.ts).find((m) => m.text.includes("Not enough `P-1001`") && m.text.includes("1 left")));
    expect(reactionsOn(DISPATCH, tooMany.ts)).toEqual([]);

    await say("U0TECH1", DISPATCH, ticketMessage.ts, "done");
    await slack.waitFor(() => botThread(DISPATCH, ticketMessage.ts).find((m) => m.text.includes("`done signed <customer name>`")));
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "ON_SITE" });

    const done = await say("U0TECH1", DISPATCH, ticketMessage.ts, "done signed Lee Jiwon");
    await waitForReaction(DISPATCH, done.ts, "white_check_mark");
    await slack.waitFor(() => botThread(DISPATCH, ticketMessage.ts).find((m) => /<@U0TECH1> fixed the call on site .*signed for the customer by Lee Jiwon\. 1\.5 h and 1 part line/.test(m.text)));
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "RESOLVED", outcome: "FIXED_ON_SITE" });
    const report = await prisma.visitReport.findFirstOrThrow({ where: { ticketId: ticket.id } });
    expect(report).toMatchObject({ signedByName: "Lee Jiwon", outcome: "FIXED_ON_SITE" });
    expect(await prisma.workLog.count({ where: { visitReportId: report.id } })).toBe(1);
    expect(await prisma.partUsage.count({ where: { visitReportId: report.id } })).toBe(1);
    await slack.waitFor((fake) => (JSON.stringify(fake.messagesIn("D0TECH1")[0]?.blocks).includes(ACTIONS.ticketArrive) ? undefined : true));

    // The bot's own thread posts came back as events (echo) and were ignored: no notes from them.
    await slack.driver.settle();
    expect(await prisma.ticketNote.count()).toBe(0);
  });

  it("R9/R13/R14: a technician types the field commands in Chinese, with full-width digits and units", async () => {
    const { ticket, ticketMessage, part } = await onCall();
    const prisma = app.current.database.prisma;
    const arrived = await say("U0TECH1", DISPATCH, ticketMessage.ts, "到达");
    await waitForReaction(DISPATCH, arrived.ts, "white_check_mark");
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "ON_SITE" });

    const work = await say("U0TECH1", DISPATCH, ticketMessage.ts, "工时 １．５小时\n配件 P-1001 ×２");
    await waitForReaction(DISPATCH, work.ts, "white_check_mark");
    expect((await prisma.workLog.findMany({ where: { ticketId: ticket.id } })).map((l) => Number(l.hours))).toEqual([1.5]);
    expect(await prisma.partStock.findFirstOrThrow({ where: { partId: part.id } })).toMatchObject({ quantity: 1 });

    const done = await say("U0TECH1", DISPATCH, ticketMessage.ts, "完成，签字 王伟");
    await waitForReaction(DISPATCH, done.ts, "white_check_mark");
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "RESOLVED", outcome: "FIXED_ON_SITE" });
    expect(await prisma.visitReport.findFirstOrThrow({ where: { ticketId: ticket.id } })).toMatchObject({ signedByName: "王伟" });
  });

  it("malformed lines get a threaded answer saying what the bot understands; nothing is recorded", async () => {
    const { ticketMessage } = await onCall();
    const { slack, database } = app.current;
    await say("U0TECH1", DISPATCH, ticketMessage.ts, "arrived");
    await say("U0TECH1", DISPATCH, ticketMessage.ts, "hours abc\nhours 40\npart");
    const answer = await slack.waitFor(() => botThread(DISPATCH, ticketMessage.ts).find((m) => m.text.includes("I understand one command per line")));
    expect(answer.text).toContain("`hours abc`: hours must be a number");
    expect(answer.text).toContain("`hours 40`: hours must be more than 0 and at most 16");
    expect(answer.text).toContain("`part`: which part?");
    expect(answer.thread_ts).toBe(ticketMessage.ts);
    expect(await database.prisma.workLog.count()).toBe(0);
  });

  it("R9: strangers and a technician not on the call are refused privately in the thread; the dispatcher's `arrived` names the technician", async () => {
    const { ticket, ticketMessage } = await onCall();
    const { slack, database } = app.current;
    await say("U0STRANGER", DISPATCH, ticketMessage.ts, "arrived");
    const refusal = await slack.waitFor((fake) => fake.ephemeralsFor("U0STRANGER")[0]);
    expect(refusal).toMatchObject({ channel: DISPATCH, thread_ts: ticketMessage.ts });
    expect(refusal.text).toContain("Only the call's technician and the branch's dispatchers");
    await say("U0TECH2", DISPATCH, ticketMessage.ts, "note I can take it");
    await slack.waitFor((fake) => fake.ephemeralsFor("U0TECH2").find((e) => e.text.includes("Only the call's technician")));
    await say("U0DISP", DISPATCH, ticketMessage.ts, "arrived");
    const named = await slack.waitFor((fake) => fake.ephemeralsFor("U0DISP").find((e) => e.thread_ts === ticketMessage.ts));
    expect(named.text).toContain("Only the assigned technician, <@U0TECH1>, can use `arrived`");
    expect(await database.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "ASSIGNED" });
    expect(await database.prisma.ticketNote.count()).toBe(0);
  });

  it("the same event delivered twice, or the same message under a new event id, is recorded once", async () => {
    const { ticketMessage } = await onCall();
    const { slack, database } = app.current;
    await say("U0TECH1", DISPATCH, ticketMessage.ts, "arrived");
    const hours = await say("U0TECH1", DISPATCH, ticketMessage.ts, "hours 2");
    await waitForReaction(DISPATCH, hours.ts, "white_check_mark");
    const again = await slack.driver.redeliverEvent(hours.result);
    expect(again.problems).toEqual([]);
    // Slack may also send the same message under another event id (a second subscription).
    await slack.driver.sendEvent(hours.result.payload.event as never);
    await slack.driver.settle();
    await pause(300);
    expect(await database.prisma.workLog.count()).toBe(1);
    expect(app.current.slack.messagesIn(DISPATCH).find((m) => m.ts === hours.ts)?.reactions).toEqual([expect.objectContaining({ name: "white_check_mark", count: 1 })]);
  });

  it("a burst of replies in one thread is handled in the order they came, though they wait in the queue and eight workers take them", async () => {
    const { ticket, ticketMessage } = await onCall();
    const { slack, database } = app.current;
    // The first reply's answer is slow: the others pile up in the thread's queue behind it, each
    // queued after its event's claim, so not always in the order they were acked.
    slack.delayNext("reactions.add", 2_000);
    // Each is acked before it is handled: none waits for the one before.
    await say("U0TECH1", DISPATCH, ticketMessage.ts, "arrived");
    for (let n = 1; n <= 12; n++) await say("U0TECH1", DISPATCH, ticketMessage.ts, `note ${n}`);
    const hours = await say("U0TECH1", DISPATCH, ticketMessage.ts, "hours 1");
    await waitForReaction(DISPATCH, hours.ts, "white_check_mark");
    // `hours` needs the call on site: it came after `arrived`, so it was handled after it.
    expect(await database.prisma.workLog.count({ where: { ticketId: ticket.id } })).toBe(1);
    expect((await database.prisma.ticketNote.findMany({ orderBy: { id: "asc" } })).map((n) => n.text)).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
    expect(botThread(DISPATCH, ticketMessage.ts).filter((m) => /I understand one command per line|Only/.test(m.text))).toEqual([]);
  });

  it("a redelivered event queues nothing", async () => {
    const { ticketMessage } = await onCall();
    const { slack, database } = app.current;
    await say("U0TECH1", DISPATCH, ticketMessage.ts, "arrived");
    const hours = await say("U0TECH1", DISPATCH, ticketMessage.ts, "hours 2");
    await waitForReaction(DISPATCH, hours.ts, "white_check_mark");
    await slack.driver.settle();
    const lastJob = async () =>
      (await database.prisma.$queryRaw<[{ id: bigint | null }]>`SELECT pg_sequence_last_value(pg_get_serial_sequence('graphile_worker._private_jobs', 'id')::regclass) AS id`)[0].id;
    await pause(300);
    const before = await lastJob();
    expect((await slack.driver.redeliverEvent(hours.result)).problems).toEqual([]);
    await slack.driver.settle();
    await pause(300);
    expect(await lastJob()).toBe(before);
    expect(await database.prisma.workLog.count()).toBe(1);
  });

  it("a bot's message, an edit, a top-level message and another channel's thread are ignored", async () => {
    const { ticketMessage } = await onCall();
    const { slack, database } = app.current;
    await say("U0TECH1", DISPATCH, ticketMessage.ts, "arrived");
    await slack.driver.sendEvent({ type: "message", subtype: "bot_message", bot_id: "B0OTHER", channel: DISPATCH, thread_ts: ticketMessage.ts, ts: "1800000000.000001", text: "hours 3" });
    await slack.driver.sendEvent({ type: "message", user: "U0TECH1", bot_id: "B0OTHER", channel: DISPATCH, thread_ts: ticketMessage.ts, text: "hours 3" });
    await slack.driver.sendEvent({
      type: "message",
      subtype: "message_changed",
      channel: DISPATCH,
      ts: "1800000000.000002",
      message: { type: "message", user: "U0TECH1", text: "hours 3", ts: "1800000000.000003", thread_ts: ticketMessage.ts },
      previous_message: { type: "message", user: "U0TECH1", text: "hours 2", ts: "1800000000.000003", thread_ts: ticketMessage.ts },
    });
    await slack.driver.sendEvent({ type: "message", user: "U0TECH1", channel: DISPATCH, text: "hours 3" });
    const elsewhere = await slack.driver.sendEvent({ type: "message", user: "U0TECH1", channel: "C0CHAT", text: "a customer mail" });
    await say("U0TECH1", "C0CHAT", String((elsewhere.payload.event as unknown as { ts: string }).ts), "hours 3");
    // A marker after them: once it is handled, the others have long been.
    const marker = await say("U0TECH1", DISPATCH, ticketMessage.ts, "note marker");
    await waitForReaction(DISPATCH, marker.ts, "memo");
    await slack.driver.settle();
    await pause(300);
    expect(await database.prisma.workLog.count()).toBe(0);
    expect((await database.prisma.ticketNote.findMany()).map((n) => n.text)).toEqual(["marker"]);
    expect(slack.messagesIn("C0CHAT").filter((m) => m.bot_id)).toEqual([]);
  });

  it("R13: a reply in the technician's DM thread works like one in the ticket's thread; free text is kept as a note", async () => {
    const { ticket, dm, ticketMessage } = await onCall();
    const { slack, database } = app.current;
    const arrived = await say("U0TECH1", dm.channel, dm.ts, "Arrived");
    await waitForReaction(dm.channel, arrived.ts, "white_check_mark");
    await slack.waitFor(() => botThread(DISPATCH, ticketMessage.ts).find((m) => /arrived on site/.test(m.text)));
    const hours = await say("U0TECH1", dm.channel, dm.ts, "hours 2h B");
    await waitForReaction(dm.channel, hours.ts, "white_check_mark");
    expect(await database.prisma.workLog.findFirstOrThrow({ where: { ticketId: ticket.id } })).toMatchObject({ category: "B_CONTRACT" });
    const text = await say("U0TECH1", dm.channel, dm.ts, "Relay was burnt, customer wants a call before noon & <b>");
    await waitForReaction(dm.channel, text.ts, "memo");
    const note = await database.prisma.ticketNote.findFirstOrThrow({ where: { ticketId: ticket.id } });
    expect(note).toMatchObject({ text: "Relay was burnt, customer wants a call before noon & <b>", slackTs: text.ts });
    const dispatcherNote = await say("U0DISP", DISPATCH, ticketMessage.ts, "note customer called, gate code 1234");
    await waitForReaction(DISPATCH, dispatcherNote.ts, "memo");
    // "Also send to channel" is still the person's reply.
    const broadcast = await say("U0DISP", DISPATCH, ticketMessage.ts, "note sent to the channel too", { subtype: "thread_broadcast" });
    await waitForReaction(DISPATCH, broadcast.ts, "memo");
    expect(await database.prisma.ticketNote.count({ where: { ticketId: ticket.id } })).toBe(3);
  });
});
