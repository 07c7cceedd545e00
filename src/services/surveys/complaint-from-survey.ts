// R21: a dissatisfied answer is a complaint, linked to the call and the technician, with the survey as
// its source, registered with the survey's answer in one transaction.
import type { Clock } from "../../clock";
import type { DbOrTx } from "../../db";
import type { Rating, SurveyItem } from "../../domain/surveys";
import { registerComplaintInTx } from "../complaints/register-complaint";

const ITEM_NAMES: Record<SurveyItem, string> = { attitude: "attitude", skill: "skill", arrivalTime: "arrival time", promiseKeeping: "keeping what was promised" };
const LEVEL_NAMES: Record<Rating, string> = { VERY_SATISFIED: "very satisfied", SATISFIED: "satisfied", DISSATISFIED: "dissatisfied", VERY_DISSATISFIED: "very dissatisfied" };

/** What the complaint says: the survey, the items rated below satisfied, and the customer's comment. */
export function complaintDescription(options: { voucherNo: string; items: { item: SurveyItem; rating: Rating }[]; comment: string | null }): string {
  const items = options.items.map(({ item, rating }) => `${ITEM_NAMES[item]} (${LEVEL_NAMES[rating]})`).join(", ");
  const comment = options.comment ? ` Customer's comment: ${options.comment}` : "";
  return `Survey of ${options.voucherNo}: the customer was not satisfied with ${items}.${comment}`;
}

/**
 * R21: registers the complaint inside the survey's transaction, through the complaints' own
 * registration (its number, message, routing to the directors): general, the director may judge it
 * serious. `by` is the person who recorded the survey, or the customer's link.
 */
export async function registerComplaintFromSurvey(
  tx: DbOrTx,
  deps: { clock: Clock },
  options: { by: { actor: string; staffId: number | null }; surveyId: number; customerId: number; ticketId: number; technicianId: number | null; voucherNo: string; items: { item: SurveyItem; rating: Rating }[]; comment: string | null },
): Promise<{ complaintId: number }> {
  const { complaintId } = await registerComplaintInTx(tx, deps, {
    by: options.by,
    customerId: options.customerId,
    ticketId: options.ticketId,
    technicianId: options.technicianId,
    surveyId: options.surveyId,
    source: "SURVEY",
    kind: "COMPLAINT",
    severity: "GENERAL",
    description: complaintDescription(options),
  });
  return { complaintId };
}
