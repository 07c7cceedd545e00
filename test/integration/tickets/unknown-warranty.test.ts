// R1 / seed 001 §4.4.1: "check whether it is in warranty" — equipment with no warranty end on file
// and no contract is not paid work by default: the call waits until the dispatcher sets the
// warranty end or confirms category A with a reason.
import { assignTechnician } from "../../../src/services/tickets/assign-technician";
import { editTicket } from "../../../src/services/tickets/edit-ticket";
import { getTicketCard } from "../../../src/services/tickets/get-ticket";
import { registerTicket } from "../../../src/services/tickets/register-ticket";
import { useTestDatabase } from "../../support/db";
import { createEquipment, createTechnician } from "../../support/factories/data";
import { deskSetup, intakeFor, nextIntakeKey } from "./ticket-helpers";

const db = useTestDatabase();

async function unknownWarrantyCall() {
  const desk = await deskSetup(db.current.prisma);
  const equipment = await createEquipment(db.current.prisma, { customerId: desk.customer.id, model: "Label printer", warrantyEnd: null, acceptanceDate: new Date("2025-03-01T00:00:00Z") });
  const technician = await createTechnician(db.current.prisma, { branchId: desk.branch.id, areas: ["URBAN"] });
  const { ticketId } = await registerTicket(desk.deps, { actor: desk.dispatcher, input: intakeFor(desk.customer.id, equipment.id), intakeKey: nextIntakeKey() });
  return { ...desk, equipment, technician, ticketId };
}

describe("an unknown warranty is not paid work (R1)", () => {
  it("R1: a call on equipment with no warranty end and no contract is not dispatched as paid until confirmed", async () => {
    const { deps, dispatcher, technician, ticketId } = await unknownWarrantyCall();
    const card = await getTicketCard(deps, { ticketId });
    expect(card).toMatchObject({ category: "A_PAID", awaitsCategoryConfirmation: true });
    await expect(assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: technician.id })).rejects.toMatchObject({
      code: "CONFLICT",
      details: { reason: "warranty-unknown" },
    });
  });

  it("R1: confirming category A with a reason (recorded like an override) lets the call be dispatched", async () => {
    const { deps, dispatcher, technician, ticketId, customer, equipment, prisma } = await unknownWarrantyCall().then((d) => ({ ...d, prisma: db.current.prisma }));
    await editTicket(deps, { actor: dispatcher, ticketId, input: intakeFor(customer.id, equipment.id, { categoryOverride: "A_PAID", categoryOverrideReason: "Customer says it was bought second-hand, no warranty" }) });
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).toMatchObject({ category: "A_PAID", categoryOverrideReason: "Customer says it was bought second-hand, no warranty" });
    expect((await getTicketCard(deps, { ticketId })).awaitsCategoryConfirmation).toBe(false);
    await expect(assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: technician.id })).resolves.toMatchObject({ change: "assigned" });
  });

  it("R1: setting the equipment's warranty end on the call decides the category (here: still in warranty, C)", async () => {
    const { deps, dispatcher, technician, ticketId, customer, equipment } = await unknownWarrantyCall();
    await editTicket(deps, { actor: dispatcher, ticketId, input: intakeFor(customer.id, equipment.id, { equipment: { kind: "existing", equipmentId: equipment.id, warrantyEnd: "2027-03-01" } }) });
    expect(await db.current.prisma.equipment.findUniqueOrThrow({ where: { id: equipment.id } })).toMatchObject({ warrantyEnd: new Date("2027-03-01T00:00:00Z") });
    expect(await getTicketCard(deps, { ticketId })).toMatchObject({ category: "C_WARRANTY", awaitsCategoryConfirmation: false });
    await expect(assignTechnician(deps, { actor: dispatcher, ticketId, technicianStaffId: technician.id })).resolves.toMatchObject({ change: "assigned" });
  });

  it("R1: a known warranty end is never overwritten from the intake form", async () => {
    const desk = await deskSetup(db.current.prisma);
    await registerTicket(desk.deps, {
      actor: desk.dispatcher,
      input: intakeFor(desk.customer.id, desk.equipment.id, { equipment: { kind: "existing", equipmentId: desk.equipment.id, warrantyEnd: "2030-01-01" } }),
      intakeKey: nextIntakeKey(),
    });
    expect(await db.current.prisma.equipment.findUniqueOrThrow({ where: { id: desk.equipment.id } })).toMatchObject({ warrantyEnd: new Date("2025-01-09T00:00:00Z") });
  });
});
