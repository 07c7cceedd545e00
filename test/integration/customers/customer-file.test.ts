// R23: getCustomerFile reads one customer's history (equipment, contracts, calls, surveys,
// complaints) in a few bounded reads, and lookupCustomer finds them by name, code or phone among
// the customers the person may open.
import { AppError } from "../../../src/errors";
import { getCustomerFile } from "../../../src/services/customers/get-customer-file";
import { lookupCustomer } from "../../../src/services/customers/lookup-customer";
import { FILE_LIMITS } from "../../../src/services/customers/models";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranch, createContract, createCustomer, createEquipment, createStaff, createTechnician, createTicket } from "../../support/factories/data";
import { deskSetup, seoul } from "../tickets/ticket-helpers";

const db = useTestDatabase();

describe("getCustomerFile (R23)", () => {
  it("R23: gathers grade, contacts, equipment with warranty and contract, contracts, open and closed calls, surveys and complaints", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, branch, customer, equipment: outOfWarranty } = await deskSetup(prisma);
    const tech = await createTechnician(prisma, { branchId: branch.id, name: "Kim Minsu" });
    const inWarranty = await createEquipment(prisma, { customerId: customer.id, model: "AC-900", warrantyEnd: new Date("2027-01-10T00:00:00Z") });
    const contract = await createContract(prisma, { customerId: customer.id, number: "MC-77", equipmentIds: [outOfWarranty.id], startsOn: new Date("2026-01-01T00:00:00Z"), endsOn: new Date("2026-12-31T00:00:00Z") });
    await createContract(prisma, { customerId: customer.id, number: "MC-OLD", status: "EXPIRED", startsOn: new Date("2024-01-01T00:00:00Z"), endsOn: new Date("2024-12-31T00:00:00Z") });
    const open = await createTicket(prisma, {
      customerId: customer.id,
      status: "ASSIGNED",
      category: "B_CONTRACT",
      assignedTechnicianId: tech.id,
      arrivalDeadline: seoul("2026-11-23 16:00"),
      slackChannelId: "C0DISPATCH",
      slackMessageTs: "1700000000.000100",
    });
    const closed = await createTicket(prisma, {
      customerId: customer.id,
      status: "CLOSED",
      outcome: "FIXED_ON_SITE",
      resolution: "Fan motor replaced",
      closedAt: seoul("2026-11-20 15:00"),
      assignedTechnicianId: tech.id,
    });
    await prisma.charge.createMany({ data: [{ ticketId: closed.id, kind: "LABOUR", amount: 50000 }, { ticketId: closed.id, kind: "PARTS", amount: 70000.5 }] });
    await prisma.survey.create({
      data: { ticketId: closed.id, technicianId: tech.id, dueOn: new Date("2026-11-21T00:00:00Z"), respondedAt: seoul("2026-11-23 09:30"), attitude: "SATISFIED", skill: "VERY_SATISFIED", arrivalTime: "DISSATISFIED", promiseKeeping: "SATISFIED", comment: "Came late" },
    });
    await prisma.complaint.create({
      data: { customerId: customer.id, ticketId: closed.id, technicianId: tech.id, severity: "SERIOUS", description: "Arrived two hours late", receivedAt: seoul("2026-11-23 09:40"), substantiated: true },
    });
    // Someone else's history stays out.
    const other = await createCustomer(prisma, { branchId: branch.id });
    await createTicket(prisma, { customerId: other.id });
    await prisma.complaint.create({ data: { customerId: other.id, severity: "GENERAL", description: "Not theirs", receivedAt: seoul("2026-11-22 10:00") } });

    const file = await getCustomerFile(deps, { actor: dispatcher, customerId: customer.id });

    expect(file.customer).toMatchObject({ id: customer.id, code: customer.code, grade: "A", phone: customer.phone, address: customer.address, area: "URBAN", branchName: branch.name });
    expect(file.timeZone).toBe("Asia/Seoul");
    expect(file.equipment).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: inWarranty.id, underWarranty: true, warrantyEnd: "2027-01-10", coverage: { kind: "WARRANTY", until: "2027-01-10" } }),
        expect.objectContaining({ id: outOfWarranty.id, underWarranty: false, warrantyEnd: "2025-01-09", coverage: { kind: "CONTRACT", contractNumber: "MC-77", until: "2026-12-31" } }),
      ]),
    );
    expect(file.contracts).toEqual([
      { number: contract.number, startsOn: "2026-01-01", endsOn: "2026-12-31", status: "ACTIVE", live: true, equipmentCount: 1 },
      { number: "MC-OLD", startsOn: "2024-01-01", endsOn: "2024-12-31", status: "EXPIRED", live: false, equipmentCount: 0 },
    ]);
    expect(file.openCalls).toEqual([
      expect.objectContaining({ voucherNo: open.voucherNo, status: "ASSIGNED", category: "B_CONTRACT", technicianName: "Kim Minsu", arrivalDeadline: seoul("2026-11-23 16:00"), message: { channelId: "C0DISPATCH", ts: "1700000000.000100" } }),
    ]);
    expect(file.closedCalls).toEqual([expect.objectContaining({ voucherNo: closed.voucherNo, outcome: "FIXED_ON_SITE", resolution: "Fan motor replaced", fees: "120000.50", message: null })]);
    expect(file.surveys).toEqual([expect.objectContaining({ voucherNo: closed.voucherNo, attitude: "SATISFIED", arrivalTime: "DISSATISFIED", comment: "Came late", technicianName: "Kim Minsu" })]);
    expect(file.complaints).toEqual([expect.objectContaining({ severity: "SERIOUS", status: "OPEN", substantiated: true, voucherNo: closed.voucherNo, technicianName: "Kim Minsu", description: "Arrived two hours late" })]);
    expect(file.totals).toEqual({ equipment: 2, contracts: 2, openCalls: 1, closedCalls: 1, surveys: 1, complaints: 1 });
  });

  it("R23: long histories are cut to the limits, newest closed calls first, with the full counts", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, customer } = await deskSetup(prisma);
    for (let day = 1; day <= FILE_LIMITS.closedCalls + 3; day += 1) {
      await createTicket(prisma, { customerId: customer.id, status: "CLOSED", closedAt: new Date(Date.UTC(2026, 9, day)) });
    }
    const file = await getCustomerFile(deps, { actor: dispatcher, customerId: customer.id });
    expect(file.closedCalls).toHaveLength(FILE_LIMITS.closedCalls);
    expect(file.closedCalls[0].closedAt).toEqual(new Date(Date.UTC(2026, 9, FILE_LIMITS.closedCalls + 3)));
    expect(file.totals.closedCalls).toBe(FILE_LIMITS.closedCalls + 3);
  });

  it("R23: technicians and another branch's desk are refused; a manager opens any branch's customer", async () => {
    const prisma = db.current.prisma;
    const { deps, branch, customer } = await deskSetup(prisma);
    const tech = actorFor(await createTechnician(prisma, { branchId: branch.id }));
    const elsewhere = await createBranch(prisma);
    const otherDesk = actorFor(await createStaff(prisma, { branchId: elsewhere.id, roles: ["DISPATCHER"] }));
    const manager = actorFor(await createStaff(prisma, { branchId: elsewhere.id, roles: ["MANAGER"] }));
    await expect(getCustomerFile(deps, { actor: tech, customerId: customer.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getCustomerFile(deps, { actor: otherDesk, customerId: customer.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getCustomerFile(deps, { actor: manager, customerId: customer.id })).resolves.toMatchObject({ customer: { id: customer.id } });
    await expect(getCustomerFile(deps, { actor: manager, customerId: 999999 })).rejects.toBeInstanceOf(AppError);
  });
});

describe("lookupCustomer (R23)", () => {
  it("R23: finds one customer by name, by code (any case) or by phone digits", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, branch } = await deskSetup(prisma);
    const hanbit = await createCustomer(prisma, { branchId: branch.id, code: "HB-0042", name: "Hanbit Foods", phone: "02-777-1234" });
    await createCustomer(prisma, { branchId: branch.id, name: "Seoul Bakery" });
    await expect(lookupCustomer(deps, { actor: dispatcher, query: "hanbit" })).resolves.toEqual({ kind: "one", customerId: hanbit.id });
    await expect(lookupCustomer(deps, { actor: dispatcher, query: "hb-0042" })).resolves.toEqual({ kind: "one", customerId: hanbit.id });
    await expect(lookupCustomer(deps, { actor: dispatcher, query: "0277 71234" })).resolves.toEqual({ kind: "one", customerId: hanbit.id });
  });

  it("R23: several matches are listed (at most 10, with more), none says whether other branches matched", async () => {
    const prisma = db.current.prisma;
    const { deps, dispatcher, branch } = await deskSetup(prisma);
    for (let i = 0; i < 12; i += 1) await createCustomer(prisma, { branchId: branch.id, name: `Daewon Motors ${i}` });
    const several = await lookupCustomer(deps, { actor: dispatcher, query: "daewon" });
    expect(several).toMatchObject({ kind: "several", more: true });
    expect(several.kind === "several" && several.hits).toHaveLength(10);
    expect(several.kind === "several" && several.hits[0].code).toMatch(/^CU/);

    const elsewhere = await createBranch(prisma);
    await createCustomer(prisma, { branchId: elsewhere.id, name: "Busan Fisheries" });
    await expect(lookupCustomer(deps, { actor: dispatcher, query: "busan" })).resolves.toEqual({ kind: "none", elsewhere: 1 });
    await expect(lookupCustomer(deps, { actor: dispatcher, query: "nobody at all" })).resolves.toEqual({ kind: "none", elsewhere: 0 });
  });

  it("R23: a role that may not open files is refused before any search", async () => {
    const prisma = db.current.prisma;
    const { deps, branch } = await deskSetup(prisma);
    const clerk = actorFor(await createStaff(prisma, { branchId: branch.id, roles: ["PARTS_CLERK"] }));
    await expect(lookupCustomer(deps, { actor: clerk, query: "anyone" })).rejects.toMatchObject({ code: "FORBIDDEN", details: { action: "customer.view-file" } });
  });
});
