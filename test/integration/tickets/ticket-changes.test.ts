import { fixedClock } from "../../../src/clock";
import { AppError } from "../../../src/errors";
import { createServices } from "../../../src/services";
import { silentLog } from "../../../src/logger";
import { setAvailability } from "../../../src/services/staff/set-availability";
import { assignTechnician } from "../../../src/services/tickets/assign-technician";
import { cancelTicket } from "../../../src/services/tickets/cancel-ticket";
import { completeIntake } from "../../../src/services/tickets/complete-intake";
import { editTicket } from "../../../src/services/tickets/edit-ticket";
import { findTicketByVoucher, getTicketCard } from "../../../src/services/tickets/get-ticket";
import { findTicketByMessage, recordAssignmentMessage, recordTicketMessage } from "../../../src/services/tickets/record-slack-message";
import { registerTicket } from "../../../src/services/tickets/register-ticket";
import { useTestDatabase } from "../../support/db";
import { wallClock } from "../../support/factories/calendar";
import { actorFor, createEquipment, createStaff, createTechnician, createTicket } from "../../support/factories/data";
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

async function registered(options: { at?: string } = {}) {
  const desk = await deskSetup(db.current.prisma, options);
  const { ticketId } = await registerTicket(desk.deps, {
    actor: desk.dispatcher,
    input: intakeFor(desk.customer.id, desk.equipment.id),
    intakeKey: nextIntakeKey(),
  });
  return { ...desk, ticketId };
}

describe("completeIntake", () => {
  it("R3/R6: completing an incomplete call registers it, with the deadline counted from the original call", async () => {
    const prisma = db.current.prisma;
    const desk = await deskSetup(prisma, { at: "2026-11-23 16:00" });
    const { ticketId } = await registerTicket(desk.deps, {
      actor: desk.dispatcher,
      input: intakeFor(desk.customer.id, 0, { equipment: { kind: "none" }, saveAsIncomplete: true }),
      intakeKey: nextIntakeKey(),
    });
    desk.clock.set(seoul("2026-11-24 11:00")); // the dispatcher calls back next morning
    const result = await completeIntake(desk.deps, {
      actor: desk.dispatcher,
      ticketId,
      input: intakeFor(desk.customer.id, 0, { equipment: { kind: "new", model: "RF-9", serial: "Q-1", warrantyEnd: "2027-12-31" } }),
    });
    expect(result).toMatchObject({ status: "REGISTERED", missingFields: [] });
    const card = await getTicketCard(desk.deps, { ticketId });
    expect(card).toMatchObject({ status: "REGISTERED", missingFields: [], category: "C_WARRANTY", equipment: { model: "RF-9", serial: "Q-1" } });
    // 16:00 Monday + 6 working hours = 13:00 Tuesday, whatever the time of completion.
    expect(wallClock("Asia/Seoul", card.arrivalDeadline!)).toBe("2026-11-24 Tue 13:00");
    expect(await prisma.auditLog.count({ where: { ticketId, action: "ticket.complete-intake" } })).toBe(1);
  });

  it("R3/R6: a completed call's deadline counts from when the customer called, not from its registration", async () => {
    const desk = await deskSetup(db.current.prisma, { at: "2026-11-23 16:00" });
    const { ticketId } = await registerTicket(desk.deps, {
      actor: desk.dispatcher,
      input: intakeFor(desk.customer.id, 0, { equipment: { kind: "none" }, saveAsIncomplete: true, calledAt: seoul("2026-11-23 14:00") }),
      intakeKey: nextIntakeKey(),
    });
    desk.clock.set(seoul("2026-11-24 11:00"));
    await completeIntake(desk.deps, { actor: desk.dispatcher, ticketId, input: intakeFor(desk.customer.id, desk.equipment.id) });
    // 14:00 Monday + 6 working hours = 11:00 Tuesday.
    expect(wallClock("Asia/Seoul", (await getTicketCard(desk.deps, { ticketId })).arrivalDeadline!)).toBe("2026-11-24 Tue 11:00");
  });

  it("R3: may be saved again as incomplete, and otherwise names what is still missing", async () => {
    const desk = await deskSetup(db.current.prisma);
    const incompleteInput = intakeFor(desk.customer.id, 0, { equipment: { kind: "none" }, faultDescription: undefined, saveAsIncomplete: true });
    const { ticketId } = await registerTicket(desk.deps, { actor: desk.dispatcher, input: incompleteInput, intakeKey: nextIntakeKey() });
    const again = await completeIntake(desk.deps, { actor: desk.dispatcher, ticketId, input: { ...incompleteInput, faultDescription: "Noise" } });
    expect(again).toMatchObject({ status: "INCOMPLETE", missingFields: ["equipment"], arrivalDeadline: null });
    const error = await rejection(completeIntake(desk.deps, { actor: desk.dispatcher, ticketId, input: { ...incompleteInput, saveAsIncomplete: false } }));
    expect(error.fieldErrors).toEqual({ equipment: "required", faultDescription: "required" });
  });

  it("R3: a new customer saved without a phone is completed in place, not duplicated", async () => {
    const prisma = db.current.prisma;
    const desk = await deskSetup(prisma);
    const customer = { kind: "new" as const, name: "Callback Ltd", address: "9 Road", phone: "", area: "URBAN" as const, grade: "C" as const };
    const equipment = { kind: "new" as const, model: "CB-1", serial: "CB-SER" };
    const { ticketId } = await registerTicket(desk.deps, {
      actor: desk.dispatcher,
      input: { customer, equipment, faultDescription: "Noise", saveAsIncomplete: true },
      intakeKey: nextIntakeKey(),
    });
    expect((await getTicketCard(desk.deps, { ticketId })).missingFields).toEqual(["phone"]);
    const card = await getTicketCard(desk.deps, { ticketId });
    await completeIntake(desk.deps, {
      actor: desk.dispatcher,
      ticketId,
      input: { customer: { ...customer, phone: "02-777-1234" }, equipment: { kind: "existing", equipmentId: card.equipment!.id }, faultDescription: "Noise", saveAsIncomplete: false },
    });
    expect(await prisma.customer.count({ where: { name: "Callback Ltd" } })).toBe(1);
    expect((await getTicketCard(desk.deps, { ticketId })).customer).toMatchObject({ id: card.customer.id, phone: "02-777-1234" });
  });

  it("CONFLICT on a call that is not incomplete", async () => {
    const { deps, dispatcher, ticketId, customer, equipment } = await registered();
    const error = await rejection(completeIntake(deps, { actor: dispatcher, ticketId, input: intakeFor(customer.id, equipment.id) }));
    expect([error.code, error.details.status]).toEqual(["CONFLICT", "REGISTERED"]);
  });
});

describe("editTicket", () => {
  it("R6: changing the area recomputes the deadline from the call and reports the changed fields", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, ticketId, customer, equipment, clock } = await registered();
    clock.advance(2 * 3_600_000);
    const result = await editTicket(deps, {
      actor: dispatcher,
      ticketId,
      input: intakeFor(customer.id, equipment.id, { area: "SUBURBAN", faultDescription: "Compressor trips at once", contactName: "Mr Park" }),
    });
    expect(result.changedFields).toEqual(["contactName", "faultDescription", "area"]);
    const card = await getTicketCard(deps, { ticketId });
    expect(wallClock("Asia/Seoul", card.arrivalDeadline!)).toBe("2026-11-23 Mon 17:00");
    expect(card).toMatchObject({ area: "SUBURBAN", contact: { name: "Mr Park" } });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { ticketId, action: "ticket.edit" } });
    expect(audit.data).toMatchObject({ changedFields: ["contactName", "faultDescription", "area"] });
  });

  it("R1: changing the equipment re-applies the category; an unchanged form writes nothing", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, ticketId, customer, equipment } = await registered();
    expect(await editTicket(deps, { actor: dispatcher, ticketId, input: intakeFor(customer.id, equipment.id) })).toMatchObject({ changedFields: [] });
    expect(await prisma.auditLog.count({ where: { action: "ticket.edit" } })).toBe(0);
    const covered = await createEquipment(prisma, { customerId: customer.id, warrantyEnd: new Date("2027-06-30T00:00:00Z") });
    const result = await editTicket(deps, { actor: dispatcher, ticketId, input: intakeFor(customer.id, covered.id) });
    expect(result.changedFields).toEqual(["equipment", "category"]);
    expect((await getTicketCard(deps, { ticketId })).category).toBe("C_WARRANTY");
  });

  it("R3: a dispatched call cannot lose required information", async () => {
    const { deps, dispatcher, ticketId, customer } = await registered();
    const error = await rejection(editTicket(deps, { actor: dispatcher, ticketId, input: intakeFor(customer.id, 0, { equipment: { kind: "none" } }) }));
    expect(error.fieldErrors).toEqual({ equipment: "required" });
  });

  it("CONFLICT on incomplete, cancelled or closed calls", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, customer, equipment } = await registered();
    for (const status of ["INCOMPLETE", "CANCELLED", "CLOSED"] as const) {
      const ticket = await createTicket(prisma, { customerId: customer.id, status });
      const error = await rejection(editTicket(deps, { actor: dispatcher, ticketId: ticket.id, input: intakeFor(customer.id, equipment.id) }));
      expect([error.code, error.details.status]).toEqual(["CONFLICT", status]);
    }
  });
});

describe("cancelTicket", () => {
  it("cancels with a reason, ends the open assignment and names the technician to tell", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, ticketId, branch } = await registered();
    const technician = await createTechnician(prisma, { branchId: branch.id });
    const { assignmentId } = await assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: technician.id });
    const result = await cancelTicket(deps, { actor: dispatcher, ticketId, reason: " Customer fixed it " });
    expect(result).toMatchObject({ ticketId, reason: "Customer fixed it", technician: { staffId: technician.id } });
    expect(await getTicketCard(deps, { ticketId })).toMatchObject({ status: "CANCELLED", cancelReason: "Customer fixed it" });
    expect((await prisma.assignment.findUniqueOrThrow({ where: { id: assignmentId } })).endedAt).not.toBeNull();
    expect(await prisma.auditLog.count({ where: { ticketId, action: "ticket.cancel" } })).toBe(1);
  });

  it("needs a reason, refuses final statuses and technicians", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, ticketId, branch } = await registered();
    expect((await rejection(cancelTicket(deps, { actor: dispatcher, ticketId, reason: "  " }))).fieldErrors).toEqual({ reason: "required" });
    const technician = actorFor(await createTechnician(prisma, { branchId: branch.id }));
    expect((await rejection(cancelTicket(deps, { actor: technician, ticketId, reason: "x" }))).code).toBe("FORBIDDEN");
    await cancelTicket(deps, { actor: dispatcher, ticketId, reason: "Duplicate" });
    const error = await rejection(cancelTicket(deps, { actor: dispatcher, ticketId, reason: "again" }));
    expect([error.code, error.details.status]).toEqual(["CONFLICT", "CANCELLED"]);
  });
});

describe("findTicketByVoucher", () => {
  it("R4: finds a ticket by its voucher number as people type it", async () => {
    const { deps, dispatcher, ticketId } = await registered();
    expect((await findTicketByVoucher(deps, { actor: dispatcher, voucherNo: "  sv-2026-000001 " })).id).toBe(ticketId);
    expect((await rejection(findTicketByVoucher(deps, { actor: dispatcher, voucherNo: "SV-2026-000999" }))).code).toBe("NOT_FOUND");
    expect((await rejection(findTicketByVoucher(deps, { actor: dispatcher, voucherNo: "hello" }))).code).toBe("VALIDATION");
  });

  it("refuses people of another branch", async () => {
    const { deps } = await registered();
    const elsewhere = actorFor(await createStaff(db.current.prisma, { roles: ["DISPATCHER"] }));
    expect((await rejection(findTicketByVoucher(deps, { actor: elsewhere, voucherNo: "SV-2026-000001" }))).code).toBe("FORBIDDEN");
  });
});

describe("Slack messages", () => {
  it("records where a ticket and an assignment are shown, and finds the ticket from either", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, ticketId, branch } = await registered();
    await recordTicketMessage(deps, { ticketId, channelId: "C0DISPATCH", ts: "1700000000.000100" });
    expect((await getTicketCard(deps, { ticketId })).slackMessage).toEqual({ channelId: "C0DISPATCH", ts: "1700000000.000100" });
    const technician = await createTechnician(prisma, { branchId: branch.id });
    const { assignmentId } = await assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: technician.id });
    await recordAssignmentMessage(deps, { assignmentId, channelId: "D0TECH", ts: "1700000001.000200" });
    expect(await findTicketByMessage(deps, { channelId: "C0DISPATCH", ts: "1700000000.000100" })).toEqual({ ticketId });
    expect(await findTicketByMessage(deps, { channelId: "D0TECH", ts: "1700000001.000200" })).toEqual({ ticketId });
    expect(await findTicketByMessage(deps, { channelId: "C0DISPATCH", ts: "1" })).toBeNull();
    await expect(recordTicketMessage(deps, { ticketId: 424242, channelId: "C", ts: "1" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("setAvailability", () => {
  it("R5: a technician marks themselves away and back, audited once per change", async () => {
    const prisma = db.current.prisma;
    const row = await createTechnician(prisma);
    const deps = { db: prisma, clock: fixedClock(seoul("2026-11-23 08:00")) };
    expect(await setAvailability(deps, { actor: actorFor(row), available: false })).toEqual({ staffId: row.id, available: false, changed: true });
    expect(await setAvailability(deps, { actor: actorFor(row), available: false })).toMatchObject({ changed: false });
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: row.id } })).available).toBe(false);
    await setAvailability(deps, { actor: actorFor(row), available: true });
    expect(await prisma.auditLog.count({ where: { action: "staff.set-availability", actorStaffId: row.id } })).toBe(2);
  });

  it("refuses anyone who is not a technician", async () => {
    const prisma = db.current.prisma;
    const dispatcher = actorFor(await createStaff(prisma, { roles: ["DISPATCHER"] }));
    const error = await rejection(setAvailability({ db: prisma, clock: fixedClock("2026-11-23T00:00:00Z") }, { actor: dispatcher, available: false }));
    expect(error.details).toEqual({ action: "staff.set-availability", rolesAllowed: ["TECHNICIAN"] });
  });
});

describe("createServices", () => {
  it("binds the ticket use cases with the configured arrival limits", async () => {
    const prisma = db.current.prisma;
    const desk = await deskSetup(prisma);
    const services = createServices({ db: prisma, clock: desk.clock, log: silentLog, adminSlackIds: [], arrivalLimits: { urbanHours: 1, suburbanHours: 2 } });
    const { ticketId } = await services.registerTicket({ actor: desk.dispatcher, input: intakeFor(desk.customer.id, desk.equipment.id), intakeKey: nextIntakeKey() });
    const card = await services.getTicketCard({ ticketId });
    expect(wallClock("Asia/Seoul", card.arrivalDeadline!)).toBe("2026-11-23 Mon 11:00");
    expect(await services.listTickets({ actor: desk.dispatcher, filter: "open" })).toHaveLength(1);
  });
});
