// What the escalation views need, as plain data (never Prisma rows).
import type { Prisma } from "../../generated/prisma/client";

/** The escalations about a ticket, which the ladder climbs and which resolve when their cause ends. */
export const TICKET_ESCALATION_KINDS = ["OVERDUE", "CANNOT_FINISH", "COMPLETION_OVERDUE"] as const;

export interface SlackMessageRef {
  channelId: string;
  ts: string;
}

/** A recorded alert copy; `staffId` is set on DMs (they carry the Acknowledge button). */
export interface EscalationMessageRef extends SlackMessageRef {
  staffId?: number | null;
}

/** R7/R12: one escalation's alert (overdue call or cannot finish), as every message showing it renders it. */
export interface OverdueAlertSummary {
  escalationId: number;
  /** OVERDUE (R7), CANNOT_FINISH (R12) or COMPLETION_OVERDUE (R12: a parked call past its expected completion); the alert view renders each. */
  kind: (typeof TICKET_ESCALATION_KINDS)[number];
  /** R12: why the technician cannot finish, and the new date they expect to finish by (the date that passed, for COMPLETION_OVERDUE). */
  reason: string | null;
  expectedBy: Date | null;
  ticketId: number;
  voucherNo: string;
  customerName: string;
  /** R7: the arrival deadline (null for a CANNOT_FINISH escalation on a call without one). */
  arrivalDeadline: Date | null;
  timeZone: string;
  technicianSlackUserId: string | null;
  /** R7/R12: the roles nobody active held when it was sent, so the admins got it instead (said on every copy). */
  sentToAdminsFor: ("DIRECTOR" | "MANAGER")[];
  /** The ticket message in the dispatch channel; its thread gets a reply. */
  ticketMessage: SlackMessageRef | null;
}

export const overdueAlertSelect = {
  id: true,
  kind: true,
  reason: true,
  expectedBy: true,
  branchId: true,
  raisedAt: true,
  acknowledgedAt: true,
  acknowledgedBy: { select: { slackUserId: true } },
  resolvedAt: true,
  resolvedBecause: true,
  branch: { select: { timeZone: true, dispatchChannelId: true } },
  level: true,
  nextEscalationAt: true,
  sentToAdminsFor: true,
  messages: { select: { channelId: true, ts: true, staffId: true }, orderBy: { id: "asc" } },
  ticket: {
    select: {
      id: true,
      voucherNo: true,
      arrivalDeadline: true,
      slackChannelId: true,
      slackMessageTs: true,
      customer: { select: { name: true } },
      assignedTechnician: { select: { slackUserId: true } },
    },
  },
} satisfies Prisma.EscalationSelect;

export type OverdueAlertRow = Prisma.EscalationGetPayload<{ select: typeof overdueAlertSelect }>;

export function toOverdueAlertSummary(row: OverdueAlertRow): OverdueAlertSummary {
  const ticket = row.ticket;
  if (!ticket) throw new Error(`escalation ${row.id} is not about a ticket`);
  if (row.kind === "COMPLAINT") throw new Error(`escalation ${row.id} is a ${row.kind}, not a ticket alert`);
  if (row.kind === "OVERDUE" && !ticket.arrivalDeadline) throw new Error(`escalation ${row.id} is not an overdue call`);
  return {
    escalationId: row.id,
    kind: row.kind,
    reason: row.reason,
    expectedBy: row.expectedBy,
    ticketId: ticket.id,
    voucherNo: ticket.voucherNo,
    customerName: ticket.customer.name,
    arrivalDeadline: ticket.arrivalDeadline,
    timeZone: row.branch.timeZone,
    technicianSlackUserId: ticket.assignedTechnician?.slackUserId ?? null,
    sentToAdminsFor: row.sentToAdminsFor.filter((role): role is "DIRECTOR" | "MANAGER" => role === "DIRECTOR" || role === "MANAGER"),
    ticketMessage: ticket.slackChannelId && ticket.slackMessageTs ? { channelId: ticket.slackChannelId, ts: ticket.slackMessageTs } : null,
  };
}
