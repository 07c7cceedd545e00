// What the escalation views need, as plain data (never Prisma rows).
import type { Prisma } from "../../generated/prisma/client";

export interface SlackMessageRef {
  channelId: string;
  ts: string;
}

/** R7: one overdue call's alert, as every message showing it renders it. */
export interface OverdueAlertSummary {
  escalationId: number;
  ticketId: number;
  voucherNo: string;
  customerName: string;
  arrivalDeadline: Date;
  timeZone: string;
  technicianSlackUserId: string | null;
  /** The ticket message in the dispatch channel; its thread gets a reply. */
  ticketMessage: SlackMessageRef | null;
}

export const overdueAlertSelect = {
  id: true,
  branchId: true,
  raisedAt: true,
  acknowledgedAt: true,
  acknowledgedBy: { select: { slackUserId: true } },
  branch: { select: { timeZone: true, dispatchChannelId: true } },
  messages: { select: { channelId: true, ts: true }, orderBy: { id: "asc" } },
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
  if (!ticket?.arrivalDeadline) throw new Error(`escalation ${row.id} is not an overdue call`);
  return {
    escalationId: row.id,
    ticketId: ticket.id,
    voucherNo: ticket.voucherNo,
    customerName: ticket.customer.name,
    arrivalDeadline: ticket.arrivalDeadline,
    timeZone: row.branch.timeZone,
    technicianSlackUserId: ticket.assignedTechnician?.slackUserId ?? null,
    ticketMessage: ticket.slackChannelId && ticket.slackMessageTs ? { channelId: ticket.slackChannelId, ts: ticket.slackMessageTs } : null,
  };
}
