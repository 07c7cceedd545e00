// R7: the warning before an arrival deadline. The same text goes to the ticket's thread and to the
// technician's DM; an unassigned call's warning goes to the dispatch channel addressed to the dispatchers.
import type { KnownBlock } from "@slack/types";
import type { PreDeadlineWarning } from "../services/escalations/pre-deadline-warning";
import { oneLine, safeText, slackDate } from "./format";
import { messagesFor, type Locale } from "./messages";

export function buildPreDeadlineWarning(warning: PreDeadlineWarning, locale?: Locale): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(locale).escalations.preWarning;
  const customer = safeText(oneLine(warning.customerName, 80), 100);
  const head = m.warning(warning.voucherNo, customer, slackDate(warning.arrivalDeadline, warning.timeZone), warning.minutesLeft);
  const addressee = warning.technicianSlackUserId
    ? m.toTechnician(`<@${warning.technicianSlackUserId}>`)
    : warning.dispatcherSlackUserIds.length > 0
      ? m.toDispatchers(warning.dispatcherSlackUserIds.map((id) => `<@${id}>`).join(" "))
      : m.toDispatchersNobody;
  return { text: m.fallback(warning.voucherNo, oneLine(warning.customerName, 80)), blocks: [{ type: "section", text: { type: "mrkdwn", text: `${head}\n${addressee}` } }] };
}
