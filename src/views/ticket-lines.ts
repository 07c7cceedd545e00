// The lines of a call's thread (its history), as the outbox posts them: each queued line holds the
// facts of a change, worded here when it is delivered.
import type { KnownBlock } from "@slack/types";
import type { LineActor, TicketLine } from "../services/outbox/effects";
import { buildCustodyReceiptMessage } from "./custody-receipt";
import { mention, safeText, slackDate } from "./format";
import { returnedThreadText, stateChangedText } from "./goods-register";
import { messagesFor, type Locale } from "./messages";
import { reportHistoryText } from "./report-work-modal";
import { registeredByText } from "./complaint-message";
import { buildHistoryReply } from "./ticket-history";
import { buildResolvedHistory } from "./thread-reply";

export interface TicketLineContext {
  voucherNo: string;
  timeZone: string;
  now: Date;
  locale?: Locale;
}

export function buildTicketLine(line: TicketLine, context: TicketLineContext): { text: string; blocks?: KnownBlock[] } {
  const { timeZone, locale } = context;
  switch (line.kind) {
    case "entry":
      return buildHistoryReply(line.entry, { now: context.now, timeZone, locale });
    case "needs-technician":
      return { text: messagesFor(locale).technician.needsTechnician(context.voucherNo) };
    case "rendered":
      return { text: line.text, ...(line.blocks ? { blocks: line.blocks as KnownBlock[] } : {}) };
    case "work-report":
      return { text: reportHistoryText(line.report, { actor: actorText(line.actor), when: slackDate(line.at, timeZone), timeZone }, locale) };
    case "custody-receipt":
      return buildCustodyReceiptMessage({ receipt: line.receipt, voucherNo: context.voucherNo, timeZone, locale });
    case "closed":
      return { text: messagesFor(locale).workReport.history.closed(actorText(line.actor), safeText(line.resolution, 2000), slackDate(line.closedAt, timeZone)) };
    case "custody-state":
      return { text: stateChangedText({ number: line.number, to: line.to, change: "changed" }, locale) };
    case "custody-returned":
      return { text: returnedThreadText(line, { timeZone, note: line.note, locale }) };
    case "resolved-by-reply":
      return { text: buildResolvedHistory({ actor: line.actor, signedBy: line.signedBy, hours: line.hours, partLines: line.partLines, at: line.at, timeZone, locale }) };
    case "complaint": {
      const m = messagesFor(locale).complaints;
      return { text: m.line.onTicket(line.number, m.kind[line.complaintKind], m.severity[line.severity], registeredByText(line.by, line.source, m), slackDate(line.at, timeZone)) };
    }
  }
}

/** A person who acted: a mention for staff, the Slack id otherwise (an admin who is not staff). */
function actorText(actor: LineActor): string {
  return actor.staffId !== null ? mention({ staffId: actor.staffId, slackUserId: actor.slackUserId, name: actor.name ?? actor.slackUserId }) : safeText(actor.slackUserId, 50);
}
