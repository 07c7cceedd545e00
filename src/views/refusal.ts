// What a person is told, ephemerally, when the bot refuses or fails: who may do it, why not now,
// or that it failed, was logged, and nothing changed.
import { ROLES, type Role } from "../domain/permissions";
import type { ErrorCode } from "../errors";
import type { TicketStatus } from "../services/tickets/models";
import type { TicketEnding } from "../services/tickets/ticket-ending";
import { escapeMrkdwn, fieldName, slackDate, truncate } from "./format";
import { messagesFor, type Locale } from "./messages";

export interface RefusalInput {
  code: ErrorCode;
  details?: Record<string, unknown>;
  fieldErrors?: Record<string, string>;
}

const isRole = (value: unknown): value is Role => typeof value === "string" && (ROLES as readonly string[]).includes(value);
const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);
const voucherOf = (details: Record<string, unknown>): string | undefined =>
  typeof details.voucherNo === "string" && /^[A-Z]{2}-\d{4}-\d{1,9}$/.test(details.voucherNo) ? details.voucherNo : undefined;

export function buildRefusal(error: RefusalInput, options: { locale?: Locale } = {}): { text: string } {
  const m = messagesFor(options.locale);
  const details = error.details ?? {};
  const voucherNo = voucherOf(details);
  switch (error.code) {
    case "FORBIDDEN": {
      const assigneeAction = typeof details.action === "string" ? m.refusal.forbiddenAction[details.action] : undefined;
      // The technician's own actions (R9): name the one person who may.
      if (assigneeAction && typeof details.assigneeSlackUserId === "string" && /^[UW][A-Z0-9]+$/.test(details.assigneeSlackUserId)) {
        return { text: m.refusal.assigneeOnly(`<@${details.assigneeSlackUserId}>`, assigneeAction) };
      }
      if (assigneeAction && details.assigneeSlackUserId === null) return { text: m.refusal.nobodyAssigned(assigneeAction) };
      const roles = stringList(details.rolesAllowed).filter(isRole);
      if (!roles.length) return { text: m.errors.FORBIDDEN };
      // Admins may do everything; permissions.rolesAllowed leaves them out where others are listed.
      if (!roles.includes("ADMIN")) roles.push("ADMIN");
      const names = roles.map((role) => m.rolePlurals[role]);
      const action = typeof details.action === "string" ? m.refusal.forbiddenAction[details.action] : undefined;
      return { text: `${action ? m.refusal.forbiddenWhoAction(names, action) : m.refusal.forbiddenWho(names)} ${m.refusal.askBranch}` };
    }
    case "CONFLICT": {
      const status = typeof details.status === "string" && details.status in m.status ? (details.status as TicketStatus) : undefined;
      const what = voucherNo ?? m.refusal.thisTicket;
      if (details.reason === "warranty-unknown") return { text: m.refusal.warrantyUnknown(what) };
      // R21: a complaint step out of order (closing before the customer was told, anything once closed).
      const complaintRefusal = typeof details.complaintRefusal === "string" ? m.complaints.refusal[details.complaintRefusal] : undefined;
      if (complaintRefusal) return { text: complaintRefusal(typeof details.complaintNumber === "string" ? escapeMrkdwn(details.complaintNumber) : m.complaints.kind.COMPLAINT) };
      if (details.reason === "custody-open") {
        const receipt = typeof details.receiptNumber === "string" ? escapeMrkdwn(details.receiptNumber) : undefined;
        return { text: m.refusal.custodyOpen(what, receipt) };
      }
      if (status === "INCOMPLETE") return { text: m.refusal.conflictIncomplete(what, stringList(details.missingFields).map((f) => escapeMrkdwn(fieldName(f, m)))) };
      if (status) return { text: m.refusal.conflictStatus(what, m.status[status]) };
      return { text: m.errors.CONFLICT };
    }
    case "ALREADY_DONE": {
      // R7: a second Acknowledge names who was first and when.
      const by = typeof details.by === "string" && /^[UW][A-Z0-9]+$/.test(details.by) ? details.by : undefined;
      const at = typeof details.at === "string" ? new Date(details.at) : undefined;
      if (details.action === "escalation.acknowledge" && by && at && !Number.isNaN(at.getTime())) {
        const timeZone = typeof details.timeZone === "string" ? details.timeZone : "UTC";
        return { text: m.refusal.alreadyAcknowledged(`<@${by}>`, slackDate(at, timeZone)) };
      }
      if (details.action === "escalation.resolved" && at && !Number.isNaN(at.getTime())) {
        return { text: m.refusal.alreadyResolved(slackDate(at, typeof details.timeZone === "string" ? details.timeZone : "UTC")) };
      }
      return { text: m.errors.ALREADY_DONE };
    }
    case "NOT_FOUND":
      return { text: voucherNo ? m.refusal.notFoundVoucher(voucherNo) : m.errors.NOT_FOUND };
    case "VALIDATION": {
      const fields = [...stringList(details.fields), ...Object.keys(error.fieldErrors ?? {})];
      const unique = [...new Set(fields)].slice(0, 10).map((f) => escapeMrkdwn(truncate(fieldName(f, m), 60)));
      return { text: unique.length ? `${m.errors.VALIDATION} ${m.refusal.validationFields(unique)}` : m.errors.VALIDATION };
    }
    default:
      return { text: m.errors[error.code] ?? m.refusal.failure };
  }
}

/** For unexpected errors, after they were logged with their cause. */
export function buildFailure(options: { locale?: Locale } = {}): { text: string } {
  return { text: messagesFor(options.locale).refusal.failure };
}

/** Type-ahead that failed or that nothing answers: Slack wants at least one option, so one that says so. */
export function buildNoOptions(options: { locale?: Locale } = {}): { options: { text: { type: "plain_text"; text: string }; value: string }[] } {
  return { options: [{ text: { type: "plain_text", text: messagesFor(options.locale).refusal.noOptions }, value: "none" }] };
}

/** A button pressed on a closed or cancelled call: who ended it and when, in the branch's zone. */
export function buildTicketEndedNotice(ending: TicketEnding, options: { timeZone: string; locale?: Locale }): { text: string } {
  const m = messagesFor(options.locale);
  const who = ending.by && /^[UW][A-Z0-9]+$/.test(ending.by) ? `<@${ending.by}>` : ending.by?.startsWith("system:") ? m.system(escapeMrkdwn(ending.by.slice(7))) : m.refusal.someone;
  const when = ending.at ? slackDate(ending.at, options.timeZone) : "—";
  return { text: ending.status === "CLOSED" ? m.refusal.alreadyClosed(ending.voucherNo, who, when) : m.refusal.alreadyCancelled(ending.voucherNo, who, when) };
}
