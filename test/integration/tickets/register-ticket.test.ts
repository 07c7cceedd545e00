import { AppError } from "../../../src/errors";
import { registerTicket } from "../../../src/services/tickets/register-ticket";
import { getTicketCard } from "../../../src/services/tickets/get-ticket";
import { useTestDatabase } from "../../support/db";
import { wallClock } from "../../support/factories/calendar";
import { actorFor, createContract, createCustomer, createEquipment, createStaff, createTechnician } from "../../support/factories/data";
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

describe("registerTicket", () => {
  it("R4/R6: registers a call with a voucher number and an urban deadline 6 working hours on", async () => {
    const { deps, dispatcher, customer, equipment, branch } = await deskSetup(db.current.prisma);
    const result = await registerTicket(deps, { actor: dispatcher, input: intakeFor(customer.id, equipment.id), intakeKey: nextIntakeKey() });
    expect(result.created).toBe(true);
    const card = await getTicketCard(deps, { ticketId: result.ticketId });
    expect(card.voucherNo).toBe("SV-2026-000001");
    expect(card.status).toBe("REGISTERED");
    expect(card.branch.id).toBe(branch.id);
    expect(card.registeredBy?.staffId).toBe(dispatcher.staffId);
    expect(wallClock("Asia/Seoul", card.arrivalDeadline!)).toBe("2026-11-23 Mon 16:00");
    expect(card.missingFields).toEqual([]);
  });

  it("R6: a suburban call at 17:00 Friday is due 15:00 Monday", async () => {
    const { deps, dispatcher, customer, equipment } = await deskSetup(db.current.prisma, { at: "2026-11-27 17:00" });
    const { ticketId } = await registerTicket(deps, {
      actor: dispatcher,
      input: intakeFor(customer.id, equipment.id, { area: "SUBURBAN" }),
      intakeKey: nextIntakeKey(),
    });
    const card = await getTicketCard(deps, { ticketId });
    expect(card.area).toBe("SUBURBAN");
    expect(wallClock("Asia/Seoul", card.arrivalDeadline!)).toBe("2026-11-30 Mon 15:00");
  });

  it("R6: a call after hours before a holiday counts from the next opening", async () => {
    const { deps, dispatcher, customer, equipment } = await deskSetup(db.current.prisma, {
      at: "2026-11-23 20:00",
      calendar: { holidays: ["2026-11-24"] },
    });
    const { ticketId } = await registerTicket(deps, { actor: dispatcher, input: intakeFor(customer.id, equipment.id), intakeKey: nextIntakeKey() });
    expect(wallClock("Asia/Seoul", (await getTicketCard(deps, { ticketId })).arrivalDeadline!)).toBe("2026-11-25 Wed 15:00");
  });

  it("R6: the clock starts at the customer's call: a call taken Friday 17:00 and registered Monday 10:00 is due Monday 14:00", async () => {
    const { deps, dispatcher, customer, equipment } = await deskSetup(db.current.prisma);
    const calledAt = seoul("2026-11-20 17:00");
    const { ticketId } = await registerTicket(deps, { actor: dispatcher, input: intakeFor(customer.id, equipment.id, { calledAt }), intakeKey: nextIntakeKey() });
    const card = await getTicketCard(deps, { ticketId });
    expect(card.calledAt).toEqual(calledAt);
    expect(card.receivedAt).toEqual(seoul("2026-11-23 10:00"));
    expect(wallClock("Asia/Seoul", card.arrivalDeadline!)).toBe("2026-11-23 Mon 14:00");
    const audit = await db.current.prisma.auditLog.findFirstOrThrow({ where: { action: "ticket.register", ticketId } });
    expect(audit.data).toMatchObject({ calledAt: calledAt.toISOString() });
  });

  it("R6: without a called-at time the call counts from its registration", async () => {
    const { deps, dispatcher, customer, equipment } = await deskSetup(db.current.prisma);
    const { ticketId } = await registerTicket(deps, { actor: dispatcher, input: intakeFor(customer.id, equipment.id), intakeKey: nextIntakeKey() });
    expect((await getTicketCard(deps, { ticketId })).calledAt).toEqual(seoul("2026-11-23 10:00"));
  });

  it("R6: a called-at time in the future or more than 3 days back is refused on its field, and nothing is written", async () => {
    const { deps, dispatcher, customer, equipment } = await deskSetup(db.current.prisma);
    const future = await rejection(registerTicket(deps, { actor: dispatcher, input: intakeFor(customer.id, equipment.id, { calledAt: seoul("2026-11-23 10:30") }), intakeKey: nextIntakeKey() }));
    expect(future).toMatchObject({ code: "VALIDATION", fieldErrors: { calledAt: "in-future" } });
    const old = await rejection(registerTicket(deps, { actor: dispatcher, input: intakeFor(customer.id, equipment.id, { calledAt: seoul("2026-11-20 09:59") }), intakeKey: nextIntakeKey() }));
    expect(old).toMatchObject({ code: "VALIDATION", fieldErrors: { calledAt: "too-long-ago" } });
    expect(await db.current.prisma.ticket.count()).toBe(0);
  });

  it("R6: the configured arrival limits are used", async () => {
    const { deps, dispatcher, customer, equipment } = await deskSetup(db.current.prisma);
    const { ticketId } = await registerTicket(
      { ...deps, arrivalLimits: { urbanHours: 2, suburbanHours: 3 } },
      { actor: dispatcher, input: intakeFor(customer.id, equipment.id), intakeKey: nextIntakeKey() },
    );
    expect(wallClock("Asia/Seoul", (await getTicketCard(deps, { ticketId })).arrivalDeadline!)).toBe("2026-11-23 Mon 12:00");
  });

  it("R1: equipment inside its warranty makes a warranty call, and the card says until when", async () => {
    const { deps, dispatcher, customer } = await deskSetup(db.current.prisma);
    const equipment = await createEquipment(db.current.prisma, { customerId: customer.id, warrantyEnd: new Date("2027-03-31T00:00:00Z") });
    const { ticketId } = await registerTicket(deps, { actor: dispatcher, input: intakeFor(customer.id, equipment.id), intakeKey: nextIntakeKey() });
    const card = await getTicketCard(deps, { ticketId });
    expect(card.category).toBe("C_WARRANTY");
    expect(card.coverage).toEqual({ kind: "WARRANTY", until: "2027-03-31" });
    expect(card.chargeable).toBe(false);
  });

  it("R1: a live contract covering the equipment makes a contract call", async () => {
    const { deps, dispatcher, customer, equipment } = await deskSetup(db.current.prisma);
    await createContract(db.current.prisma, { customerId: customer.id, number: "MC-77", equipmentIds: [equipment.id] });
    const { ticketId } = await registerTicket(deps, { actor: dispatcher, input: intakeFor(customer.id, equipment.id), intakeKey: nextIntakeKey() });
    const card = await getTicketCard(deps, { ticketId });
    expect(card.category).toBe("B_CONTRACT");
    expect(card.coverage).toEqual({ kind: "CONTRACT", contractNumber: "MC-77", until: "2026-12-31" });
  });

  it("R1: out of warranty without a contract the call is paid and chargeable", async () => {
    const { deps, dispatcher, customer, equipment } = await deskSetup(db.current.prisma);
    const { ticketId } = await registerTicket(deps, { actor: dispatcher, input: intakeFor(customer.id, equipment.id), intakeKey: nextIntakeKey() });
    const card = await getTicketCard(deps, { ticketId });
    expect(card).toMatchObject({ category: "A_PAID", suggestedCategory: "A_PAID", coverage: { kind: "NONE" }, chargeable: true });
  });

  it("R1: the dispatcher's override is recorded with its reason", async () => {
    const { deps, dispatcher, customer, equipment } = await deskSetup(db.current.prisma);
    const { ticketId } = await registerTicket(deps, {
      actor: dispatcher,
      input: intakeFor(customer.id, equipment.id, { categoryOverride: "C_WARRANTY", categoryOverrideReason: "  Goodwill: installed late  " }),
      intakeKey: nextIntakeKey(),
    });
    const card = await getTicketCard(deps, { ticketId });
    expect(card).toMatchObject({ category: "C_WARRANTY", suggestedCategory: "A_PAID", categoryOverrideReason: "Goodwill: installed late" });
    const audit = await db.current.prisma.auditLog.findFirstOrThrow({ where: { ticketId, action: "ticket.register" } });
    expect(audit.data).toMatchObject({ category: "C_WARRANTY", suggestedCategory: "A_PAID", categoryOverrideReason: "Goodwill: installed late" });
  });

  it("R1: an override without a reason is refused on the reason field", async () => {
    const { deps, dispatcher, customer, equipment } = await deskSetup(db.current.prisma);
    const error = await rejection(
      registerTicket(deps, { actor: dispatcher, input: intakeFor(customer.id, equipment.id, { categoryOverride: "C_WARRANTY" }), intakeKey: nextIntakeKey() }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors).toEqual({ categoryOverrideReason: "required" });
    expect(await db.current.prisma.ticket.count()).toBe(0);
  });

  it("R2: a new customer and new equipment are created with the ticket, in the actor's branch", async () => {
    const { deps, dispatcher, branch } = await deskSetup(db.current.prisma);
    const { ticketId } = await registerTicket(deps, {
      actor: dispatcher,
      input: {
        customer: { kind: "new", name: "Hanbit Foods", address: "1 Sejong-daero", phone: "02-123-4567", contactPerson: "Ms Kim", area: "SUBURBAN", grade: "A" },
        equipment: { kind: "new", model: "RF-200", serial: "X-1", acceptanceDate: "2026-06-01", warrantyEnd: "2027-05-31" },
        faultDescription: "Leaks water",
        contactPhone: "010-9999-0000",
        requestedServiceAt: seoul("2026-11-24 14:00"),
        saveAsIncomplete: false,
      },
      intakeKey: nextIntakeKey(),
    });
    const card = await getTicketCard(deps, { ticketId });
    expect(card.customer).toMatchObject({ name: "Hanbit Foods", grade: "A", phone: "02-123-4567", contactPerson: "Ms Kim", code: "NEW-SV-2026-000001" });
    expect(card.equipment).toMatchObject({ model: "RF-200", serial: "X-1", acceptanceDate: "2026-06-01", warrantyEnd: "2027-05-31" });
    expect(card).toMatchObject({ area: "SUBURBAN", category: "C_WARRANTY", contact: { phone: "010-9999-0000" }, requestedServiceAt: seoul("2026-11-24 14:00") });
    expect((await db.current.prisma.customer.findUniqueOrThrow({ where: { id: card.customer.id } })).branchId).toBe(branch.id);
  });

  it("R2: typed equipment that is already the customer's is reused, another customer's is refused", async () => {
    const { deps, dispatcher, customer, equipment, branch } = await deskSetup(db.current.prisma);
    const { ticketId } = await registerTicket(deps, {
      actor: dispatcher,
      input: intakeFor(customer.id, 0, { equipment: { kind: "new", model: equipment.model, serial: equipment.serial } }),
      intakeKey: nextIntakeKey(),
    });
    expect((await getTicketCard(deps, { ticketId })).equipment?.id).toBe(equipment.id);

    const other = await createCustomer(db.current.prisma, { branchId: branch.id });
    const error = await rejection(
      registerTicket(deps, {
        actor: dispatcher,
        input: intakeFor(other.id, 0, { equipment: { kind: "new", model: equipment.model, serial: equipment.serial } }),
        intakeKey: nextIntakeKey(),
      }),
    );
    expect(error.fieldErrors).toEqual({ serial: "other-customer" });
  });

  it("R2: bad input is reported on its field: phone format, warranty end before acceptance", async () => {
    const { deps, dispatcher } = await deskSetup(db.current.prisma);
    const error = await rejection(
      registerTicket(deps, {
        actor: dispatcher,
        input: {
          customer: { kind: "new", name: "X", address: "Y", phone: "call me", area: "URBAN", grade: "C" },
          equipment: { kind: "new", model: "M", serial: "S", acceptanceDate: "2026-06-01", warrantyEnd: "2026-05-31" },
          faultDescription: "Noise",
          contactPhone: "abc",
          saveAsIncomplete: false,
        },
        intakeKey: nextIntakeKey(),
      }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors).toEqual({ phone: "invalid", contactPhone: "invalid", warrantyEnd: "before-acceptance-date" });
  });

  it("R3: missing information is refused unless the call is saved as incomplete", async () => {
    const { deps, dispatcher, customer } = await deskSetup(db.current.prisma);
    const input = intakeFor(customer.id, 0, { equipment: { kind: "none" }, faultDescription: "  " });
    const error = await rejection(registerTicket(deps, { actor: dispatcher, input, intakeKey: nextIntakeKey() }));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors).toEqual({ equipment: "required", faultDescription: "required" });
    expect(await db.current.prisma.ticket.count()).toBe(0);
  });

  it("R3: an incomplete call gets a voucher number and no deadline, and lists what is missing", async () => {
    const { deps, dispatcher, customer } = await deskSetup(db.current.prisma);
    const { ticketId } = await registerTicket(deps, {
      actor: dispatcher,
      input: intakeFor(customer.id, 0, { equipment: { kind: "new", model: "RF-200", serial: "" }, faultDescription: undefined, saveAsIncomplete: true }),
      intakeKey: nextIntakeKey(),
    });
    const card = await getTicketCard(deps, { ticketId });
    expect(card).toMatchObject({ status: "INCOMPLETE", voucherNo: "SV-2026-000001", arrivalDeadline: null, equipment: null });
    expect(card.missingFields).toEqual(["serial", "faultDescription"]);
  });

  it("R4: a second submission with the same intake key returns the first ticket without writing", async () => {
    const { deps, dispatcher, customer, equipment } = await deskSetup(db.current.prisma);
    const intakeKey = nextIntakeKey();
    const first = await registerTicket(deps, { actor: dispatcher, input: intakeFor(customer.id, equipment.id), intakeKey });
    const second = await registerTicket(deps, { actor: dispatcher, input: intakeFor(customer.id, equipment.id), intakeKey });
    expect(second).toEqual({ ticketId: first.ticketId, created: false });
    expect(await db.current.prisma.ticket.count()).toBe(1);
    expect(await db.current.prisma.auditLog.count({ where: { action: "ticket.register" } })).toBe(1);
  });

  it("R4: five parallel submissions of one modal make one ticket and use one voucher number", async () => {
    const { deps, dispatcher } = await deskSetup(db.current.prisma);
    const intakeKey = nextIntakeKey();
    const input = {
      customer: { kind: "new" as const, name: "Race Co", address: "5 Race Road", phone: "02-555-0101", area: "URBAN" as const, grade: "B" as const },
      equipment: { kind: "new" as const, model: "RC-1", serial: "RACE-1" },
      faultDescription: "No power",
      saveAsIncomplete: false,
    };
    const results = await Promise.all(Array.from({ length: 5 }, () => registerTicket(deps, { actor: dispatcher, input, intakeKey })));
    expect(new Set(results.map((r) => r.ticketId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.current.prisma.ticket.count()).toBe(1);
    expect(await db.current.prisma.customer.count({ where: { name: "Race Co" } })).toBe(1);
    expect((await db.current.prisma.ticket.findFirstOrThrow()).voucherNo).toBe("SV-2026-000001");
  });

  it("writes an audit row with the ticket", async () => {
    const { deps, dispatcher, customer, equipment } = await deskSetup(db.current.prisma);
    const { ticketId } = await registerTicket(deps, { actor: dispatcher, input: intakeFor(customer.id, equipment.id), intakeKey: nextIntakeKey() });
    const audit = await db.current.prisma.auditLog.findFirstOrThrow({ where: { ticketId } });
    expect(audit).toMatchObject({ action: "ticket.register", actor: dispatcher.slackUserId, actorStaffId: dispatcher.staffId, entity: "Ticket" });
    expect(audit.data).toMatchObject({ voucherNo: "SV-2026-000001", status: "REGISTERED" });
  });

  it("refuses technicians, naming who may register", async () => {
    const { deps, customer, equipment, branch } = await deskSetup(db.current.prisma);
    const technician = actorFor(await createTechnician(db.current.prisma, { branchId: branch.id }));
    const error = await rejection(registerTicket(deps, { actor: technician, input: intakeFor(customer.id, equipment.id), intakeKey: nextIntakeKey() }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.details).toEqual({ action: "ticket.register", rolesAllowed: ["DISPATCHER", "DIRECTOR"] });
  });

  it("refuses a dispatcher registering for another branch's customer", async () => {
    const { deps, customer, equipment } = await deskSetup(db.current.prisma);
    const elsewhere = actorFor(await createStaff(db.current.prisma, { roles: ["DISPATCHER"] }));
    const error = await rejection(registerTicket(deps, { actor: elsewhere, input: intakeFor(customer.id, equipment.id), intakeKey: nextIntakeKey() }));
    expect(error.code).toBe("FORBIDDEN");
    expect(await db.current.prisma.ticket.count()).toBe(0);
  });

  it("a new customer needs the actor's branch", async () => {
    const { deps } = await deskSetup(db.current.prisma);
    const admin = { slackUserId: "U0ADMIN", staffId: null, name: null, branchId: null, branchName: null, branchTimeZone: null, roles: ["ADMIN" as const], active: true, available: true };
    const error = await rejection(
      registerTicket(deps, {
        actor: admin,
        input: { customer: { kind: "new", name: "N", address: "A", phone: "02-111-2222", area: "URBAN", grade: "C" }, equipment: { kind: "none" }, saveAsIncomplete: true },
        intakeKey: nextIntakeKey(),
      }),
    );
    expect(error.fieldErrors).toEqual({ customer: "no-branch" });
  });
});
