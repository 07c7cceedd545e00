// Small conversions from database rows to the contract's plain data (models.ts).
import type { DbOrTx } from "../../db";
import { AppError } from "../../errors";
import type { Coverage, PersonRef } from "./models";

export function personRef(staff: { id: number; slackUserId: string; name: string } | null | undefined): PersonRef | null {
  return staff ? { staffId: staff.id, slackUserId: staff.slackUserId, name: staff.name } : null;
}

/** @db.Date columns hold midnight UTC of the local date. */
export function localDateText(date: Date | null | undefined): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

export function dateColumn(text: string | null | undefined): Date | null {
  return text ? new Date(`${text}T00:00:00Z`) : null;
}

export interface CoverageContract {
  number: string;
  startsOn: string;
  endsOn: string;
  status: string;
  coversEquipment: boolean;
}

/** R1's facts behind a category on `onDate`: warranty first, then a live contract covering the equipment. */
export function coverageOn(options: { onDate: string; warrantyEnd: string | null; contracts: CoverageContract[] }): Coverage {
  const { onDate, warrantyEnd, contracts } = options;
  if (warrantyEnd && warrantyEnd >= onDate) return { kind: "WARRANTY", until: warrantyEnd };
  const live = liveContracts(contracts, onDate).filter((contract) => contract.coversEquipment);
  if (live.length > 0) return { kind: "CONTRACT", contractNumber: live[0].number, until: live[0].endsOn };
  return { kind: "NONE" };
}

/** A customer's contract rows as dates and the equipment each names (none named: it covers all). */
export function contractsOf<S extends string>(rows: { number: string; startsOn: Date; endsOn: Date; status: S; equipment: { id: number }[] }[]) {
  return rows.map((contract) => ({
    number: contract.number,
    startsOn: localDateText(contract.startsOn)!,
    endsOn: localDateText(contract.endsOn)!,
    status: contract.status,
    equipmentIds: contract.equipment.map((e) => e.id),
  }));
}

/** Those contracts as R1's facts for one piece of equipment. */
export function contractFactsFor<T extends { equipmentIds: number[] }>(contracts: T[], equipmentId: number): (T & { coversEquipment: boolean })[] {
  return contracts.map((contract) => ({ ...contract, coversEquipment: contract.equipmentIds.length === 0 || contract.equipmentIds.includes(equipmentId) }));
}

/** Active contracts running on `onDate`, the one ending last first. */
export function liveContracts<T extends Omit<CoverageContract, "coversEquipment">>(contracts: T[], onDate: string): T[] {
  return contracts
    .filter((contract) => contract.status === "ACTIVE" && contract.startsOn <= onDate && onDate <= contract.endsOn)
    .sort((a, b) => b.endsOn.localeCompare(a.endsOn));
}

/**
 * Locks the ticket row until the transaction ends, so concurrent changes to one ticket (two
 * dispatchers assigning, a cancel racing an assignment) run one after the other and each sees
 * the other's result.
 */
export async function lockTicket(tx: DbOrTx, ticketId: number) {
  await lockTicketRow(tx, ticketId);
  const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
  if (!ticket) throw ticketNotFound(ticketId);
  return ticket;
}

/** The ticket's row lock alone, for callers that read the row with what they need in one query. */
export async function lockTicketRow(tx: DbOrTx, ticketId: number): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Ticket" WHERE "id" = ${ticketId} FOR UPDATE`;
}

export function ticketNotFound(ticketId: number): AppError {
  return new AppError("NOT_FOUND", { message: `ticket ${ticketId} not found`, details: { entity: "Ticket", ticketId } });
}

export function statusConflict(status: string, action: string): AppError {
  return new AppError("CONFLICT", { message: `${action} is not possible while the ticket is ${status}`, details: { status, action } });
}
