// Submissions of the R14 Borrow / Return modals and the R11 Return to customer modal. Input
// problems are answered on the field within Slack's 3 s (`response_action: "errors"`), so the
// service runs before the ack; a refusal replaces the modal with a notice saying why.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { isAppError } from "../../errors";
import { borrowProblemOf } from "../../services/parts/loans";
import { readReturnItemSubmission } from "../../views/goods-register";
import { BLOCKS } from "../../views/ids";
import { messagesFor } from "../../views/messages";
import { buildNoticeModal } from "../../views/notice-modal";
import { buildReturnedText, readBorrowSubmission, readReturnSubmission, returnFieldErrors } from "../../views/parts";
import type { StateValues } from "../../views/state";
import { describeFailure } from "../support/failures";
import { underAckBudget } from "../support/ack-budget";
import type { HandlerDeps } from "../types";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

function refused(deps: HandlerDeps, args: Args, name: string, error: unknown) {
  const { text } = describeFailure(error, deps.log, { view: name, user: args.body.user.id });
  return args.ack({ response_action: "update", view: buildNoticeModal({ text }) });
}

export function borrowSubmitted(deps: HandlerDeps) {
  return underAckBudget(deps, "borrow", async (args: Args) => {
    const { ack, body, view } = args;
    const read = readBorrowSubmission(view.state.values as StateValues);
    if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
    try {
      const actor = await deps.services.resolveActor(body.user.id);
      const loan = await deps.services.borrowParts({ actor, partId: read.partId, quantity: read.quantity });
      const text = messagesFor().partsWorkshop.parts.borrowed(loan.quantity, loan.partNo, loan.name);
      await ack({ response_action: "update", view: buildNoticeModal({ text }) });
    } catch (error) {
      const problem = borrowProblemOf(error);
      const e = messagesFor().partsWorkshop.parts.errors;
      if (problem?.kind === "not-enough-stock") return void (await ack({ response_action: "errors", errors: { [BLOCKS.partsBorrowQuantity]: e.notEnoughStock(problem.available) } }));
      if (problem?.kind === "bad-quantity") return void (await ack({ response_action: "errors", errors: { [BLOCKS.partsBorrowQuantity]: e["bad-quantity"] } }));
      if (problem?.kind === "unknown-part") return void (await ack({ response_action: "errors", errors: { [BLOCKS.partsBorrowPart]: e["unknown-part"] } }));
      await refused(deps, args, "parts.borrow", error);
    }
  });
}

export function returnSubmitted(deps: HandlerDeps) {
  return underAckBudget(deps, "parts-return", async (args: Args) => {
    const { ack, body, view } = args;
    const read = readReturnSubmission(view.state.values as StateValues);
    if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
    try {
      const actor = await deps.services.resolveActor(body.user.id);
      const quantities = new Map(read.lines.map((line) => [line.loanId, line.quantity]));
      const loans = await deps.services.returnParts({ actor, lines: read.lines });
      const text = buildReturnedText(loans.map((loan) => ({ partNo: loan.partNo, returned: quantities.get(loan.id) ?? 0 })));
      await ack({ response_action: "update", view: buildNoticeModal({ text }) });
    } catch (error) {
      if (isAppError(error) && error.code === "VALIDATION" && Array.isArray(error.details.problems)) {
        return void (await ack({ response_action: "errors", errors: returnFieldErrors(error.details.problems as { loanId: number; kind: string; left?: number }[]) }));
      }
      await refused(deps, args, "parts.return", error);
    }
  });
}

/** R11: the item goes back to the customer; the receipt is void and the call resolved. */
export function custodyReturnSubmitted(deps: HandlerDeps) {
  return underAckBudget(deps, "custody-return", async (args: Args) => {
    const { ack, body, view } = args;
    const read = readReturnItemSubmission(view.state.values as StateValues, view.private_metadata, { now: deps.clock.now() });
    if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
    try {
      const actor = await deps.services.resolveActor(body.user.id);
      await deps.services.returnCustodyItem({ actor, ticketId: read.ticketId, returnedAt: read.returnedAt, signedBy: read.signedBy, note: read.note });
    } catch (error) {
      if (isAppError(error) && error.code === "VALIDATION" && error.fieldErrors) {
        const e = messagesFor().partsWorkshop.returnItem.errors;
        const errors: Record<string, string> = {};
        if (error.fieldErrors.signedBy) errors[BLOCKS.custodyReturnSignedBy] = e.required;
        if (error.fieldErrors.returnedAt) errors[BLOCKS.custodyReturnedAt] = e.future;
        if (Object.keys(errors).length) return void (await ack({ response_action: "errors", errors }));
      }
      return void (await refused(deps, args, "custody.return", error));
    }
    // The return's thread line was queued with it; the outbox posts it.
    await ack();
  });
}
