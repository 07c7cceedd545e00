// Thread replies from the field (R9, R10, R13, R14): the service behind `arrived`, `hours`, `part`,
// `done`, `note` and free text typed in a ticket's thread or the technician's assignment DM thread.
import { parseThreadReply } from "../../../src/domain/thread-command";
import { assignTechnician } from "../../../src/services/tickets/assign-technician";
import { recordAssignmentMessage, recordTicketMessage } from "../../../src/services/tickets/record-slack-message";
import { registerTicket } from "../../../src/services/tickets/register-ticket";
import { handleThreadReply, type ThreadReplyResult } from "../../../src/services/tickets/thread-replies";
import type { Actor } from "../../../src/services/staff/resolve-actor";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createPart, createStaff, createTechnician } from "../../support/factories/data";
import { deskSetup, intakeFor, nextIntakeKey, seoul } from "./ticket-helpers";

const db = useTestDatabase();

const CHANNEL = "C0DISPATCH";
const TICKET_TS = "1700000000.000100";
const DM = "D0TECH";
const DM_TS = "1700000000.000200";
let replies = 0;

/** A warranty call (not paid) registered Monday 10:00 Seoul, posted, assigned, its DM recorded. */
async function assigned(options: { category?: "A_PAID" | "C_WARRANTY" } = {}) {
  const prisma = db.current.prisma;
  const desk = await deskSetup(prisma);
  const { ticketId } = await registerTicket(desk.deps, { actor: desk.dispatcher, input: intakeFor(desk.customer.id, desk.equipment.id), intakeKey: nextIntakeKey() });
  await prisma.ticket.update({ where: { id: ticketId }, data: { category: options.category ?? "C_WARRANTY" } });
  await recordTicketMessage(desk.deps, { ticketId, channelId: CHANNEL, ts: TICKET_TS });
  const techRow = await createTechnician(prisma, { branchId: desk.branch.id, areas: ["URBAN"] });
  const otherRow = await createTechnician(prisma, { branchId: desk.branch.id, areas: ["URBAN"] });
  const { assignmentId } = await assignTechnician(desk.deps, { actor: desk.dispatcher, ticketId, technicianStaffId: techRow.id });
  await recordAssignmentMessage(desk.deps, { assignmentId, channelId: DM, ts: DM_TS });
  const part = await createPart(prisma, { partNo: "P-1001", name: "Start relay", stock: [{ branchId: desk.branch.id, quantity: 3 }] });
  const serialPart = await createPart(prisma, { partNo: "P-2001", name: "Controller board", serialised: true, stock: [{ branchId: desk.branch.id, quantity: 1 }] });
  return { ...desk, ticketId, assignmentId, techRow, tech: actorFor(techRow), other: actorFor(otherRow), part, serialPart };
}

type Desk = Awaited<ReturnType<typeof assigned>>;

function reply(desk: Desk, actor: Actor, text: string, options: { channelId?: string; threadTs?: string; messageTs?: string; at?: Date; resume?: boolean } = {}) {
  return handleThreadReply(desk.deps, {
    actor,
    channelId: options.channelId ?? CHANNEL,
    threadTs: options.threadTs ?? TICKET_TS,
    messageTs: options.messageTs ?? `1700000100.${String(++replies).padStart(6, "0")}`,
    commands: parseThreadReply(text),
    at: options.at,
    resume: options.resume,
  });
}

function outcomes(result: ThreadReplyResult) {
  if (result.kind !== "handled") throw new Error(`expected handled, got ${result.kind}`);
  return result.outcomes;
}

describe("handleThreadReply", () => {
  it("R9: `arrived` from the assigned technician puts the call on site (via recordArrival) and reports a state change", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    desk.clock.set(seoul("2026-11-23 11:00"));
    const result = await reply(desk, desk.tech, "arrived");
    expect(result).toMatchObject({ kind: "handled", stateChanged: true, dm: { channelId: DM, ts: DM_TS } });
    expect(outcomes(result)).toEqual([{ kind: "arrived", arrivedAt: seoul("2026-11-23 11:00"), lateByMinutes: 0, revisit: false }]);
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: desk.ticketId } })).toMatchObject({ status: "ON_SITE" });
    expect(await prisma.auditLog.count({ where: { ticketId: desk.ticketId, action: "ticket.arrive" } })).toBe(1);
    const again = await reply(desk, desk.tech, "arrived");
    expect(outcomes(again)).toEqual([{ kind: "already-arrived", arrivedAt: seoul("2026-11-23 11:00") }]);
  });

  it("R13: `hours` writes a WorkLog on the branch's local work date, in the call's category unless given, with an audit row", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    await reply(desk, desk.tech, "arrived");
    // 08:30 Tuesday in Seoul is still Monday in UTC: the work date is the local one.
    desk.clock.set(new Date("2026-11-23T23:30:00Z"));
    const result = await reply(desk, desk.tech, "hours 1,5\nhours 2h B");
    expect(outcomes(result)).toMatchObject([
      { kind: "hours-logged", hours: 1.5, category: "C_WARRANTY", workDate: "2026-11-24" },
      { kind: "hours-logged", hours: 2, category: "B_CONTRACT", workDate: "2026-11-24" },
    ]);
    const logs = await prisma.workLog.findMany({ where: { ticketId: desk.ticketId }, orderBy: { id: "asc" } });
    expect(logs.map((log) => [Number(log.hours), log.category, log.workDate.toISOString().slice(0, 10), log.technicianId, log.visitReportId])).toEqual([
      [1.5, "C_WARRANTY", "2026-11-24", desk.techRow.id, null],
      [2, "B_CONTRACT", "2026-11-24", desk.techRow.id, null],
    ]);
    expect(await prisma.auditLog.count({ where: { ticketId: desk.ticketId, action: "ticket.log-hours" } })).toBe(2);
  });

  it("R13: `hours` before arrival is refused with the call's status; nothing is written", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    expect(outcomes(await reply(desk, desk.tech, "hours 1"))).toEqual([{ kind: "wrong-status", command: "hours", status: "ASSIGNED" }]);
    expect(await prisma.workLog.count()).toBe(0);
  });

  it("R14: `part` books the part to the call from stock; a shortfall is refused with the quantity left and rolls back", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    await reply(desk, desk.tech, "arrived");
    expect(outcomes(await reply(desk, desk.tech, "part p-1001 x2"))).toEqual([{ kind: "part-booked", partNo: "P-1001", name: "Start relay", quantity: 2, fromLoans: 0 }]);
    expect(outcomes(await reply(desk, desk.tech, "part P-1001 x5"))).toEqual([{ kind: "not-enough-stock", partNo: "P-1001", requested: 5, available: 1 }]);
    expect(await prisma.partStock.findFirstOrThrow({ where: { partId: desk.part.id } })).toMatchObject({ quantity: 1 });
    expect(await prisma.partUsage.count({ where: { ticketId: desk.ticketId } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { ticketId: desk.ticketId, action: "ticket.use-part" } })).toBe(1);
    expect(outcomes(await reply(desk, desk.tech, "part P-9999"))).toEqual([{ kind: "unknown-part", partNo: "P-9999" }]);
    expect(outcomes(await reply(desk, desk.tech, "part P-2001"))).toEqual([{ kind: "serial-required", partNo: "P-2001" }]);
    expect(outcomes(await reply(desk, desk.tech, "part P-2001 x1 out SN-OLD in SN-NEW"))).toMatchObject([{ kind: "part-booked", partNo: "P-2001" }]);
    expect(await prisma.partUsage.findFirstOrThrow({ where: { partId: desk.serialPart.id } })).toMatchObject({ serialOut: "SN-OLD", serialIn: "SN-NEW" });
  });

  it("R10/R13: `done signed <name>` makes a FIXED_ON_SITE report that collects this technician's hours and parts, and resolves the call", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    await reply(desk, desk.tech, "arrived\nhours 1.5\npart P-1001");
    desk.clock.set(seoul("2026-11-23 13:00"));
    const result = await reply(desk, desk.tech, "done signed Lee Jiwon", { channelId: DM, threadTs: DM_TS });
    expect(result).toMatchObject({ kind: "handled", stateChanged: true, dm: { channelId: DM, ts: DM_TS } });
    const [done] = outcomes(result);
    expect(done).toMatchObject({ kind: "resolved", signedBy: "Lee Jiwon", hours: 1.5, partLines: 1 });
    const report = await prisma.visitReport.findFirstOrThrow({ where: { ticketId: desk.ticketId } });
    expect(report).toMatchObject({ outcome: "FIXED_ON_SITE", signedByName: "Lee Jiwon", signedAt: seoul("2026-11-23 13:00"), technicianId: desk.techRow.id });
    expect(await prisma.workLog.count({ where: { ticketId: desk.ticketId, visitReportId: report.id } })).toBe(1);
    expect(await prisma.partUsage.count({ where: { ticketId: desk.ticketId, visitReportId: report.id } })).toBe(1);
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: desk.ticketId } })).toMatchObject({ status: "RESOLVED", outcome: "FIXED_ON_SITE", resolvedAt: seoul("2026-11-23 13:00") });
    expect(await prisma.auditLog.count({ where: { ticketId: desk.ticketId, action: "ticket.resolve" } })).toBe(1);
  });

  it("R13: `done` before any hours were logged for the visit asks for them; nothing changes", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    await reply(desk, desk.tech, "arrived");
    expect(outcomes(await reply(desk, desk.tech, "done signed Lee Jiwon"))).toEqual([{ kind: "needs-hours" }]);
    expect(await prisma.visitReport.count()).toBe(0);
    expect(outcomes(await reply(desk, desk.tech, "hours 1\ndone signed Lee Jiwon"))).toMatchObject([{ kind: "hours-logged" }, { kind: "resolved", hours: 1 }]);
  });

  it("R10: `done` without who signed asks for it; a paid call is sent to Report work; nothing changes", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    await reply(desk, desk.tech, "arrived\nhours 1");
    expect(outcomes(await reply(desk, desk.tech, "done"))).toEqual([{ kind: "needs-signature" }]);
    await prisma.ticket.update({ where: { id: desk.ticketId }, data: { category: "A_PAID" } });
    expect(outcomes(await reply(desk, desk.tech, "done signed Lee Jiwon"))).toEqual([{ kind: "paid-call" }]);
    expect(await prisma.visitReport.count()).toBe(0);
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: desk.ticketId } })).toMatchObject({ status: "ON_SITE" });
  });

  it("R10: on a warranty call, `done` after a wearing part is sent to Report work (the part is charged); without one it resolves", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    await prisma.part.update({ where: { id: desk.part.id }, data: { wearing: true } });
    await reply(desk, desk.tech, "arrived\nhours 1\npart P-1001 x1");
    expect(outcomes(await reply(desk, desk.tech, "done signed Lee Jiwon"))).toEqual([{ kind: "paid-call" }]);
    expect(await prisma.visitReport.count()).toBe(0);
    await prisma.part.update({ where: { id: desk.part.id }, data: { wearing: false } });
    expect(outcomes(await reply(desk, desk.tech, "done signed Lee Jiwon"))).toMatchObject([{ kind: "resolved" }]);
  });

  it("notes and free text are kept as TicketNotes for the technician and the branch's dispatcher; malformed lines say why", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    const result = await reply(desk, desk.tech, "note gate code 1234\nCustomer asks for a call first\nhours abc", { messageTs: "1700000200.000001" });
    expect(outcomes(result)).toMatchObject([{ kind: "noted" }, { kind: "noted" }, { kind: "malformed", command: "hours", reason: "hours-not-a-number", line: "hours abc" }]);
    expect(outcomes(await reply(desk, desk.dispatcher, "Customer called again"))).toMatchObject([{ kind: "noted" }]);
    const notes = await prisma.ticketNote.findMany({ where: { ticketId: desk.ticketId }, orderBy: { id: "asc" } });
    expect(notes.map((n) => [n.text, n.authorId])).toEqual([
      ["gate code 1234", desk.techRow.id],
      ["Customer asks for a call first", desk.techRow.id],
      ["Customer called again", desk.dispatcherRow.id],
    ]);
    expect(notes[0].slackTs).toBe("1700000200.000001");
    expect(await prisma.auditLog.count({ where: { ticketId: desk.ticketId, action: "ticket.note" } })).toBe(3);
  });

  it("R9: the dispatcher's field commands are refused naming the technician; strangers may not even write notes", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    expect(outcomes(await reply(desk, desk.dispatcher, "arrived"))).toEqual([
      { kind: "not-assignee", command: "arrived", assignee: { staffId: desk.techRow.id, slackUserId: desk.techRow.slackUserId, name: desk.techRow.name } },
    ]);
    expect(await reply(desk, desk.other, "arrived")).toEqual({ kind: "stranger", ticketId: desk.ticketId });
    expect(await reply(desk, desk.other, "just a note")).toEqual({ kind: "stranger", ticketId: desk.ticketId });
    const elsewhere = await createBranchWithCalendar(prisma, {});
    const farDispatcher = actorFor(await createStaff(prisma, { branchId: elsewhere.id, roles: ["DISPATCHER"] }));
    expect(await reply(desk, farDispatcher, "note hello")).toMatchObject({ kind: "stranger" });
    const unknown: Actor = { slackUserId: "U0NOBODY", staffId: null, name: null, branchId: null, branchName: null, branchTimeZone: null, roles: [], active: false, available: false };
    expect(await reply(desk, unknown, "note hello")).toMatchObject({ kind: "stranger" });
    const manager = actorFor(await createStaff(prisma, { branchId: elsewhere.id, roles: ["MANAGER"] }));
    expect(outcomes(await reply(desk, manager, "note escalated by phone"))).toMatchObject([{ kind: "noted" }]);
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: desk.ticketId } })).toMatchObject({ status: "ASSIGNED" });
    expect(await prisma.ticketNote.count()).toBe(1);
  });

  it("the same Slack message handled twice acts once; a thread that is no ticket's is left alone", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    await reply(desk, desk.tech, "arrived");
    const first = await reply(desk, desk.tech, "hours 2\nnote relay", { messageTs: "1700000300.000001" });
    expect(first.kind).toBe("handled");
    expect(await reply(desk, desk.tech, "hours 2\nnote relay", { messageTs: "1700000300.000001" })).toEqual({ kind: "duplicate", ticketId: desk.ticketId });
    expect(await prisma.workLog.count()).toBe(1);
    expect(await prisma.ticketNote.count()).toBe(1);
    // The same ts in another conversation is another message.
    expect((await reply(desk, desk.tech, "hours 1", { channelId: DM, threadTs: DM_TS, messageTs: "1700000300.000001" })).kind).toBe("handled");
    expect(await prisma.workLog.count()).toBe(2);
    expect(await reply(desk, desk.tech, "hours 1", { channelId: "C0OTHER", threadTs: TICKET_TS })).toEqual({ kind: "not-a-ticket" });
    expect(await prisma.workLog.count()).toBe(2);
  });

  it("a retry after a failure part-way skips the lines already done (each line claims its own key)", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    await reply(desk, desk.tech, "arrived");
    await prisma.slackDelivery.create({ data: { key: "thread:C0DISPATCH:1700000400.000001#0", kind: "thread-reply-line", receivedAt: new Date() } });
    const result = await reply(desk, desk.tech, "hours 2\nhours 1", { messageTs: "1700000400.000001" });
    expect(outcomes(result)).toMatchObject([{ kind: "duplicate" }, { kind: "hours-logged", hours: 1 }]);
    expect(await prisma.workLog.count()).toBe(1);
  });

  it("a queued reply retried after its bot was killed half way resumes: the message's claim is its own, each line acts once", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    await reply(desk, desk.tech, "arrived");
    // The killed try claimed the message and did its first line; it never gave the claim back.
    await prisma.slackDelivery.create({ data: { key: "thread:C0DISPATCH:1700000500.000001", kind: "thread-reply", receivedAt: new Date() } });
    await prisma.slackDelivery.create({ data: { key: "thread:C0DISPATCH:1700000500.000001#0", kind: "thread-reply-line", receivedAt: new Date() } });
    expect(await reply(desk, desk.tech, "hours 2\nnote relay", { messageTs: "1700000500.000001" })).toEqual({ kind: "duplicate", ticketId: desk.ticketId });
    const resumed = await reply(desk, desk.tech, "hours 2\nnote relay", { messageTs: "1700000500.000001", resume: true });
    expect(outcomes(resumed)).toMatchObject([{ kind: "duplicate" }, { kind: "noted" }]);
    expect(await prisma.ticketNote.count()).toBe(1);
    expect(await prisma.workLog.count()).toBe(0);
  });

  it("R6/R13: a reply that waited in the queue is recorded at the time it was received (arrival, audit, the hours' local date)", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    // Sent at 23:59 Monday Seoul, handled after midnight: still Monday's arrival and Monday's hours.
    desk.clock.set(seoul("2026-11-24 00:05"));
    await reply(desk, desk.tech, "arrived", { at: seoul("2026-11-23 23:59") });
    await reply(desk, desk.tech, "hours 1", { at: seoul("2026-11-23 23:59") });
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: desk.ticketId } })).arrivedAt).toEqual(seoul("2026-11-23 23:59"));
    expect(await prisma.workLog.findFirstOrThrow()).toMatchObject({ workDate: new Date("2026-11-23T00:00:00Z") });
    expect((await prisma.auditLog.findFirstOrThrow({ where: { action: "ticket.log-hours" } })).at).toEqual(seoul("2026-11-23 23:59"));
  });
});
