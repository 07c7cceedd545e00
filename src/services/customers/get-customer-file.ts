import type { Clock } from "../../clock";
import type { DbOrTx } from "../../db";
import { OPEN_STATUSES } from "../../domain/ticket-status";
import { localDate } from "../../domain/working-calendar";
import { AppError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import type { Actor } from "../staff/resolve-actor";
import { assertCan, assertRoleFor } from "../tickets/authorize";
import { contractFactsFor, contractsOf, coverageOn, liveContracts, localDateText } from "../tickets/ticket-rows";
import { FILE_LIMITS, type CustomerFile, type MessageRef } from "./models";

function messageOf(ticket: { slackChannelId: string | null; slackMessageTs: string | null }): MessageRef | null {
  return ticket.slackChannelId && ticket.slackMessageTs ? { channelId: ticket.slackChannelId, ts: ticket.slackMessageTs } : null;
}

const ticketLink = { voucherNo: true, slackChannelId: true, slackMessageTs: true } as const;

/**
 * R23: everything the service department knows about one customer, one lookup away. Five reads,
 * sent at once, each bounded (FILE_LIMITS) and on an index: the customer with their equipment,
 * contracts and latest complaints (one joined query); their open calls; their last closed calls
 * with the charges; their latest surveys; and the counts behind "and N more".
 */
export async function getCustomerFile(deps: { db: DbOrTx; clock: Clock }, options: { actor: Actor; customerId: number }): Promise<CustomerFile> {
  const { db } = deps;
  assertRoleFor(options.actor, "customer.view-file");
  const customerId = options.customerId;
  const open = [...OPEN_STATUSES];
  const [customer, openCalls, closedCalls, surveys, [counts]] = await Promise.all([
    db.customer.findUnique({
      relationLoadStrategy: "join",
      where: { id: customerId },
      select: {
        id: true,
        code: true,
        name: true,
        grade: true,
        phone: true,
        address: true,
        contactPerson: true,
        area: true,
        branchId: true,
        branch: { select: { name: true, timeZone: true, currency: true } },
        equipment: { orderBy: [{ model: "asc" }, { serial: "asc" }], take: FILE_LIMITS.equipment, select: { id: true, model: true, serial: true, warrantyEnd: true } },
        contracts: {
          orderBy: [{ endsOn: "desc" }, { id: "desc" }],
          take: FILE_LIMITS.contracts,
          select: { number: true, startsOn: true, endsOn: true, status: true, equipment: { select: { id: true } } },
        },
        complaints: {
          orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
          take: FILE_LIMITS.complaints,
          select: {
            id: true,
            number: true,
            kind: true,
            slackChannelId: true,
            slackMessageTs: true,
            receivedAt: true,
            severity: true,
            status: true,
            description: true,
            substantiated: true,
            ticket: { select: ticketLink },
            technician: { select: { name: true } },
          },
        },
        _count: { select: { equipment: true, contracts: true, complaints: true } },
      },
    }),
    db.ticket.findMany({
      where: { customerId, status: { in: open } },
      orderBy: [{ arrivalDeadline: { sort: "asc", nulls: "last" } }, { receivedAt: "asc" }, { id: "asc" }],
      take: FILE_LIMITS.openCalls,
      select: { id: true, status: true, category: true, receivedAt: true, arrivalDeadline: true, ...ticketLink, assignedTechnician: { select: { name: true } } },
    }),
    db.ticket.findMany({
      where: { customerId, status: "CLOSED" },
      orderBy: [{ closedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
      take: FILE_LIMITS.closedCalls,
      select: {
        id: true,
        category: true,
        closedAt: true,
        outcome: true,
        resolution: true,
        ...ticketLink,
        assignedTechnician: { select: { name: true } },
        charges: { select: { amount: true } },
      },
    }),
    db.survey.findMany({
      where: { ticket: { customerId } },
      orderBy: [{ respondedAt: { sort: "desc", nulls: "last" } }, { dueOn: "desc" }, { id: "desc" }],
      take: FILE_LIMITS.surveys,
      select: {
        id: true,
        respondedAt: true,
        attitude: true,
        skill: true,
        arrivalTime: true,
        promiseKeeping: true,
        comment: true,
        ticket: { select: ticketLink },
        technician: { select: { name: true } },
      },
    }),
    db.$queryRaw<{ open: number; closed: number; surveys: number }[]>`
      SELECT count(*) FILTER (WHERE t."status"::text IN (${Prisma.join(open)}))::int AS "open",
             count(*) FILTER (WHERE t."status" = 'CLOSED')::int AS "closed",
             count(s."id")::int AS "surveys"
      FROM "Ticket" t LEFT JOIN "Survey" s ON s."ticketId" = t."id"
      WHERE t."customerId" = ${customerId}`,
  ]);
  if (!customer) {
    throw new AppError("NOT_FOUND", { message: `customer ${customerId} not found`, details: { entity: "Customer", customerId } });
  }
  assertCan(options.actor, "customer.view-file", { branchId: customer.branchId });

  const today = localDate({ timeZone: customer.branch.timeZone }, deps.clock.now());
  const contracts = contractsOf(customer.contracts);
  const live = new Set(liveContracts(contracts, today).map((contract) => contract.number));
  return {
    customer: {
      id: customer.id,
      code: customer.code,
      name: customer.name,
      grade: customer.grade,
      phone: customer.phone,
      address: customer.address,
      contactPerson: customer.contactPerson,
      area: customer.area,
      branchName: customer.branch.name,
    },
    timeZone: customer.branch.timeZone,
    currency: customer.branch.currency,
    equipment: customer.equipment.map((equipment) => {
      const warrantyEnd = localDateText(equipment.warrantyEnd);
      const facts = contractFactsFor(contracts, equipment.id);
      return {
        id: equipment.id,
        model: equipment.model,
        serial: equipment.serial,
        warrantyEnd,
        underWarranty: warrantyEnd !== null && warrantyEnd >= today,
        coverage: coverageOn({ onDate: today, warrantyEnd, contracts: facts }),
      };
    }),
    contracts: contracts.map((contract) => ({
      number: contract.number,
      startsOn: contract.startsOn,
      endsOn: contract.endsOn,
      status: contract.status,
      live: live.has(contract.number),
      equipmentCount: contract.equipmentIds.length,
    })),
    openCalls: openCalls.map((ticket) => ({
      id: ticket.id,
      voucherNo: ticket.voucherNo,
      status: ticket.status,
      category: ticket.category,
      technicianName: ticket.assignedTechnician?.name ?? null,
      receivedAt: ticket.receivedAt,
      arrivalDeadline: ticket.arrivalDeadline,
      message: messageOf(ticket),
    })),
    closedCalls: closedCalls.map((ticket) => ({
      id: ticket.id,
      voucherNo: ticket.voucherNo,
      category: ticket.category,
      closedAt: ticket.closedAt,
      outcome: ticket.outcome,
      resolution: ticket.resolution,
      technicianName: ticket.assignedTechnician?.name ?? null,
      fees: ticket.charges.reduce((sum, charge) => sum.plus(charge.amount), new Prisma.Decimal(0)).toFixed(2),
      message: messageOf(ticket),
    })),
    surveys: surveys.map((survey) => ({
      id: survey.id,
      voucherNo: survey.ticket.voucherNo,
      message: messageOf(survey.ticket),
      technicianName: survey.technician?.name ?? null,
      respondedAt: survey.respondedAt,
      attitude: survey.attitude,
      skill: survey.skill,
      arrivalTime: survey.arrivalTime,
      promiseKeeping: survey.promiseKeeping,
      comment: survey.comment,
    })),
    complaints: customer.complaints.map((complaint) => ({
      id: complaint.id,
      number: complaint.number,
      kind: complaint.kind,
      complaintMessage: complaint.slackChannelId && complaint.slackMessageTs ? { channelId: complaint.slackChannelId, ts: complaint.slackMessageTs } : null,
      receivedAt: complaint.receivedAt,
      severity: complaint.severity,
      status: complaint.status,
      description: complaint.description,
      substantiated: complaint.substantiated,
      voucherNo: complaint.ticket?.voucherNo ?? null,
      message: complaint.ticket ? messageOf(complaint.ticket) : null,
      technicianName: complaint.technician?.name ?? null,
    })),
    totals: {
      equipment: customer._count.equipment,
      contracts: customer._count.contracts,
      openCalls: counts?.open ?? openCalls.length,
      closedCalls: counts?.closed ?? closedCalls.length,
      surveys: counts?.surveys ?? surveys.length,
      complaints: customer._count.complaints,
    },
  };
}
