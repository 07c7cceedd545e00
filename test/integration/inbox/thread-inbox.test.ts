// The thread-reply inbox: replies queued as the listener queues them (one job each, in their thread's
// queue), handled by the bot's workers against the Slack fake. What survives a bot stopped or killed,
// in which order a thread's replies are handled, and what is tried again.
import { Client } from "pg";
import { fixedClock } from "../../../src/clock";
import { silentLog } from "../../../src/logger";
import { startOutbox, type Outbox } from "../../../src/publish/outbox";
import { createServices } from "../../../src/services";
import { queueThreadReply } from "../../../src/services/inbox/thread-replies";
import { useTestDatabase } from "../../support/db";
import { eventually } from "../../support/eventually";
import { createBranchWithCalendar, createTechnician, createTicket } from "../../support/factories/data";
import { queuedReplies, startTestOutbox, untilRepliesHandled } from "../../support/outbox";
import { startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { fakeSlackClient } from "../jobs/job-helpers";

const db = useTestDatabase();
const CHANNEL = "C0INBOX";
const clock = fixedClock("2026-11-23T01:00:00Z");

let fake: SlackFake;
const outboxes: Outbox[] = [];
beforeAll(async () => {
  fake = await startSlackFake({ channels: { [CHANNEL]: { name: "dispatch-inbox" } } });
});
afterEach(async () => {
  await Promise.all(outboxes.splice(0).map((outbox) => outbox.stop()));
  fake.reset();
});
afterAll(() => fake.close());

async function start(options: { replyWorkers?: number } = {}): Promise<Outbox> {
  const outbox = await startTestOutbox(db.current, clock, fake, options);
  outboxes.push(outbox);
  return outbox;
}

/** A warranty call on site, its message posted in the fake: replies in its thread are the technician's. */
async function onSite() {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { timeZone: "Asia/Seoul", dispatchChannelId: CHANNEL });
  const technician = await createTechnician(prisma, { branchId: branch.id, slackUserId: `U0INTECH${branch.id}` });
  const parent = await fakeSlackClient(fake).chat.postMessage({ channel: CHANNEL, text: "the ticket's message" });
  const ticket = await createTicket(prisma, {
    branchId: branch.id,
    status: "ON_SITE",
    category: "C_WARRANTY",
    assignedTechnicianId: technician.id,
    arrivedAt: new Date("2026-11-23T00:50:00Z"),
    slackChannelId: CHANNEL,
    slackMessageTs: parent.ts!,
  });
  return { ticket, technician, threadTs: parent.ts! };
}

/** The technician's reply, as the fake stores it (for reactions), queued as the listener queues it. */
async function queueReply(call: Awaited<ReturnType<typeof onSite>>, text: string): Promise<{ ts: string; queued: boolean }> {
  const message = await fakeSlackClient(fake).chat.postMessage({ channel: CHANNEL, thread_ts: call.threadTs, text });
  const queued = await queueThreadReply(
    { db: db.current.prisma },
    { channel: CHANNEL, user: call.technician.slackUserId, ts: message.ts!, threadTs: call.threadTs, text, receivedAt: clock.now() },
  );
  return { ts: message.ts!, queued };
}

const reactionsOn = (ts: string) => fake.messagesIn(CHANNEL).find((m) => m.ts === ts)?.reactions?.map((r) => r.name) ?? [];
const notes = async () => (await db.current.prisma.ticketNote.findMany({ orderBy: { id: "asc" } })).map((note) => note.text);

describe("the thread-reply inbox", () => {
  it("queues one job per message in its thread's queue; the same message queued again queues nothing", async () => {
    const call = await onSite();
    const first = await queueReply(call, "hours 2");
    expect(first.queued).toBe(true);
    const again = await queueThreadReply(
      { db: db.current.prisma },
      { channel: CHANNEL, user: call.technician.slackUserId, ts: first.ts, threadTs: call.threadTs, text: "hours 2", receivedAt: clock.now() },
    );
    expect(again).toBe(false);
    expect(await queuedReplies(db.current.prisma)).toEqual([
      expect.objectContaining({ task: "thread-reply", queue: `thread:${CHANNEL}:${call.threadTs}`, key: `thread-reply:${CHANNEL}:${first.ts}`, attempts: 0 }),
    ]);
  });

  it("replies acked while no bot ran are all handled by the next one, one thread's in the order they came", async () => {
    const call = await onSite();
    const sent: { ts: string }[] = [];
    for (let n = 1; n <= 12; n++) sent.push(await queueReply(call, n % 4 === 0 ? "hours 0.5" : `note ${n}`));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await db.current.prisma.ticketNote.count()).toBe(0);

    // Eight workers, one thread: its queue lets one reply run at a time.
    await start();
    await untilRepliesHandled(db.current.prisma);
    expect(await notes()).toEqual(["1", "2", "3", "5", "6", "7", "9", "10", "11"]);
    expect(await db.current.prisma.workLog.count({ where: { ticketId: call.ticket.id } })).toBe(3);
    await eventually(() => sent.every(({ ts }) => reactionsOn(ts).length === 1), 5_000, "every reply's reaction");
    expect(reactionsOn(sent[3]!.ts)).toEqual(["white_check_mark"]);
    expect(reactionsOn(sent[0]!.ts)).toEqual(["memo"]);
  });

  it("a thread's replies run in the order Slack gave them (their ts), though queued the other way round", async () => {
    const call = await onSite();
    const slackClient = fakeSlackClient(fake);
    const earlier = await slackClient.chat.postMessage({ channel: CHANNEL, thread_ts: call.threadTs, text: "note earlier" });
    const later = await slackClient.chat.postMessage({ channel: CHANNEL, thread_ts: call.threadTs, text: "note later" });
    for (const [message, text] of [[later, "note later"], [earlier, "note earlier"]] as const) {
      await queueThreadReply(
        { db: db.current.prisma },
        { channel: CHANNEL, user: call.technician.slackUserId, ts: message.ts!, threadTs: call.threadTs, text, receivedAt: clock.now() },
      );
    }
    await start();
    await untilRepliesHandled(db.current.prisma);
    expect(await notes()).toEqual(["earlier", "later"]);
  });

  it("a bot stopped while it handles a reply finishes it; the replies still queued wait, unlocked, for the next bot", async () => {
    const call = await onSite();
    const sent = [await queueReply(call, "note one"), await queueReply(call, "note two"), await queueReply(call, "note three")];
    fake.delayNext("reactions.add", 800);
    const outbox = await start();
    await eventually(async () => (await db.current.prisma.ticketNote.count()) === 1, 5_000, "the first reply to be recorded");
    await outbox.stop();
    expect(reactionsOn(sent[0]!.ts)).toEqual(["memo"]);
    const left = await queuedReplies(db.current.prisma);
    expect(left.length).toBeGreaterThanOrEqual(1);
    expect(left.every((job) => job.lockedBy === null)).toBe(true);

    await start();
    await untilRepliesHandled(db.current.prisma);
    expect(await notes()).toEqual(["one", "two", "three"]);
  });

  it("a reply held by a killed bot is freed within seconds and handled once; a live bot's is left alone", async () => {
    const prisma = db.current.prisma;
    const call = await onSite();
    const other = await onSite();
    const killed = await queueReply(call, "hours 2\nnote after the crash");
    const held = await queueReply(other, "note still being handled");
    // The killed bot's worker had taken the reply, claimed it and recorded its first line.
    await prisma.$executeRaw`UPDATE graphile_worker._private_jobs SET attempts = 1, locked_at = now(),
      locked_by = CASE WHEN key LIKE ${`%${killed.ts}`} THEN 'worker-killed' ELSE 'worker-alive' END`;
    await prisma.$executeRaw`UPDATE graphile_worker._private_job_queues SET locked_at = now(),
      locked_by = CASE WHEN queue_name = ${`thread:${CHANNEL}:${call.threadTs}`} THEN 'worker-killed' ELSE 'worker-alive' END`;
    await prisma.slackDelivery.createMany({
      data: [
        { key: `thread:${CHANNEL}:${killed.ts}`, kind: "thread-reply", receivedAt: clock.now() },
        { key: `thread:${CHANNEL}:${killed.ts}#0`, kind: "thread-reply-line", receivedAt: clock.now() },
      ],
    });
    await prisma.workLog.create({ data: { technicianId: call.technician.id, ticketId: call.ticket.id, workDate: new Date("2026-11-23"), category: "C_WARRANTY", hours: 2, description: "thread reply" } });
    // A live bot's worker holds its lock, as every worker does from before its first job.
    const alive = new Client({ connectionString: db.current.url });
    await alive.connect();
    try {
      await alive.query("SELECT pg_advisory_lock(74110012, hashtext('worker-alive'))");
      const outbox = await start();
      await eventually(async () => (await queuedReplies(prisma)).length === 1, 10_000, "the killed bot's reply to be handled");
      expect(await notes()).toEqual(["after the crash"]);
      expect(await prisma.workLog.count({ where: { ticketId: call.ticket.id } })).toBe(1);
      expect(await queuedReplies(prisma)).toEqual([expect.objectContaining({ lockedBy: "worker-alive", key: `thread-reply:${CHANNEL}:${held.ts}` })]);
      expect(await outbox.reap()).toEqual([]);

      await alive.end();
      await eventually(async () => (await outbox.reap().catch(() => [])) && (await queuedReplies(prisma)).length === 0, 10_000, "the other reply to be freed and handled");
      expect(await notes()).toEqual(["after the crash", "still being handled"]);
    } finally {
      await alive.end().catch(() => undefined);
    }
  });

  it("a reply that fails for a reason that may pass is tried again, and recorded once", async () => {
    const call = await onSite();
    const services = createServices({ db: db.current.prisma, clock, log: silentLog, adminSlackIds: [] });
    let failures = 0;
    const flaky = {
      ...services,
      handleThreadReply: (options: Parameters<typeof services.handleThreadReply>[0]) => {
        if (failures++ === 0) return Promise.reject(new Error("Connection terminated unexpectedly"));
        return services.handleThreadReply(options);
      },
    };
    const sent = await queueReply(call, "hours 1.5");
    outboxes.push(
      await startOutbox({ connectionString: db.current.url, deps: { services: flaky, clock, log: silentLog }, slack: fakeSlackClient(fake), workers: 1, replyWorkers: 2, pollIntervalMs: 100 }),
    );
    // graphile-worker waits e^1 s after the first failure.
    await untilRepliesHandled(db.current.prisma, 15_000);
    expect(failures).toBe(2);
    expect(await db.current.prisma.workLog.count()).toBe(1);
    await eventually(() => reactionsOn(sent.ts).includes("white_check_mark"), 5_000, "the reaction");
  }, 20_000);

  it("an answer Slack does not take for now is posted again later, apart; one it refuses for good is dropped", async () => {
    const call = await onSite();
    fake.failNext("reactions.add", "internal_error");
    const first = await queueReply(call, "hours 1");
    await start();
    await eventually(async () => (await db.current.prisma.workLog.count()) === 1, 5_000, "the reply to be recorded");
    // The reply's job is done; its reaction waits in a job of its own (e^1 s).
    await eventually(() => reactionsOn(first.ts).includes("white_check_mark"), 10_000, "the reaction, posted again");
    expect(fake.callsTo("reactions.add").filter((c) => (c.args as { timestamp?: string }).timestamp === first.ts)).toHaveLength(2);
    expect(await db.current.prisma.workLog.count()).toBe(1);

    fake.failNext("reactions.add", "channel_not_found");
    const second = await queueReply(call, "hours 2");
    await eventually(async () => (await db.current.prisma.workLog.count()) === 2, 5_000, "the second reply to be recorded");
    await untilRepliesHandled(db.current.prisma);
    expect(reactionsOn(second.ts)).toEqual([]);
    expect(fake.callsTo("reactions.add").filter((c) => (c.args as { timestamp?: string }).timestamp === second.ts)).toHaveLength(1);
  }, 20_000);
});
