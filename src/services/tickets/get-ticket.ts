import type { Clock } from "../../clock";
import type { DbOrTx } from "../../db";
import { formatVoucherNumber, parseVoucherNumber } from "../../domain/voucher";
import { localDate } from "../../domain/working-calendar";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import type { Actor } from "../staff/resolve-actor";
import { assertCan } from "./authorize";
import { awaitsCategoryConfirmation, SERVICE_CATEGORIES, type ServiceCategory } from "../../domain/category";
import { feePolicy } from "../../domain/fees";
import type { TicketCard, TicketWorkSummary } from "./models";
import { coverageOn, localDateText, personRef, ticketNotFound } from "./ticket-rows";

const cardInclude = {
  branch: true,
  customer: true,
  equipment: true,
  contract: { include: { equipment: { select: { id: true } } } },
  registeredBy: true,
  assignedTechnician: true,
  workLogs: { select: { category: true, hours: true } },
  partUsages: { select: { quantity: true } },
  charges: { select: { amount: true } },
  visitReports: { orderBy: { id: "desc" }, take: 1, select: { outcome: true, createdAt: true } },
  custodyReceipts: { where: { state: { not: "RETURNED" } }, select: { id: true } },
} satisfies Prisma.TicketInclude;

/**
 * Everything the ticket message shows, in one query. Coverage is read on the call's date in the
 * branch's zone, the date R1 decided the category on, so the card always explains its category.
 */
export async function getTicketCard(deps: { db: DbOrTx; clock?: Clock }, options: { ticketId: number }): Promise<TicketCard> {
  const ticket = await deps.db.ticket.findUnique({ where: { id: options.ticketId }, include: cardInclude });
  if (!ticket) throw ticketNotFound(options.ticketId);
  return toCard(ticket);
}

type CardRow = Prisma.TicketGetPayload<{ include: typeof cardInclude }>;

function toCard(ticket: CardRow): TicketCard {
  const onDate = localDate({ timeZone: ticket.branch.timeZone }, ticket.calledAt);
  const contract = ticket.contract;
  const coverage = coverageOn({
    onDate,
    warrantyEnd: localDateText(ticket.equipment?.warrantyEnd),
    contracts: contract
      ? [
          {
            number: contract.number,
            startsOn: localDateText(contract.startsOn)!,
            endsOn: localDateText(contract.endsOn)!,
            // Stored at intake because it covered the equipment then; its state since may differ.
            status: "ACTIVE",
            coversEquipment: true,
          },
        ]
      : [],
  });
  return {
    id: ticket.id,
    voucherNo: ticket.voucherNo,
    status: ticket.status,
    branch: {
      id: ticket.branch.id,
      code: ticket.branch.code,
      name: ticket.branch.name,
      timeZone: ticket.branch.timeZone,
      dispatchChannelId: ticket.branch.dispatchChannelId,
    },
    customer: {
      id: ticket.customer.id,
      code: ticket.customer.code,
      name: ticket.customer.name,
      grade: ticket.customer.grade,
      phone: ticket.customer.phone,
      address: ticket.customer.address,
      contactPerson: ticket.customer.contactPerson,
    },
    contact: { name: ticket.contactName, phone: ticket.contactPhone, address: ticket.siteAddress },
    equipment: ticket.equipment
      ? {
          id: ticket.equipment.id,
          model: ticket.equipment.model,
          serial: ticket.equipment.serial,
          acceptanceDate: localDateText(ticket.equipment.acceptanceDate),
          warrantyEnd: localDateText(ticket.equipment.warrantyEnd),
        }
      : null,
    coverage,
    category: ticket.category,
    suggestedCategory: ticket.suggestedCategory,
    categoryOverrideReason: ticket.categoryOverrideReason,
    awaitsCategoryConfirmation:
      ticket.status === "REGISTERED" &&
      awaitsCategoryConfirmation({ category: ticket.category, warrantyEnd: localDateText(ticket.equipment?.warrantyEnd), contractId: ticket.contractId, overrideReason: ticket.categoryOverrideReason }),
    chargeable: ticket.category === "A_PAID",
    fees: feePolicy(ticket.category, contract),
    area: ticket.area,
    faultDescription: ticket.faultDescription,
    requestedServiceAt: ticket.requestedServiceAt,
    calledAt: ticket.calledAt,
    receivedAt: ticket.receivedAt,
    arrivalDeadline: ticket.arrivalDeadline,
    appointment: ticket.appointmentStart && ticket.appointmentEnd ? { start: ticket.appointmentStart, end: ticket.appointmentEnd } : null,
    missingFields: ticket.status === "INCOMPLETE" ? ticket.missingFields : [],
    priority: ticket.priority,
    registeredBy: personRef(ticket.registeredBy),
    technician: personRef(ticket.assignedTechnician),
    cancelReason: ticket.cancelReason,
    arrival: ticket.arrivedAt ? { at: ticket.arrivedAt, lateByMinutes: ticket.lateByMinutes } : null,
    sourceMessageLink: ticket.sourceMessageLink,
    slackMessage: ticket.slackChannelId && ticket.slackMessageTs ? { channelId: ticket.slackChannelId, ts: ticket.slackMessageTs } : null,
    work: workSummary(ticket),
    itemsInWorkshop: ticket.custodyReceipts.length,
    rates: { labourRate: ticket.branch.labourRate.toFixed(2), currency: ticket.branch.currency, collectionLimit: ticket.branch.onSiteCollectionLimit.toFixed(2) },
  };
}

/** R13: hours per category, parts, fee and the last outcome; null before any report. */
function workSummary(ticket: CardRow): TicketWorkSummary | null {
  if (!ticket.visitReports.length && !ticket.workLogs.length) return null;
  const hours = new Map<ServiceCategory, number>();
  for (const log of ticket.workLogs) hours.set(log.category, (hours.get(log.category) ?? 0) + Number(log.hours));
  const fee = ticket.charges.reduce((sum, charge) => sum + Number(charge.amount), 0);
  const last = ticket.visitReports[0];
  return {
    hours: SERVICE_CATEGORIES.filter((category) => hours.has(category)).map((category) => ({ category, hours: hours.get(category)! })),
    partsCount: ticket.partUsages.reduce((sum, usage) => sum + usage.quantity, 0),
    feeTotal: fee.toFixed(2),
    currency: ticket.branch.currency,
    lastReport: last ? { outcome: last.outcome, at: last.createdAt } : null,
  };
}

/**
 * `/repair SV-2026-000123`: the ticket with that voucher number, if the actor may see it.
 * VALIDATION (details.voucherNo) when the text is not a voucher number.
 */
export async function findTicketByVoucher(
  deps: { db: DbOrTx; clock?: Clock },
  options: { actor: Actor; voucherNo: string },
): Promise<TicketCard> {
  const parts = parseVoucherNumber(options.voucherNo);
  if (!parts) {
    throw new AppError("VALIDATION", { message: "not a voucher number", details: { voucherNo: options.voucherNo } });
  }
  const voucherNo = formatVoucherNumber(parts.year, parts.sequence);
  const ticket = await deps.db.ticket.findUnique({ where: { voucherNo }, include: cardInclude });
  if (!ticket) throw new AppError("NOT_FOUND", { message: `no ticket ${voucherNo}`, details: { entity: "Ticket", voucherNo } });
  assertCan(options.actor, "ticket.view", { branchId: ticket.branchId, assignedTechnicianId: ticket.assignedTechnicianId });
  return toCard(ticket);
}
