// R21: a complaint's Slack effects, queued in the transaction of the change (the outbox delivers them).
import type { DbOrTx } from "../../db";
import { enqueueSlackEffect } from "../outbox/enqueue";
import type { ComplaintLineEntry } from "./models";

/** The complaint's message catches up, and the change gets its line in the thread. */
export async function enqueueComplaintChange(tx: DbOrTx, complaintId: number, entry: ComplaintLineEntry): Promise<void> {
  await enqueueSlackEffect(tx, { kind: "complaint-message", complaintId }, { key: `complaint:${complaintId}:message` });
  await enqueueSlackEffect(tx, { kind: "complaint-line", complaintId, entry });
}

export async function enqueueComplaintEscalationCopies(tx: DbOrTx, complaintId: number, escalationId: number): Promise<void> {
  await enqueueSlackEffect(tx, { kind: "complaint-escalation-copies", complaintId, escalationId }, { key: `escalation:${escalationId}:copies` });
}
