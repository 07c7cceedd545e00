// R21: a dissatisfied answer is a complaint, linked to the call and the technician, with the survey as
// its source. The complaints registration (branch `complaints`) replaces this function at merge.
import type { DbOrTx } from "../../db";
import type { Rating, SurveyItem } from "../../domain/surveys";

const ITEM_NAMES: Record<SurveyItem, string> = { attitude: "attitude", skill: "skill", arrivalTime: "arrival time", promiseKeeping: "keeping what was promised" };
const LEVEL_NAMES: Record<Rating, string> = { VERY_SATISFIED: "very satisfied", SATISFIED: "satisfied", DISSATISFIED: "dissatisfied", VERY_DISSATISFIED: "very dissatisfied" };

/** What the complaint says: the survey, the items rated below satisfied, and the customer's comment. */
export function complaintDescription(options: { voucherNo: string; items: { item: SurveyItem; rating: Rating }[]; comment: string | null }): string {
  const items = options.items.map(({ item, rating }) => `${ITEM_NAMES[item]} (${LEVEL_NAMES[rating]})`).join(", ");
  const comment = options.comment ? ` Customer's comment: ${options.comment}` : "";
  return `Survey of ${options.voucherNo}: the customer was not satisfied with ${items}.${comment}`;
}

/** Inserts the complaint inside the survey's transaction (GENERAL; the director may judge it serious). */
export async function registerComplaintFromSurvey(
  tx: DbOrTx,
  options: { customerId: number; ticketId: number; technicianId: number | null; voucherNo: string; items: { item: SurveyItem; rating: Rating }[]; comment: string | null; at: Date },
): Promise<{ complaintId: number }> {
  const complaint = await tx.complaint.create({
    data: {
      customerId: options.customerId,
      ticketId: options.ticketId,
      technicianId: options.technicianId,
      severity: "GENERAL",
      description: complaintDescription(options),
      receivedAt: options.at,
    },
    select: { id: true },
  });
  return { complaintId: complaint.id };
}
