import type { Clock } from "../../clock";
import type { DbOrTx } from "../../db";
import { localDayBounds } from "../../domain/local-day";
import { rankTechnicians } from "../../domain/technician-ranking";
import { TECHNICIAN_LOAD_STATUSES } from "../../domain/ticket-status";
import type { TechnicianSuggestion } from "./models";
import { ticketNotFound } from "./ticket-rows";

/**
 * R5: the branch's active technicians for the Assign modal, most suitable first (see
 * domain/technician-ranking.ts). Load comes from two grouped counts, whatever the team's size.
 */
export async function suggestTechnicians(deps: { db: DbOrTx; clock: Clock }, options: { ticketId: number }): Promise<TechnicianSuggestion[]> {
  const { db, clock } = deps;
  const ticket = await db.ticket.findUnique({
    where: { id: options.ticketId },
    select: { branchId: true, area: true, faultDescription: true, assignedTechnicianId: true, equipment: { select: { model: true } }, branch: { select: { timeZone: true } } },
  });
  if (!ticket) throw ticketNotFound(options.ticketId);

  const staff = await db.staff.findMany({
    where: { branchId: ticket.branchId, active: true, roles: { has: "TECHNICIAN" } },
    select: { id: true, slackUserId: true, name: true, areas: true, skills: true, available: true },
  });
  if (staff.length === 0) return [];
  const ids = staff.map((s) => s.id);
  const today = localDayBounds(ticket.branch.timeZone, clock.now());
  const [open, visits] = await Promise.all([
    db.ticket.groupBy({
      by: ["assignedTechnicianId"],
      where: { assignedTechnicianId: { in: ids }, status: { in: [...TECHNICIAN_LOAD_STATUSES] } },
      _count: { _all: true },
    }),
    db.ticket.groupBy({
      by: ["assignedTechnicianId"],
      where: { assignedTechnicianId: { in: ids }, status: { not: "CANCELLED" }, appointmentStart: { gte: today.start, lt: today.end } },
      _count: { _all: true },
    }),
  ]);
  const openBy = new Map(open.map((row) => [row.assignedTechnicianId, row._count._all]));
  const visitsBy = new Map(visits.map((row) => [row.assignedTechnicianId, row._count._all]));

  const candidates = staff.map((s) => ({
    staffId: s.id,
    slackUserId: s.slackUserId,
    name: s.name,
    areas: s.areas,
    skills: s.skills,
    available: s.available,
    openTickets: openBy.get(s.id) ?? 0,
    visitsToday: visitsBy.get(s.id) ?? 0,
  }));
  return rankTechnicians(candidates, { area: ticket.area, equipmentModel: ticket.equipment?.model, faultDescription: ticket.faultDescription }).map(
    ({ candidate, coversArea, skillMatch }) => ({
      ...candidate,
      coversArea,
      skillMatch,
      currentlyAssigned: candidate.staffId === ticket.assignedTechnicianId,
    }),
  );
}
