import { AppError } from "../../../src/errors";
import { getCustomerContext } from "../../../src/services/tickets/get-customer-context";
import { listTickets } from "../../../src/services/tickets/list-tickets";
import { searchCustomers } from "../../../src/services/tickets/search-customers";
import { useTestDatabase } from "../../support/db";
import { actorFor, createContract, createCustomer, createEquipment, createStaff, createTechnician, createTicket } from "../../support/factories/data";
import { deskSetup, seoul } from "./ticket-helpers";

const db = useTestDatabase();

describe("listTickets", () => {
  it("R8/R23: the list puts priority first, then deadline, then grade", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, branch } = await deskSetup(prisma);
    const gradeA = await createCustomer(prisma, { branchId: branch.id, grade: "A", name: "Alpha" });
    const gradeC = await createCustomer(prisma, { branchId: branch.id, grade: "C", name: "Charlie" });
    const due = (time: string) => seoul(`2026-11-23 ${time}`);
    const late = await createTicket(prisma, { customerId: gradeC.id, arrivalDeadline: due("17:00") });
    const carried = await createTicket(prisma, { customerId: gradeC.id, arrivalDeadline: due("18:00"), priority: true });
    const earlyC = await createTicket(prisma, { customerId: gradeC.id, arrivalDeadline: due("12:00") });
    const earlyA = await createTicket(prisma, { customerId: gradeA.id, arrivalDeadline: due("12:00") });
    const incomplete = await createTicket(prisma, { customerId: gradeA.id, status: "INCOMPLETE", arrivalDeadline: null });
    await createTicket(prisma, { customerId: gradeA.id, status: "CLOSED", arrivalDeadline: due("09:00") });
    await createTicket(prisma, { arrivalDeadline: due("09:00") }); // another branch

    const list = await listTickets(deps, { actor: dispatcher, filter: "open" });
    expect(list.map((t) => t.id)).toEqual([carried.id, earlyA.id, earlyC.id, late.id, incomplete.id]);
    expect(list[1]).toMatchObject({ customerName: "Alpha", grade: "A", overdue: false, priority: false, technician: null });
  });

  it("R7: overdue lists open calls past their deadline without an arrival", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, customer } = await deskSetup(prisma, { at: "2026-11-23 15:00" });
    const overdue = await createTicket(prisma, { customerId: customer.id, arrivalDeadline: seoul("2026-11-23 14:00") });
    await createTicket(prisma, { customerId: customer.id, arrivalDeadline: seoul("2026-11-23 14:00"), arrivedAt: seoul("2026-11-23 14:30"), status: "ON_SITE" });
    await createTicket(prisma, { customerId: customer.id, arrivalDeadline: seoul("2026-11-23 16:00") });
    await createTicket(prisma, { customerId: customer.id, arrivalDeadline: seoul("2026-11-23 14:00"), status: "CANCELLED" });
    const list = await listTickets(deps, { actor: dispatcher, filter: "overdue" });
    expect(list.map((t) => [t.id, t.overdue])).toEqual([[overdue.id, true]]);
  });

  it("unassigned, incomplete and mine", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, customer, branch } = await deskSetup(prisma);
    const technicianRow = await createTechnician(prisma, { branchId: branch.id });
    const waiting = await createTicket(prisma, { customerId: customer.id });
    const assigned = await createTicket(prisma, { customerId: customer.id, status: "ASSIGNED", assignedTechnicianId: technicianRow.id });
    const incomplete = await createTicket(prisma, { customerId: customer.id, status: "INCOMPLETE", registeredById: dispatcher.staffId });
    expect((await listTickets(deps, { actor: dispatcher, filter: "unassigned" })).map((t) => t.id)).toEqual([waiting.id]);
    expect((await listTickets(deps, { actor: dispatcher, filter: "incomplete" })).map((t) => t.id)).toEqual([incomplete.id]);
    expect((await listTickets(deps, { actor: dispatcher, filter: "mine" })).map((t) => t.id)).toEqual([incomplete.id]);
    const mine = await listTickets(deps, { actor: actorFor(technicianRow), filter: "mine" });
    expect(mine.map((t) => [t.id, t.technician?.staffId])).toEqual([[assigned.id, technicianRow.id]]);
  });

  it("respects the limit, and refuses people who may not view tickets", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, customer, branch } = await deskSetup(prisma);
    for (let i = 0; i < 3; i++) await createTicket(prisma, { customerId: customer.id });
    expect(await listTickets(deps, { actor: dispatcher, filter: "open", limit: 2 })).toHaveLength(2);
    const manager = actorFor(await createStaff(prisma, { branchId: branch.id, roles: [] }));
    await expect(listTickets(deps, { actor: manager, filter: "open" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("searchCustomers", () => {
  it("finds by name, any case, substring", async () => {
    const prisma = db.current.prisma;
    await createCustomer(prisma, { name: "Hanbit Foods" });
    await createCustomer(prisma, { name: "Seoul Cold Storage" });
    const hits = await searchCustomers({ db: prisma }, { query: "BIT foo" });
    expect(hits.map((h) => h.name)).toEqual(["Hanbit Foods"]);
    expect(hits[0]).toEqual({ id: expect.any(Number), name: "Hanbit Foods", phone: expect.any(String), grade: "B", area: "URBAN" });
  });

  it("finds by phone digits whatever the separators: \"010 1234\" finds 010-1234-5678", async () => {
    const prisma = db.current.prisma;
    const target = await createCustomer(prisma, { phone: "010-1234-5678" });
    await createCustomer(prisma, { phone: "02-999-8888" });
    expect((await searchCustomers({ db: prisma }, { query: "010 1234" })).map((h) => h.id)).toEqual([target.id]);
    expect((await searchCustomers({ db: prisma }, { query: "(010)12345678" })).map((h) => h.id)).toEqual([target.id]);
  });

  it("R23: the actor's branch first, then grade A first, then name", async () => {
    const prisma = db.current.prisma;
    const { branch } = await deskSetup(prisma);
    const otherA = await createCustomer(prisma, { name: "Acme Other A", grade: "A" });
    const ownC = await createCustomer(prisma, { branchId: branch.id, name: "Acme Own C", grade: "C" });
    const ownA2 = await createCustomer(prisma, { branchId: branch.id, name: "Acme Own B", grade: "A" });
    const ownA1 = await createCustomer(prisma, { branchId: branch.id, name: "Acme Own A", grade: "A" });
    const hits = await searchCustomers({ db: prisma }, { query: "acme", branchId: branch.id });
    expect(hits.map((h) => h.id)).toEqual([ownA1.id, ownA2.id, ownC.id, otherA.id]);
    expect(await searchCustomers({ db: prisma }, { query: "acme", limit: 2 })).toHaveLength(2);
  });

  it("treats LIKE wildcards literally and ignores blank queries", async () => {
    const prisma = db.current.prisma;
    await createCustomer(prisma, { name: "Plain Name" });
    expect(await searchCustomers({ db: prisma }, { query: "%" })).toEqual([]);
    expect(await searchCustomers({ db: prisma }, { query: "   " })).toEqual([]);
  });

  it("uses the trigram indexes", async () => {
    const prisma = db.current.prisma;
    // A handful of rows would be scanned anyway; forbidding that shows which indexes can serve the query.
    const plan = await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT id FROM "Customer" WHERE "name" ILIKE '%hanbit%' OR regexp_replace("phone", '[^0-9]', '', 'g') LIKE '%0101234%'`,
      );
    });
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    expect(text).toContain("Customer_name_trgm_idx");
    expect(text).toContain("Customer_phone_digits_trgm_idx");
  });
});

describe("getCustomerContext", () => {
  it("R2/R1: shows the customer's equipment with today's category, open calls and live contracts", async () => {
    const prisma = db.current.prisma;
    const { deps, customer, equipment } = await deskSetup(prisma);
    const inWarranty = await createEquipment(prisma, { customerId: customer.id, model: "AA-1", warrantyEnd: new Date("2027-01-31T00:00:00Z") });
    await createContract(prisma, { customerId: customer.id, number: "MC-1", equipmentIds: [equipment.id] });
    await createContract(prisma, { customerId: customer.id, number: "MC-OLD", startsOn: new Date("2024-01-01T00:00:00Z"), endsOn: new Date("2024-12-31T00:00:00Z") });
    const open = await createTicket(prisma, { customerId: customer.id, equipmentId: equipment.id });
    await createTicket(prisma, { customerId: customer.id, status: "CLOSED" });

    const context = await getCustomerContext(deps, { customerId: customer.id });
    expect(context.customer).toMatchObject({ id: customer.id, grade: "A", area: "URBAN" });
    expect(context.equipment.map((e) => [e.model, e.suggestedCategory, e.coverage])).toEqual([
      ["AA-1", "C_WARRANTY", { kind: "WARRANTY", until: "2027-01-31" }],
      ["CH-500 chiller", "B_CONTRACT", { kind: "CONTRACT", contractNumber: "MC-1", until: "2026-12-31" }],
    ]);
    expect(context.equipment[0].id).toBe(inWarranty.id);
    expect(context.openTickets.map((t) => [t.id, t.equipmentId])).toEqual([[open.id, equipment.id]]);
    expect(context.liveContracts).toEqual([{ number: "MC-1", endsOn: "2026-12-31", coversAllEquipment: false }]);
  });

  it("R1: the category is read on the branch's local date", async () => {
    const prisma = db.current.prisma;
    // 00:30 on 1 December in Seoul is still 30 November in UTC, the warranty's last day.
    const { deps, customer } = await deskSetup(prisma, { at: "2026-12-01 00:30" });
    await createEquipment(prisma, { customerId: customer.id, warrantyEnd: new Date("2026-11-30T00:00:00Z"), model: "ZZ" });
    const context = await getCustomerContext(deps, { customerId: customer.id });
    expect(context.equipment.find((e) => e.model === "ZZ")?.suggestedCategory).toBe("A_PAID");
  });

  it("NOT_FOUND for an unknown customer", async () => {
    const { deps } = await deskSetup(db.current.prisma);
    await expect(getCustomerContext(deps, { customerId: 987654 })).rejects.toBeInstanceOf(AppError);
  });
});
