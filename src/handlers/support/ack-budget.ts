// Slack shows the person an error when a view_submission is not acknowledged within 3 seconds, even
// if the work then succeeds. Forms whose service runs before the ack (so that problems land on their
// fields) run under this budget: past it, the modal says "saving…" and the person is told the
// outcome by DM once the work ends. Nobody sees a Slack error for work that was saved.
import type { AckFn, AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewResponseAction, ViewSubmitAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Log } from "../../logger";
import { msLeftSinceArrival } from "../../observability/request-context";
import { messagesFor } from "../../views/messages";
import { buildNoticeModal } from "../../views/notice-modal";

/** Half of Slack's 3 s, counted from the request's arrival: the rest is for the trip both ways and for a busy bot's timers, which fire late. */
export const ACK_BUDGET_MS = 1_500;

type Ack = AckFn<ViewResponseAction>;

export async function withinAckBudget(
  options: { ack: Ack; client: WebClient; userId: string; form: string; log: Log; budgetMs?: number },
  run: (ack: Ack) => Promise<void>,
): Promise<void> {
  const m = messagesFor().slowSave;
  const what = m.forms[options.form] ?? options.form;
  let answered = false;
  let late = false;
  // Counted from the request's arrival: it may have waited for the event loop (and its sender's language) before this listener ran.
  const timer = setTimeout(() => {
    if (answered) return;
    answered = late = true;
    void options.ack({ response_action: "update", view: buildNoticeModal({ text: m.saving }) }).catch((error: unknown) => options.log.warn("could not answer a slow submission", { form: options.form, error }));
  }, msLeftSinceArrival(options.budgetMs ?? ACK_BUDGET_MS));
  const budgeted = (async (response?: ViewResponseAction) => {
    if (!late) {
      answered = true;
      clearTimeout(timer);
      return options.ack(response as ViewResponseAction);
    }
    const text = response === undefined ? m.saved(what) : m.notSaved(what, reasonOf(response));
    await options.client.chat.postMessage({ channel: options.userId, text }).catch((error: unknown) => options.log.error("could not tell a person how their slow submission ended", { form: options.form, error }));
  }) as Ack;
  try {
    await run(budgeted);
  } finally {
    clearTimeout(timer);
  }
}

/** The words of an answer meant for the modal: its field errors, or the notice that would have replaced it. */
function reasonOf(response: ViewResponseAction): string {
  if (response.response_action === "errors") return Object.values(response.errors).join(" ");
  if (response.response_action === "update" || response.response_action === "push") {
    const first = response.view.blocks?.[0] as { text?: { text?: string } } | undefined;
    if (first?.text?.text) return first.text.text;
  }
  return messagesFor().errors.INTERNAL;
}

type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** A view_submission listener whose work runs before the ack, under the ack budget (`form`: a key of messages' slowSave.forms). */
export function underAckBudget(deps: { log: Log }, form: string, listener: (args: SubmissionArgs) => Promise<void>): (args: SubmissionArgs) => Promise<void> {
  return (args) => withinAckBudget({ ack: args.ack, client: args.client, userId: args.body.user.id, form, log: deps.log }, (ack) => listener({ ...args, ack }));
}
