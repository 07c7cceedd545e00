// English text for escalations (see ../messages.ts: one catalogue per language, split by feature).
import type { EscalationEnd } from "../../domain/escalation-end";

export const en = {
  /** R7: the warning before an arrival deadline (thread, technician DM, or the dispatchers). */
  preWarning: {
    fallback: (voucherNo: string, customer: string) => `Deadline soon (R7): ${voucherNo} · ${customer}`,
    warning: (voucherNo: string, customer: string, deadline: string, minutesLeft: number) =>
      `:hourglass_flowing_sand: *${voucherNo}* (${customer}) must be reached by ${deadline}: ${minutesLeft} working min left (R7).`,
    toTechnician: (technician: string) => `${technician}, please arrive on time or tell the dispatch desk now.`,
    toDispatchers: (dispatchers: string) => `${dispatchers}: nobody is assigned yet. Assign a technician now.`,
    toDispatchersNobody: "Nobody is assigned yet and the branch has no active dispatcher.",
  },
  /** R7/R12: "Remind me in…" on escalation DMs. */
  snooze: {
    placeholder: "Remind me in…",
    option: (minutes: number) => `${minutes} minutes`,
    willRemind: (when: string) => `:alarm_clock: I will remind you at ${when}.`,
    reminder: ":alarm_clock: Reminder: this escalation is still waiting for an acknowledgement.",
  },
  /** R12: the technician cannot finish on schedule (modal, and the alert everyone sees). */
  cannotFinish: {
    title: "Cannot finish",
    submit: "Tell the director",
    close: "Cancel",
    summary: (voucherNo: string, customer: string) => `*${voucherNo}* · ${customer}: the director is alerted at once and tells the customer the new date (R12).`,
    reason: "Why can it not be finished on schedule?",
    expected: "New expected completion",
    reasonRequired: "Say why it cannot be finished on schedule.",
    tooLong: (max: number) => `Keep it under ${max} characters.`,
    expectedRequired: "Choose the new expected completion date and time.",
    expectedInPast: "The new expected completion must be in the future.",
    fallback: (voucherNo: string, customer: string) => `Cannot finish on schedule (R12): ${voucherNo} · ${customer}`,
    alert: (voucherNo: string, customer: string, reason: string, expected: string) =>
      `:warning: *${voucherNo}* (${customer}) *cannot be finished on schedule* (R12): ${reason}. New expected completion: ${expected}.`,
    tellCustomer: (expected: string, days: number) => `Tell the customer: it will take until ${expected} (about ${days} day${days === 1 ? "" : "s"}).`,
    done: (voucherNo: string) => `The director has been alerted about ${voucherNo}.`,
  },
  /** R12: a parked call (rescheduled, handed over, in the workshop) passed the completion the customer was told. */
  completionOverdue: {
    fallback: (voucherNo: string, customer: string) => `Not finished as promised (R12): ${voucherNo} · ${customer}`,
    alert: (voucherNo: string, customer: string, expected: string) =>
      `:hourglass: *${voucherNo}* (${customer}) was expected to be finished by ${expected} and has no result yet (R12).`,
    tellCustomer: "Find out from the technician when it will be done, and tell the customer the new date.",
  },
  /** R7/R12: nobody active held the role the alert is for, so the admins got it. */
  sentToAdmins: {
    DIRECTOR: ":warning: No active service director at this branch — sent to the admins. Add or reactivate a director.",
    MANAGER: ":warning: No active manager — sent to the admins. Add or reactivate a manager.",
  },
  /** R7/R12: the gaps admins see on `/repair jobs` and their App Home. */
  missingRoles: {
    noManager: ":warning: *No active manager*: escalations that climb go to the admins. Add or reactivate a manager.",
    noDirector: (branches: string) => `:warning: *No active service director* at ${branches}: their overdue and cannot-finish alerts go to the admins. Add or reactivate a director.`,
    branch: (code: string, name: string) => `${name} (${code})`,
  },
  /** R7/R12: an escalation whose cause ended resolves by itself; every copy says why. */
  resolved: {
    ARRIVED: (when: string) => `:white_check_mark: Resolved by itself: the technician arrived at ${when}. Nothing left to acknowledge.`,
    CANCELLED: (when: string) => `:white_check_mark: Resolved by itself: the call was cancelled at ${when}. Nothing left to acknowledge.`,
    CLOSED: (when: string) => `:white_check_mark: Resolved by itself: the call was closed at ${when}. Nothing left to acknowledge.`,
    RESOLVED: (when: string) => `:white_check_mark: Resolved by itself: the call was resolved at ${when}. Nothing left to acknowledge.`,
  } satisfies Record<EscalationEnd, (when: string) => string>,
  /** R7/R12: the escalation ladder shown on every alert copy. */
  ladder: {
    escalated: (when: string) => `:arrow_double_up: Not acknowledged in time: escalated to the managers at ${when}.`,
  },
};
