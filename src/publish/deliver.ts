// Delivers one queued Slack effect (src/services/outbox/effects.ts): each kind is rendered through
// the views and posted by the module that knows its messages.
import { isComplaintEffect, type SlackEffect } from "../services/outbox/effects";
import { deliverComplaintEffect } from "./complaint-effects";
import { deliverEscalationClimbed, deliverEscalationCopies, deliverEscalationRaised, deliverEscalationReminder } from "./escalation-effects";
import { deliverNotice, deliverPreDeadlineWarning } from "./notice-effects";
import type { EffectRun, OutboxDeps } from "./post-once";
import type { OutboxSlackClient } from "./slack-client";
import { deliverSurveyList } from "./survey-effects";
import { postAssignmentDm, postLine, postUnassignedDm, refreshTicketMessage } from "./ticket-effects";

export async function deliverEffect(deps: OutboxDeps, slack: OutboxSlackClient, effect: SlackEffect, run: EffectRun): Promise<void> {
  switch (effect.kind) {
    case "ticket-message":
      return refreshTicketMessage(deps, slack, effect.ticketId);
    case "ticket-line":
      return postLine(deps, slack, effect.ticketId, effect.line, run);
    case "assignment-dm":
      return postAssignmentDm(deps, slack, effect, run);
    case "unassigned-dm":
      return postUnassignedDm(deps, slack, effect, run);
    case "escalation-raised":
      return deliverEscalationRaised(deps, slack, effect.escalationId, run);
    case "escalation-copies":
      return deliverEscalationCopies(deps, slack, effect.escalationId);
    case "escalation-climbed":
      return deliverEscalationClimbed(deps, slack, effect.escalationId, run);
    case "escalation-reminder":
      return deliverEscalationReminder(deps, slack, effect, run);
    case "pre-deadline-warning":
      return deliverPreDeadlineWarning(deps, slack, effect, run);
    case "survey-list":
      return deliverSurveyList(deps, slack, effect.messageId, run);
    default:
      if (isComplaintEffect(effect)) return deliverComplaintEffect(deps, slack, effect, run);
      return deliverNotice(deps, slack, effect, run);
  }
}
