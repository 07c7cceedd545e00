// R6/R7: the card's lateness, the directors' on-time rate and the overdue scan apply one rule
// (domain/deadline.ts isLate/lateness), so they agree on every boundary: at the deadline, a minute
// after, after closing, and on the next working day.
import { raiseOverdueEscalations } from "../../../src/services/escalations/raise-overdue";
import { computeDirectorSummary } from "../../../src/services/reports/director-summary";
import { assignTechnician } from "../../../src/services/tickets/assign-technician";
import { getTicketCard } from "../../../src/services/tickets/get-ticket";
import { recordArrival } from "../../../src/services/tickets/record-arrival";
import { registerTicket } from "../../../src/services/tickets/register-ticket";
import { buildTicketMessage } from "../../../src/views/ticket-message";
import { useTestDatabase } from "../../support/db";
import { actorFor, createTechnician } from "../../support/factories/data";
import { deskSetup, intakeFor, nextIntakeKey, seoul } from "./ticket-helpers";

const db = useTestDatabase();

/** An urban call registered Friday 2026-11-27 12:00 Seoul: 6 working hours, due Friday 18:00, the branch's closing. */
async function dueAtFridayClosing() {
  const prisma = db.current.prisma;
  const desk = await deskSetup(prisma, { at: "2026-11-27 12:00" });
  const { ticketId } = await registerTicket(desk.deps, { actor: desk.dispatcher, input: intakeFor(desk.customer.id, desk.equipment.id), intakeKey: nextIntakeKey() });
  const techRow = await createTechnician(prisma, { branchId: desk.branch.id, areas: ["URBAN"] });
  await assignTechnician(desk.deps, { actor: desk.dispatcher, ticketId, technicianStaffId: techRow.id });
  expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).toMatchObject({ arrivalDeadline: seoul("2026-11-27 18:00") });
  return { ...desk, ticketId, tech: actorFor(techRow) };
}

describe("late is late: lateness, on-time rate and overdue alert agree (R6, R7)", () => {
  const cases = [
    { name: "exactly at the 18:00 deadline: on time, no alert", at: "2026-11-27 18:00", date: "2026-11-27", late: 0, shown: "on time" },
    { name: "one minute after: 1 min late, alerted", at: "2026-11-27 18:01", date: "2026-11-27", late: 1, shown: "1 min late" },
    { name: "at 18:40, after closing: 40 min late, alerted", at: "2026-11-27 18:40", date: "2026-11-27", late: 40, shown: "40 min late" },
    { name: "09:30 on the next working day (Monday): 63 h 30 min late, alerted", at: "2026-11-30 09:30", date: "2026-11-30", late: 63 * 60 + 30, shown: "63 h 30 min late" },
  ];

  it.each(cases)("R6: an arrival $name; the card, the on-time rate and the overdue scan agree", async ({ at, date, late, shown }) => {
    const prisma = db.current.prisma;
    const desk = await dueAtFridayClosing();
    desk.clock.set(seoul(at));

    // R7: the scan at that instant, before anyone has arrived.
    const raised = await raiseOverdueEscalations({ db: prisma, clock: desk.clock }, { actor: "system:overdue-scan" });
    expect(raised.map((one) => one.alert.ticketId)).toEqual(late > 0 ? [desk.ticketId] : []);

    // R6: the technician arrives at that same instant.
    const arrival = await recordArrival(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    expect(arrival.lateByMinutes).toBe(late);
    const card = buildTicketMessage(await getTicketCard(desk.deps, { ticketId: desk.ticketId }), { now: desk.clock.now() });
    expect(JSON.stringify(card.blocks)).toContain(shown);

    // R16: the directors' summary of the arrival's day.
    const summary = await computeDirectorSummary(prisma, { branchId: desk.branch.id, date });
    expect(summary.arrivals).toEqual({ onTime: late > 0 ? 0 : 1, withDeadline: 1, onTimeRate: late > 0 ? 0 : 1 });
  });

  it("R6: an arrival at 18:40 after an 18:00 deadline is 40 minutes late and counts as late, also when stored as 0 by an older version", async () => {
    const prisma = db.current.prisma;
    const desk = await dueAtFridayClosing();
    desk.clock.set(seoul("2026-11-27 18:40"));
    await recordArrival(desk.deps, { actor: desk.tech, ticketId: desk.ticketId });
    // Before the fix the arrival was stored 0 working minutes late; the rate judges the times, not the stored figure.
    await prisma.ticket.update({ where: { id: desk.ticketId }, data: { lateByMinutes: 0 } });
    const summary = await computeDirectorSummary(prisma, { branchId: desk.branch.id, date: "2026-11-27" });
    expect(summary.arrivals).toMatchObject({ onTime: 0, withDeadline: 1 });
  });
});
