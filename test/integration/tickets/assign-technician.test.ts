import { AppError } from "../../../src/errors";
import { assignTechnician } from "../../../src/services/tickets/assign-technician";
import { getTicketCard } from "../../../src/services/tickets/get-ticket";
import { registerTicket } from "../../../src/services/tickets/register-ticket";
import { scheduleVisit } from "../../../src/services/tickets/schedule-visit";
import { suggestTechnicians } from "../../../src/services/tickets/suggest-technicians";
import { useTestDatabase } from "../../support/db";
import { actorFor, createStaff, createTechnician, createTicket } from "../../support/factories/data";
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

async function setup() {
  const prisma = db.current.prisma;
  const desk = await deskSetup(prisma);
  const { ticketId } = await registerTicket(desk.deps, {
    actor: desk.dispatcher,
    input: intakeFor(desk.customer.id, desk.equipment.id),
    intakeKey: nextIntakeKey(),
  });
  const kim = await createTechnician(prisma, { branchId: desk.branch.id, name: "Kim", areas: ["URBAN"], skills: ["chiller"] });
  const lee = await createTechnician(prisma, { branchId: desk.branch.id, name: "Lee", areas: ["URBAN"], skills: ["boiler"] });
  return { ...desk, ticketId, kim, lee };
}

describe("suggestTechnicians", () => {
  it("R5: ranks by availability, area, skill, then today's load, then name", async () => {
    const prisma = db.current.prisma;
    const { deps, branch, ticketId, customer, kim, lee } = await setup();
    await createTechnician(prisma, { branchId: branch.id, name: "Away", areas: ["URBAN"], skills: ["chiller"], available: false });
    const suburban = await createTechnician(prisma, { branchId: branch.id, name: "Sub", areas: ["SUBURBAN"], skills: ["chiller"] });
    const busy = await createTechnician(prisma, { branchId: branch.id, name: "Busy", areas: ["URBAN"], skills: ["chiller"] });
    await createTicket(prisma, { customerId: customer.id, status: "ASSIGNED", assignedTechnicianId: busy.id });
    await createTicket(prisma, { customerId: customer.id, status: "ON_HOLD", assignedTechnicianId: busy.id });
    await createTicket(prisma, { customerId: customer.id, status: "CLOSED", assignedTechnicianId: busy.id });
    // Kim has a visit today; Lee does not match the "chiller" model.
    await createTicket(prisma, { customerId: customer.id, status: "RESOLVED", assignedTechnicianId: kim.id, appointmentStart: seoul("2026-11-23 15:00"), appointmentEnd: seoul("2026-11-23 16:00") });
    await createStaff(prisma, { branchId: branch.id, name: "Desk", roles: ["DISPATCHER"] });
    await createTechnician(prisma, { branchId: branch.id, name: "Gone", active: false });
    await createTechnician(prisma, { name: "Elsewhere" });

    const list = await suggestTechnicians(deps, { ticketId });
    expect(list.map((t) => t.name)).toEqual(["Kim", "Busy", "Lee", "Sub", "Away"]);
    expect(list[0]).toMatchObject({ staffId: kim.id, coversArea: true, skillMatch: true, openTickets: 0, visitsToday: 1, available: true });
    expect(list.find((t) => t.staffId === busy.id)).toMatchObject({ openTickets: 2, visitsToday: 0 });
    expect(list.find((t) => t.staffId === lee.id)).toMatchObject({ skillMatch: false });
    expect(list.find((t) => t.staffId === suburban.id)).toMatchObject({ coversArea: false });
  });

  it("R5: away technicians are listed last", async () => {
    const prisma = db.current.prisma;
    const { deps, ticketId, kim, lee } = await setup();
    await prisma.staff.update({ where: { id: kim.id }, data: { available: false } });
    const list = await suggestTechnicians(deps, { ticketId });
    expect(list.map((t) => [t.staffId, t.available])).toEqual([
      [lee.id, true],
      [kim.id, false],
    ]);
  });

  it("R5: marks the technician currently assigned", async () => {
    const { deps, dispatcher, ticketId, kim } = await setup();
    await assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: kim.id });
    const list = await suggestTechnicians(deps, { ticketId });
    expect(list.filter((t) => t.currentlyAssigned).map((t) => t.staffId)).toEqual([kim.id]);
  });
});

describe("assignTechnician", () => {
  it("R5: assigns a technician with a note and an appointment kept apart from the deadline", async () => {
    const { deps, dispatcher, ticketId, kim } = await setup();
    const before = await getTicketCard(deps, { ticketId });
    const appointment = { start: seoul("2026-11-24 10:00"), end: seoul("2026-11-24 12:00") };
    const result = await assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: kim.id, note: " Bring gauges ", appointment });
    expect(result).toMatchObject({ ticketId, technician: { staffId: kim.id, name: "Kim" }, previous: null, change: "assigned" });
    const card = await getTicketCard(deps, { ticketId });
    expect(card).toMatchObject({ status: "ASSIGNED", technician: { staffId: kim.id }, appointment });
    expect(card.arrivalDeadline).toEqual(before.arrivalDeadline);
    const assignment = await db.current.prisma.assignment.findUniqueOrThrow({ where: { id: result.assignmentId } });
    expect(assignment).toMatchObject({ note: "Bring gauges", assignedById: dispatcher.staffId, endedAt: null });
    const audit = await db.current.prisma.auditLog.findFirstOrThrow({ where: { ticketId, action: "ticket.assign" } });
    expect(audit.data).toMatchObject({ change: "assigned", technicianId: kim.id, fromStatus: "REGISTERED" });
  });

  it("R5: re-assigning ends the previous assignment, keeps the history and names both technicians", async () => {
    const { deps, dispatcher, ticketId, kim, lee, clock } = await setup();
    const first = await assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: kim.id });
    clock.advance(30 * 60_000);
    const second = await assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: lee.id });
    expect(second).toMatchObject({ technician: { staffId: lee.id }, previous: { staffId: kim.id }, change: "reassigned" });
    const history = await db.current.prisma.assignment.findMany({ where: { ticketId }, orderBy: { assignedAt: "asc" } });
    expect(history.map((a) => [a.id, a.technicianId, a.endedAt?.toISOString() ?? null])).toEqual([
      [first.assignmentId, kim.id, seoul("2026-11-23 10:30").toISOString()],
      [second.assignmentId, lee.id, null],
    ]);
  });

  it("R5: choosing the same technician again only updates the note and appointment", async () => {
    const { deps, dispatcher, ticketId, kim } = await setup();
    const first = await assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: kim.id, note: "first" });
    const appointment = { start: seoul("2026-11-24 14:00"), end: seoul("2026-11-24 15:00") };
    const again = await assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: kim.id, note: "second", appointment });
    expect(again).toMatchObject({ assignmentId: first.assignmentId, previous: null, change: "updated" });
    const rows = await db.current.prisma.assignment.findMany({ where: { ticketId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ note: "second", appointmentStart: appointment.start });
  });

  it("R3: an incomplete call gets a voucher number but cannot be assigned", async () => {
    const { deps, dispatcher, customer, kim } = await setup();
    const { ticketId } = await registerTicket(deps, {
      actor: dispatcher,
      input: intakeFor(customer.id, 0, { equipment: { kind: "none" }, saveAsIncomplete: true }),
      intakeKey: nextIntakeKey(),
    });
    expect((await getTicketCard(deps, { ticketId })).voucherNo).toMatch(/^SV-2026-\d{6}$/);
    const error = await rejection(assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: kim.id }));
    expect(error.code).toBe("CONFLICT");
    expect(error.details).toMatchObject({ status: "INCOMPLETE" });
    expect(await db.current.prisma.assignment.count()).toBe(0);
  });

  it("refuses cancelled and closed calls", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, customer, kim } = await setup();
    for (const status of ["CANCELLED", "CLOSED"] as const) {
      const ticket = await createTicket(prisma, { customerId: customer.id, status });
      const error = await rejection(assignTechnician(deps, { actor: dispatcher, ticketId: ticket.id, technicianStaffId: kim.id }));
      expect([error.code, error.details.status]).toEqual(["CONFLICT", status]);
    }
  });

  it("refuses someone who is not an active technician of the ticket's branch", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, ticketId, branch } = await setup();
    const candidates = [
      await createTechnician(prisma, { name: "Other branch" }),
      await createTechnician(prisma, { branchId: branch.id, active: false }),
      await createStaff(prisma, { branchId: branch.id, roles: ["PARTS_CLERK"] }),
    ];
    for (const staff of candidates) {
      const error = await rejection(assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: staff.id }));
      expect(error.fieldErrors).toEqual({ technician: "not-a-technician" });
    }
    const error = await rejection(assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: 999999 }));
    expect(error.fieldErrors).toEqual({ technician: "not-a-technician" });
  });

  it("refuses an appointment that ends before it starts", async () => {
    const { deps, dispatcher, ticketId, kim } = await setup();
    const error = await rejection(
      assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: kim.id, appointment: { start: seoul("2026-11-24 12:00"), end: seoul("2026-11-24 11:00") } }),
    );
    expect(error.fieldErrors).toEqual({ appointment: "end-before-start" });
  });

  it("refuses technicians and other branches' dispatchers, naming who may assign", async () => {
    const prisma = db.current.prisma;
    const { deps, ticketId, kim } = await setup();
    const error = await rejection(assignTechnician(deps, { actor: actorFor(kim), ticketId, technicianStaffId: kim.id }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.details).toEqual({ action: "ticket.assign", rolesAllowed: ["DISPATCHER", "DIRECTOR"] });
    const elsewhere = actorFor(await createStaff(prisma, { roles: ["DISPATCHER"] }));
    expect((await rejection(assignTechnician(deps, { actor: elsewhere, ticketId, technicianStaffId: kim.id }))).code).toBe("FORBIDDEN");
  });

  it("R5: two dispatchers assigning at once leave exactly one open assignment", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, ticketId, kim, lee, branch } = await setup();
    const director = actorFor(await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"] }));
    const results = await Promise.all([
      assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: kim.id }),
      assignTechnician(deps, { actor: director, ticketId, technicianStaffId: lee.id }),
      assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: kim.id }),
    ]);
    const open = await prisma.assignment.findMany({ where: { ticketId, endedAt: null } });
    expect(open).toHaveLength(1);
    const ticket = await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    expect(ticket.assignedTechnicianId).toBe(open[0].technicianId);
    expect(results.filter((r) => r.change === "assigned")).toHaveLength(1);
  });
});

describe("scheduleVisit", () => {
  it("R5: the assigned technician agrees an appointment, kept apart from the deadline", async () => {
    const { deps, dispatcher, ticketId, kim } = await setup();
    const { assignmentId } = await assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: kim.id });
    const before = await getTicketCard(deps, { ticketId });
    const start = seoul("2026-11-24 09:30");
    const end = seoul("2026-11-24 11:00");
    const result = await scheduleVisit(deps, { actor: actorFor(kim), ticketId, start, end });
    expect(result).toMatchObject({ ticketId, start, end, technician: { staffId: kim.id } });
    const card = await getTicketCard(deps, { ticketId });
    expect(card).toMatchObject({ appointment: { start, end }, status: "ASSIGNED", arrivalDeadline: before.arrivalDeadline });
    expect(await db.current.prisma.assignment.findUniqueOrThrow({ where: { id: assignmentId } })).toMatchObject({ appointmentStart: start, appointmentEnd: end });
    expect(await db.current.prisma.auditLog.count({ where: { ticketId, action: "ticket.schedule-visit" } })).toBe(1);
  });

  it("the dispatcher may schedule; another technician may not", async () => {
    const { deps, dispatcher, ticketId, kim, lee } = await setup();
    await assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: kim.id });
    await scheduleVisit(deps, { actor: dispatcher, ticketId, start: seoul("2026-11-24 09:30"), end: seoul("2026-11-24 10:30") });
    const error = await rejection(scheduleVisit(deps, { actor: actorFor(lee), ticketId, start: seoul("2026-11-24 09:30"), end: seoul("2026-11-24 10:30") }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.details.rolesAllowed).toEqual(["DISPATCHER", "TECHNICIAN", "DIRECTOR"]);
  });

  it("refuses an incomplete call and a window that ends before it starts", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, ticketId, customer } = await setup();
    const incomplete = await createTicket(prisma, { customerId: customer.id, status: "INCOMPLETE" });
    const conflict = await rejection(scheduleVisit(deps, { actor: dispatcher, ticketId: incomplete.id, start: seoul("2026-11-24 09:30"), end: seoul("2026-11-24 10:30") }));
    expect([conflict.code, conflict.details.status]).toEqual(["CONFLICT", "INCOMPLETE"]);
    const invalid = await rejection(scheduleVisit(deps, { actor: dispatcher, ticketId, start: seoul("2026-11-24 10:30"), end: seoul("2026-11-24 10:30") }));
    expect(invalid.fieldErrors).toEqual({ appointment: "end-before-start" });
  });
});

describe("Assignment table", () => {
  it("R5: the database itself refuses a second open assignment for one ticket", async () => {
    const prisma = db.current.prisma;
    const { ticketId, kim, lee, dispatcherRow } = await setup();
    const row = (technicianId: number) => ({ ticketId, technicianId, assignedById: dispatcherRow.id, assignedAt: new Date() });
    await prisma.assignment.create({ data: { ...row(kim.id), endedAt: new Date() } });
    await prisma.assignment.create({ data: row(kim.id) });
    await expect(prisma.assignment.create({ data: row(lee.id) })).rejects.toMatchObject({ code: "P2002" });
  });
});
