// R6/R7: a branch's calendar changed by the CLI import after calls came in (a holiday added, or one
// removed explicitly) moves the open calls' deadlines in the import's transaction, with an audit row
// and a line for each call's thread queued for the running bot's outbox.
import { fixedClock } from "../../../src/clock";
import type { Outbox } from "../../../src/publish/outbox";
import { enqueueTicketRefresh } from "../../../src/services/outbox/enqueue";
import { raiseOverdueEscalations } from "../../../src/services/escalations/raise-overdue";
import { warnBeforeDeadlines } from "../../../src/services/escalations/pre-deadline-warning";
import { useTestDatabase } from "../../support/db";
import { createBranchWithCalendar, createTicket } from "../../support/factories/data";
import { startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { csv, importer } from "../import/import-helpers";
import { queuedEffects, startTestOutbox, untilDelivered } from "../../support/outbox";
import { seoul } from "./ticket-helpers";

const db = useTestDatabase();
const DISPATCH = "C0SEOULDSP";
const HEADER = "code,name,time_zone,dispatch_channel_id,working_hours,holidays,remove_holidays";
const row = (holidays = "", removed = "") => `SEOUL,Seoul,Asia/Seoul,${DISPATCH},Mon-Fri 09:00-18:00,${holidays},${removed}`;

/** The Seoul branch as imported, open Mon–Fri 09:00–18:00, and a clock at `at` (Seoul time). */
async function seoulBranch(at: string, holidays = "") {
  const clock = fixedClock(seoul(at));
  const runImport = importer(db, clock);
  expect(await runImport("branches", csv(HEADER, row(holidays)))).toMatchObject({ created: 1, errors: [] });
  const branch = await db.current.prisma.branch.findUniqueOrThrow({ where: { code: "SEOUL" } });
  return { clock, runImport, branch };
}

/** An open call waiting for its technician, with the deadline it was given when it came in. */
function openCall(branchId: number, calledAt: string, area: "URBAN" | "SUBURBAN", deadline: string, extra: Parameters<typeof createTicket>[1] = {}) {
  return createTicket(db.current.prisma, { branchId, status: "ASSIGNED", area, calledAt: seoul(calledAt), receivedAt: seoul(calledAt), arrivalDeadline: seoul(deadline), ...extra });
}

const deadlineOf = async (id: number) => (await db.current.prisma.ticket.findUniqueOrThrow({ where: { id } })).arrivalDeadline;

describe("calendar changes move open calls' deadlines (R6, R7)", () => {
  it("R6: a holiday imported after registration moves the open call's deadline", async () => {
    const { runImport, branch } = await seoulBranch("2026-11-23 15:00");
    // Suburban, called Monday 14:00: 4 h on Monday + 3 h on Tuesday = Tuesday 12:00.
    const waiting = await openCall(branch.id, "2026-11-23 14:00", "SUBURBAN", "2026-11-24 12:00");
    // Urban, called Monday 10:00: due Monday 16:00, before the holiday, so it stays.
    const sameDay = await openCall(branch.id, "2026-11-23 10:00", "URBAN", "2026-11-23 16:00");
    const arrived = await openCall(branch.id, "2026-11-23 14:00", "SUBURBAN", "2026-11-24 12:00", { status: "ON_SITE", arrivedAt: seoul("2026-11-23 15:00") });
    const elsewhere = await createBranchWithCalendar(db.current.prisma, { code: "BUSAN" });
    const otherBranch = await openCall(elsewhere.id, "2026-11-23 14:00", "SUBURBAN", "2026-11-24 12:00");

    const result = await runImport("branches", csv(HEADER, row("2026-11-24 Company day")));

    expect(result).toMatchObject({ updated: 1, errors: [], deadlinesMoved: 1 });
    expect(await deadlineOf(waiting.id)).toEqual(seoul("2026-11-25 12:00"));
    expect(await deadlineOf(sameDay.id)).toEqual(seoul("2026-11-23 16:00"));
    expect(await deadlineOf(arrived.id)).toEqual(seoul("2026-11-24 12:00"));
    expect(await deadlineOf(otherBranch.id)).toEqual(seoul("2026-11-24 12:00"));
    const audit = await db.current.prisma.auditLog.findMany({ where: { action: "ticket.deadline-moved" } });
    expect(audit).toEqual([
      expect.objectContaining({ ticketId: waiting.id, actor: "U0ADMIN01", data: expect.objectContaining({ from: seoul("2026-11-24 12:00").toISOString(), to: seoul("2026-11-25 12:00").toISOString() }) }),
    ]);
    const lines = async () => (await queuedEffects(db.current.prisma)).filter(({ effect }) => effect.kind === "ticket-line");
    expect(await lines()).toEqual([
      expect.objectContaining({ effect: expect.objectContaining({ ticketId: waiting.id, line: expect.objectContaining({ entry: expect.objectContaining({ event: { kind: "deadline-moved", from: seoul("2026-11-24 12:00"), to: seoul("2026-11-25 12:00") } }) }) }) }),
    ]);

    // Importing the same file again changes nothing and tells nobody twice.
    expect(await runImport("branches", csv(HEADER, row("2026-11-24 Company day")))).toMatchObject({ unchanged: 1, deadlinesMoved: 0 });
    expect(await lines()).toHaveLength(1);
  });

  it("R6: a holiday removed explicitly (remove_holidays) moves the deadline back; leaving it out of the file removes nothing", async () => {
    const { runImport, branch } = await seoulBranch("2026-11-23 15:00", "2026-11-24 Company day");
    const waiting = await openCall(branch.id, "2026-11-23 14:00", "SUBURBAN", "2026-11-25 12:00");

    expect(await runImport("branches", csv(HEADER, row()))).toMatchObject({ unchanged: 1, deadlinesMoved: 0 });
    expect(await db.current.prisma.holiday.count()).toBe(1);

    const result = await runImport("branches", csv(HEADER, row("", "2026-11-24")));
    expect(result).toMatchObject({ updated: 1, errors: [], deadlinesMoved: 1 });
    expect(await db.current.prisma.holiday.count()).toBe(0);
    expect(await deadlineOf(waiting.id)).toEqual(seoul("2026-11-24 12:00"));
    expect(await db.current.prisma.auditLog.count({ where: { action: "ticket.deadline-moved", ticketId: waiting.id } })).toBe(1);

    // Removing a day that is no holiday (any more) changes nothing.
    expect(await runImport("branches", csv(HEADER, row("", "2026-11-24")))).toMatchObject({ unchanged: 1, deadlinesMoved: 0 });
  });

  it("R6: a day cannot be both a holiday and removed, and removals take dates only", async () => {
    const { runImport } = await seoulBranch("2026-11-23 15:00");
    const both = await runImport("branches", csv(HEADER, row("2026-11-24 Company day", "2026-11-24..2026-11-25")));
    expect(both.errors).toEqual([{ line: 2, message: "remove_holidays: 2026-11-24 cannot be both a holiday and removed" }]);
    const named = await runImport("branches", csv(HEADER, row("", "2026-11-24 Company day")));
    expect(named.errors).toEqual([{ line: 2, message: expect.stringContaining("without a name") }]);
    expect(await db.current.prisma.holiday.count()).toBe(0);
  });

  it("R7: pre-deadline warnings and overdue alerts follow the moved deadline", async () => {
    const { runImport, branch, clock } = await seoulBranch("2026-11-24 11:30");
    const prisma = db.current.prisma;
    // Warned at 11:00 for its 12:00 deadline.
    const warned = await openCall(branch.id, "2026-11-23 14:00", "SUBURBAN", "2026-11-24 12:00", { preWarningSentAt: seoul("2026-11-24 11:00") });
    // Overdue since 10:00 and alerted; its alert waits for a director.
    const overdue = await openCall(branch.id, "2026-11-23 13:00", "URBAN", "2026-11-24 10:00", { overdueAlertedAt: seoul("2026-11-24 10:01") });
    await prisma.escalation.create({ data: { kind: "OVERDUE", branchId: branch.id, ticketId: overdue.id, raisedAt: seoul("2026-11-24 10:01"), nextEscalationAt: seoul("2026-11-24 10:31") } });

    // Today is declared a company day off after all.
    expect(await runImport("branches", csv(HEADER, row("2026-11-24 Company day")))).toMatchObject({ deadlinesMoved: 2 });

    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: warned.id } })).toMatchObject({ arrivalDeadline: seoul("2026-11-25 12:00"), preWarningSentAt: null });
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: overdue.id } })).toMatchObject({ arrivalDeadline: seoul("2026-11-25 10:00"), overdueAlertedAt: null });
    expect(await prisma.escalation.findFirstOrThrow({ where: { ticketId: overdue.id } })).toMatchObject({ nextEscalationAt: null });

    // Nothing is overdue now; the new deadlines bring a new warning and a new alert.
    expect(await raiseOverdueEscalations({ db: prisma, clock }, { actor: "system:overdue-scan" })).toEqual([]);
    const wednesday = fixedClock(seoul("2026-11-25 10:01"));
    expect((await raiseOverdueEscalations({ db: prisma, clock: wednesday }, { actor: "system:overdue-scan" })).map((raised) => raised.alert.ticketId)).toEqual([overdue.id]);
    const beforeNoon = fixedClock(seoul("2026-11-25 11:30"));
    const warnings = await warnBeforeDeadlines({ db: prisma, clock: beforeNoon }, { actor: "system:pre-deadline-warning", preWarningMinutes: 60 });
    expect(warnings.map((warning) => warning.ticketId)).toEqual([warned.id]);
  });
});

describe("the moved deadline in Slack (R6)", () => {
  let fake: SlackFake;
  let outbox: Outbox | undefined;
  beforeAll(async () => {
    fake = await startSlackFake({ channels: { [DISPATCH]: { name: "dispatch-seoul" } } });
  });
  afterEach(async () => {
    await outbox?.stop();
    outbox = undefined;
    fake.reset();
  });
  afterAll(() => fake.close());

  it("R6: the running bot's outbox refreshes the ticket message and writes the moved deadline in its thread, once", async () => {
    const { runImport, branch, clock } = await seoulBranch("2026-11-23 15:00");
    const waiting = await openCall(branch.id, "2026-11-23 14:00", "SUBURBAN", "2026-11-24 12:00");
    outbox = await startTestOutbox(db.current, clock, fake);
    await enqueueTicketRefresh(db.current.prisma, waiting.id);
    await untilDelivered(db.current.prisma);
    const [message] = fake.messagesIn(DISPATCH);

    // The CLI's import queues the line; the bot's outbox posts it.
    await runImport("branches", csv(HEADER, row("2026-11-24 Company day")));
    await untilDelivered(db.current.prisma);

    const [reply] = fake.messagesIn(DISPATCH, message.ts).filter((m) => m.ts !== message.ts);
    expect(reply.text).toContain("the arrival deadline moved from <!date^" + Math.floor(seoul("2026-11-24 12:00").getTime() / 1000));
    expect(reply.text).toContain("to <!date^" + Math.floor(seoul("2026-11-25 12:00").getTime() / 1000));
    const updated = fake.messagesIn(DISPATCH)[0];
    expect(JSON.stringify(updated.blocks)).toContain(`<!date^${Math.floor(seoul("2026-11-25 12:00").getTime() / 1000)}^`);

    // The same file again moves nothing and posts nothing.
    await runImport("branches", csv(HEADER, row("2026-11-24 Company day")));
    await untilDelivered(db.current.prisma);
    expect(fake.messagesIn(DISPATCH, message.ts)).toHaveLength(2);
    expect(fake.messagesIn(DISPATCH).filter((m) => !m.thread_ts || m.thread_ts === m.ts)).toHaveLength(1);
  });

  it("R6: a line Slack refuses for good (channel_not_found) is recorded for the admins, not retried for ever", async () => {
    const { runImport, branch, clock } = await seoulBranch("2026-11-23 15:00");
    const waiting = await openCall(branch.id, "2026-11-23 14:00", "SUBURBAN", "2026-11-24 12:00", { slackChannelId: "C0GONE", slackMessageTs: "1795400000.000100" });
    outbox = await startTestOutbox(db.current, clock, fake);
    await runImport("branches", csv(HEADER, row("2026-11-24 Company day")));
    await untilDelivered(db.current.prisma);
    const failures = await db.current.prisma.slackEffectFailure.findMany({ orderBy: { id: "asc" } });
    expect(failures.map((failure) => [failure.ticketId, failure.error, failure.attempts])).toEqual(
      expect.arrayContaining([
        [waiting.id, "channel_not_found", 1],
      ]),
    );
    expect(failures.some((failure) => (failure.effect as { kind: string }).kind === "ticket-line")).toBe(true);
  });
});
