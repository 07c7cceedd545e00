// R21: what the complaint views need, as plain data (never Prisma rows).
import type { Prisma } from "../../generated/prisma/client";
import { resolutionDueAt, responseDueAt, type ComplaintContact, type ComplaintKind, type ComplaintSeverity, type ComplaintSource, type ComplaintStatus } from "../../domain/complaints";
import type { PersonRef } from "../tickets/models";
import { AppError } from "../../errors";

export interface ComplaintCard {
  id: number;
  number: string;
  kind: ComplaintKind;
  severity: ComplaintSeverity;
  source: ComplaintSource;
  status: ComplaintStatus;
  description: string;
  receivedAt: Date;
  responseDueAt: Date;
  resolutionDueAt: Date;
  branch: { id: number; code: string; timeZone: string; directorsChannelId: string | null; dispatchChannelId: string | null };
  customer: { id: number; name: string };
  ticket: { id: number; voucherNo: string; slackMessage: { channelId: string; ts: string } | null } | null;
  technician: PersonRef | null;
  handler: PersonRef | null;
  registeredBy: PersonRef | null;
  surveyId: number | null;
  response: { how: ComplaintContact | null; at: Date; note: string | null } | null;
  outcome: { text: string | null; substantiated: boolean | null; at: Date } | null;
  customerInformed: { how: string | null; at: Date } | null;
  closedAt: Date | null;
  slackMessage: { channelId: string; ts: string } | null;
}

const person = { select: { id: true, slackUserId: true, name: true } } as const;

export const complaintCardSelect = {
  id: true,
  number: true,
  kind: true,
  severity: true,
  source: true,
  status: true,
  description: true,
  receivedAt: true,
  surveyId: true,
  respondedAt: true,
  responseHow: true,
  responseNote: true,
  resolvedAt: true,
  outcome: true,
  substantiated: true,
  customerInformedAt: true,
  customerInformedHow: true,
  closedAt: true,
  slackChannelId: true,
  slackMessageTs: true,
  branch: { select: { id: true, code: true, timeZone: true, directorsChannelId: true, dispatchChannelId: true } },
  customer: { select: { id: true, name: true } },
  ticket: { select: { id: true, voucherNo: true, slackChannelId: true, slackMessageTs: true } },
  technician: person,
  handler: person,
  registeredBy: person,
} satisfies Prisma.ComplaintSelect;

type CardRow = Prisma.ComplaintGetPayload<{ select: typeof complaintCardSelect }>;

const personRef = (row: { id: number; slackUserId: string; name: string } | null): PersonRef | null => (row ? { staffId: row.id, slackUserId: row.slackUserId, name: row.name } : null);

export function toComplaintCard(row: CardRow): ComplaintCard {
  if (!row.branch) throw new Error(`complaint ${row.id} has no branch`);
  return {
    id: row.id,
    number: row.number ?? `#${row.id}`,
    kind: row.kind,
    severity: row.severity,
    source: row.source,
    status: row.status,
    description: row.description,
    receivedAt: row.receivedAt,
    responseDueAt: responseDueAt(row.receivedAt),
    resolutionDueAt: resolutionDueAt(row.receivedAt),
    branch: row.branch,
    customer: row.customer,
    ticket: row.ticket
      ? { id: row.ticket.id, voucherNo: row.ticket.voucherNo, slackMessage: row.ticket.slackChannelId && row.ticket.slackMessageTs ? { channelId: row.ticket.slackChannelId, ts: row.ticket.slackMessageTs } : null }
      : null,
    technician: personRef(row.technician),
    handler: personRef(row.handler),
    registeredBy: personRef(row.registeredBy),
    surveyId: row.surveyId,
    response: row.respondedAt ? { how: row.responseHow, at: row.respondedAt, note: row.responseNote } : null,
    outcome: row.resolvedAt ? { text: row.outcome, substantiated: row.substantiated, at: row.resolvedAt } : null,
    customerInformed: row.customerInformedAt ? { how: row.customerInformedHow, at: row.customerInformedAt } : null,
    closedAt: row.closedAt,
    slackMessage: row.slackChannelId && row.slackMessageTs ? { channelId: row.slackChannelId, ts: row.slackMessageTs } : null,
  };
}

export function complaintNotFound(complaintId: number): AppError {
  return new AppError("NOT_FOUND", { message: `complaint ${complaintId} not found`, details: { entity: "Complaint", complaintId } });
}

/** A line of a complaint's thread (its history), worded by views/complaint-message. */
export type ComplaintLineEntry =
  | { event: "registered"; by: string; at: Date; severity: ComplaintSeverity; source: ComplaintSource }
  | { event: "assigned"; by: string; at: Date; handler: string }
  | { event: "responded"; by: string; at: Date; how: ComplaintContact; respondedAt: Date; note: string }
  | { event: "resolved"; by: string; at: Date; substantiated: boolean; outcome: string }
  | { event: "informed"; by: string; at: Date; how: ComplaintContact; informedAt: Date }
  | { event: "closed"; by: string; at: Date }
  | { event: "escalated"; at: Date; cause: "SERIOUS" | "RESPONSE" | "RESOLUTION"; audience: "DIRECTOR" | "MANAGER" }
  | { event: "acknowledged"; by: string; at: Date }
  | { event: "warned"; at: Date; clock: "RESPONSE" | "RESOLUTION"; dueAt: Date }
  | { event: "level"; at: Date; technician: string; level: "WARNING" | "PENALTY" | "DISMISSAL_REVIEW"; count: number };
