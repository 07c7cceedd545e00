import { AppError } from "../../../src/errors";
import { acceptTicket } from "../../../src/services/tickets/accept-ticket";
import { assignTechnician } from "../../../src/services/tickets/assign-technician";
import { declineTicket } from "../../../src/services/tickets/decline-ticket";
import { getTicketCard } from "../../../src/services/tickets/get-ticket";
import { recordAssignmentMessage } from "../../../src/services/tickets/record-slack-message";
import { recordArrival } from "../../../src/services/tickets/record-arrival";
import { registerTicket } from "../../../src/services/tickets/register-ticket";
import { useTestDatabase } from "../../support/db";
import { actorFor, createTechnician } from "../../support/factories/data";
import { deskSetup, intakeFor, nextIntakeKey, seoul } from "./ticket-helpers";

const db = useTestDatabase();

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

/** An urban call registered Monday 10:00 Seoul (R6 deadline Monday 16:00), assigned to a technician. */
async function assigned() {
  const prisma = db.current.prisma;
  const desk = await deskSetup(prisma);
  const { ticketId } = await registerTicket(desk.deps, { actor: desk.dispatcher, input: intakeFor(desk.customer.id, desk.equipment.id), intakeKey: nextIntakeKey() });
  const techRow = await createTechnician(prisma, { branchId: desk.branch.id, areas: ["URBAN"] });
  const otherRow = await createTechnician(prisma, { branchId: desk.branch.id, areas: ["URBAN"] });
  const { assignmentId } = await assignTechnician(desk.deps, { actor: desk.dispatcher, ticketId, technicianStaffId: techRow.id });
  await recordAssignmentMessage(desk.deps, { assignmentId, channelId: "D0TECH", ts: "1700000000.000100" });
  return { ...desk, ticketId, assignmentId, techRow, tech: actorFor(techRow), other: actorFor(otherRow) };
}

describe("acceptTicket", () => {
  it("R9: the assigned technician accepts: ACCEPTED, acceptedAt on the assignment, one audit row, the DM to update", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    desk.clock.set(seoul("2026-11-23 10:20"));
    const result = await acceptTicket(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    expect(result).toMatchObject({ change: "accepted", at: seoul("2026-11-23 10:20"), dm: { channelId: "D0TECH", ts: "1700000000.000100" } });
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: desk.ticketId } })).toMatchObject({ status: "ACCEPTED" });
    expect(await prisma.assignment.findUniqueOrThrow({ where: { id: desk.assignmentId } })).toMatchObject({ acceptedAt: seoul("2026-11-23 10:20") });
    expect(await prisma.auditLog.count({ where: { ticketId: desk.ticketId, action: "ticket.accept" } })).toBe(1);
  });

  it("R9: a second Accept changes nothing and says when it was accepted", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    await acceptTicket(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    desk.clock.set(seoul("2026-11-23 11:00"));
    const again = await acceptTicket(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    expect(again).toMatchObject({ change: "already", at: seoul("2026-11-23 10:00") });
    expect(await prisma.auditLog.count({ where: { ticketId: desk.ticketId, action: "ticket.accept" } })).toBe(1);
  });

  it("R9: another technician cannot accept someone else's call; the refusal names the assignee", async () => {
    const desk = await assigned();
    const error = await rejection(acceptTicket(desk.deps, { actor: desk.other, ticketId: desk.ticketId }));
    expect(error).toMatchObject({ code: "FORBIDDEN", details: { action: "ticket.accept", assigneeSlackUserId: desk.techRow.slackUserId } });
    expect(await db.current.prisma.ticket.findUniqueOrThrow({ where: { id: desk.ticketId } })).toMatchObject({ status: "ASSIGNED" });
  });

  it("R9: a dispatcher cannot accept on the technician's behalf", async () => {
    const desk = await assigned();
    expect(await rejection(acceptTicket(desk.deps, { actor: desk.dispatcher, ticketId: desk.ticketId }))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("R9: accepting after the arrival is a CONFLICT (ON_SITE cannot go back to ACCEPTED)", async () => {
    const desk = await assigned();
    await recordArrival(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    expect(await rejection(acceptTicket(desk.deps, { actor: desk.tech, ticketId: desk.ticketId }))).toMatchObject({ code: "CONFLICT", details: { status: "ON_SITE" } });
  });
});

describe("declineTicket", () => {
  it("R5: a declined call goes back to the dispatcher's queue: REGISTERED, no technician, the assignment ended with the reason", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    await acceptTicket(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    desk.clock.set(seoul("2026-11-23 10:30"));
    const result = await declineTicket(desk.deps, { actor: desk.tech, ticketId: desk.ticketId, reason: "  Sick today  " });
    expect(result).toMatchObject({ reason: "Sick today", technician: { staffId: desk.techRow.id }, dm: { channelId: "D0TECH" } });
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: desk.ticketId } })).toMatchObject({ status: "REGISTERED", assignedTechnicianId: null });
    expect(await prisma.assignment.findUniqueOrThrow({ where: { id: desk.assignmentId } })).toMatchObject({
      declinedAt: seoul("2026-11-23 10:30"),
      declineReason: "Sick today",
      endedAt: seoul("2026-11-23 10:30"),
    });
    expect(await prisma.auditLog.count({ where: { ticketId: desk.ticketId, action: "ticket.decline" } })).toBe(1);
    expect((await getTicketCard(desk.deps, { ticketId: desk.ticketId })).technician).toBeNull();
  });

  it("R5: a decline needs a reason", async () => {
    const desk = await assigned();
    expect(await rejection(declineTicket(desk.deps, { actor: desk.tech, ticketId: desk.ticketId, reason: "  " }))).toMatchObject({ code: "VALIDATION", fieldErrors: { reason: "required" } });
  });

  it("R5: only the assignee may decline; once declined, nobody is assigned to decline again", async () => {
    const desk = await assigned();
    expect(await rejection(declineTicket(desk.deps, { actor: desk.other, ticketId: desk.ticketId, reason: "not mine" }))).toMatchObject({ code: "FORBIDDEN" });
    await declineTicket(desk.deps, { actor: desk.tech, ticketId: desk.ticketId, reason: "Sick today" });
    const again = await rejection(declineTicket(desk.deps, { actor: desk.tech, ticketId: desk.ticketId, reason: "Sick today" }));
    expect(again).toMatchObject({ code: "FORBIDDEN", details: { assigneeSlackUserId: null } });
  });

  it("R9: a technician on site cannot decline (CONFLICT)", async () => {
    const desk = await assigned();
    await recordArrival(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    expect(await rejection(declineTicket(desk.deps, { actor: desk.tech, ticketId: desk.ticketId, reason: "too hard" }))).toMatchObject({ code: "CONFLICT", details: { status: "ON_SITE" } });
  });
});

describe("recordArrival", () => {
  it("R6: an arrival before the deadline is on time: ON_SITE, arrivedAt stored, 0 minutes late", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    desk.clock.set(seoul("2026-11-23 14:00"));
    const result = await recordArrival(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    expect(result).toMatchObject({ change: "arrived", arrivedAt: seoul("2026-11-23 14:00"), lateByMinutes: 0 });
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: desk.ticketId } })).toMatchObject({ status: "ON_SITE", arrivedAt: seoul("2026-11-23 14:00"), lateByMinutes: 0 });
    expect(await prisma.auditLog.count({ where: { ticketId: desk.ticketId, action: "ticket.arrive" } })).toBe(1);
  });

  it("R6: an arrival 90 minutes after the deadline is marked 90 minutes late", async () => {
    const desk = await assigned();
    await acceptTicket(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    desk.clock.set(seoul("2026-11-23 17:30")); // deadline Monday 16:00
    const result = await recordArrival(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    expect(result.lateByMinutes).toBe(90);
    const card = await getTicketCard(desk.deps, { ticketId: desk.ticketId });
    expect(card).toMatchObject({ status: "ON_SITE", arrival: { at: seoul("2026-11-23 17:30"), lateByMinutes: 90 } });
  });

  it("R6: past the deadline lateness is clock time: 16:00 Monday deadline, 09:30 Tuesday arrival is 17 h 30 min late", async () => {
    const desk = await assigned();
    desk.clock.set(seoul("2026-11-24 09:30"));
    const result = await recordArrival(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    // The customer waited the night too: 16:00 Monday to 09:30 Tuesday.
    expect(result.lateByMinutes).toBe(17 * 60 + 30);
  });

  it("R6: a second Arrived keeps the first arrival time and lateness, with no second audit row", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    desk.clock.set(seoul("2026-11-23 17:30"));
    await recordArrival(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    desk.clock.set(seoul("2026-11-24 10:00"));
    const again = await recordArrival(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    expect(again).toMatchObject({ change: "already", arrivedAt: seoul("2026-11-23 17:30"), lateByMinutes: 90 });
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: desk.ticketId } })).toMatchObject({ arrivedAt: seoul("2026-11-23 17:30"), lateByMinutes: 90 });
    expect(await prisma.auditLog.count({ where: { ticketId: desk.ticketId, action: "ticket.arrive" } })).toBe(1);
  });

  it("R9: back on site for a rescheduled visit (ON_HOLD): ON_SITE again, the first arrival and its R6 lateness kept", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    desk.clock.set(seoul("2026-11-23 17:30"));
    await recordArrival(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    // The visit ended "rescheduled" (Report work puts the call ON_HOLD).
    await prisma.ticket.update({ where: { id: desk.ticketId }, data: { status: "ON_HOLD" } });
    desk.clock.set(seoul("2026-11-25 11:00"));
    const back = await recordArrival(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    expect(back).toMatchObject({ change: "arrived", revisit: true, arrivedAt: seoul("2026-11-25 11:00") });
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: desk.ticketId } })).toMatchObject({ status: "ON_SITE", arrivedAt: seoul("2026-11-23 17:30"), lateByMinutes: 90 });
    const audits = await prisma.auditLog.findMany({ where: { ticketId: desk.ticketId, action: "ticket.arrive" }, orderBy: { id: "asc" } });
    expect(audits.map((row) => (row.data as { revisit?: boolean }).revisit ?? false)).toEqual([false, true]);
    await expect(recordArrival(desk.deps, { actor: desk.other, ticketId: desk.ticketId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("R9: a call handed over to another technician: their Arrived puts it on site again (the first arrival stays)", async () => {
    const prisma = db.current.prisma;
    const desk = await assigned();
    desk.clock.set(seoul("2026-11-23 11:00"));
    await recordArrival(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    await prisma.ticket.update({ where: { id: desk.ticketId }, data: { status: "ON_HOLD", outcome: "HANDED_OVER" } });
    await assignTechnician(desk.deps, { actor: desk.dispatcher, ticketId: desk.ticketId, technicianStaffId: desk.other.staffId! });
    await acceptTicket(desk.deps, { actor: desk.other, ticketId: desk.ticketId });
    desk.clock.set(seoul("2026-11-24 09:30"));
    const arrived = await recordArrival(desk.deps, { actor: desk.other, ticketId: desk.ticketId });
    expect(arrived).toMatchObject({ change: "arrived", revisit: true });
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: desk.ticketId } })).toMatchObject({ status: "ON_SITE", arrivedAt: seoul("2026-11-23 11:00"), lateByMinutes: 0 });
    expect(await recordArrival(desk.deps, { actor: desk.other, ticketId: desk.ticketId })).toMatchObject({ change: "already" });
  });

  it("R9: someone other than the assignee cannot record the arrival", async () => {
    const desk = await assigned();
    const error = await rejection(recordArrival(desk.deps, { actor: desk.other, ticketId: desk.ticketId }));
    expect(error).toMatchObject({ code: "FORBIDDEN", details: { action: "ticket.arrive", assigneeSlackUserId: desk.techRow.slackUserId } });
    expect(await db.current.prisma.ticket.findUniqueOrThrow({ where: { id: desk.ticketId } })).toMatchObject({ status: "ASSIGNED", arrivedAt: null });
  });
});
