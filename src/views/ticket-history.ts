// One reply in the ticket's thread per change: who, what, when. The thread is the ticket's history.
import type { TicketHistoryEntry } from "../services/tickets/models";
import { escapeMrkdwn, fieldName, lateText, mention, oneLine, safeText, slackDate, slackDateRange } from "./format";
import { messagesFor, type Locale } from "./messages";

/** `timeZone` is the branch's: the thread reads like the ticket message above it. */
export function buildHistoryReply(entry: TicketHistoryEntry, options: { now?: Date; timeZone: string; locale?: Locale }): { text: string } {
  const m = messagesFor(options.locale);
  const tz = options.timeZone;
  const actor = "system" in entry.actor ? m.system(escapeMrkdwn(oneLine(entry.actor.system, 80))) : mention(entry.actor);
  const when = slackDate(entry.at, tz);
  const event = entry.event;
  switch (event.kind) {
    case "registered":
      return { text: m.history.registered(actor, when) };
    case "completed-intake":
      return { text: m.history.completedIntake(actor, when) };
    case "assigned": {
      const line = event.previous
        ? m.history.reassigned(actor, mention(event.technician), mention(event.previous), when)
        : m.history.assigned(actor, mention(event.technician), when);
      return { text: event.note ? `${line}${m.history.note(safeText(oneLine(event.note, 1000), 1200))}` : line };
    }
    case "visit-scheduled":
      return { text: m.history.visitScheduled(actor, slackDateRange(event.start, event.end, tz, m), when) };
    case "edited":
      return { text: m.history.edited(actor, event.fields.slice(0, 15).map((f) => escapeMrkdwn(fieldName(f, m))), when) };
    case "cancelled":
      return { text: m.history.cancelled(actor, safeText(oneLine(event.reason, 1000), 1200), when) };
    case "accepted":
      return { text: m.history.accepted(actor, when) };
    case "declined":
      return { text: m.history.declined(actor, safeText(oneLine(event.reason, 1000), 1200), when) };
    case "arrived":
      return { text: event.lateByMinutes ? m.history.arrivedLate(actor, lateText(event.lateByMinutes, m), when) : m.history.arrivedOnTime(actor, when) };
    case "back-on-site":
      return { text: m.history.backOnSite(actor, when) };
    case "carried-over":
      return { text: m.history.carriedOver(actor, when) };
    case "deadline-moved":
      return { text: m.history.deadlineMoved(slackDate(event.from, tz), slackDate(event.to, tz), when) };
    case "rendered":
      return { text: event.text };
  }
}
