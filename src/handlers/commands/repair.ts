import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { canonicalCommandWord } from "../../domain/command-words";
import { parseVoucherNumber } from "../../domain/voucher";
import type { TicketListFilter } from "../../services/tickets/models";
import { buildHelpMessage } from "../../views/help";
import { buildInvoiceList } from "../../views/invoice-requests";
import { buildTicketList } from "../../views/ticket-list";
import { buildTicketMessage } from "../../views/ticket-message";
import { respondWithFailure } from "../support/failures";
import { showGoodsRegister, showParts } from "./repair-parts";
import { showJobRuns } from "./job-runs";
import { parseEvaluationWords, showEvaluation } from "./repair-evaluation";
import { commandModalOptions, runRepairDay } from "./repair-day";
import { runRepairCustomer } from "./repair-customer";
import { intakeModalView } from "../support/intake";
import { openModal } from "../support/open-modal";
import { buildRegisterComplaintModal } from "../../views/complaint-modals";
import type { HandlerDeps } from "../types";

const LIST_FILTERS: readonly TicketListFilter[] = ["open", "unassigned", "overdue", "mine", "incomplete"];

export type RepairCommand =
  | { name: "help"; unknownText?: string }
  | { name: "new" }
  | { name: "list"; filter: TicketListFilter }
  | { name: "show"; voucherNo: string }
  | { name: "parts"; query: string | null }
  | { name: "register" }
  | { name: "jobs" }
  | { name: "invoices" }
  | { name: "day"; words: string[] }
  | { name: "customer"; query: string }
  | { name: "complaint"; voucherNo: string | null }
  | { name: "evaluation"; month: string | null; technician: string | null };

/**
 * `/repair <subcommand> …`: the first word picks what to do, in English, Korean or Chinese
 * (domain/command-words.ts); anything unknown gets help.
 */
export function parseRepairCommand(text: string): RepairCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const first = canonicalCommandWord(words[0] ?? "");
  if (first === "" || first === "new") return words.length <= 1 ? { name: "new" } : { name: "help", unknownText: text.trim() };
  if (first === "help") return { name: "help" };
  if (first === "parts") return { name: "parts", query: words.slice(1).join(" ") || null };
  if (first === "register" && words.length === 1) return { name: "register" };
  if (first === "jobs" && words.length === 1) return { name: "jobs" };
  if (first === "invoices" && words.length === 1) return { name: "invoices" };
  if (first === "day") return { name: "day", words: words.slice(1) };
  if (first === "customer") return { name: "customer", query: words.slice(1).join(" ") };
  // R21: `/repair complaint [SV-…]`
  if (first === "complaint" && words.length <= 2) {
    if (words.length === 1) return { name: "complaint", voucherNo: null };
    if (parseVoucherNumber(words[1])) return { name: "complaint", voucherNo: words[1].toUpperCase() };
    return { name: "help", unknownText: text.trim() };
  }
  if (first === "evaluation") return { name: "evaluation", ...parseEvaluationWords(words.slice(1)) };
  if (first === "list") {
    const filter = canonicalCommandWord(words[1] ?? "open") as TicketListFilter;
    if (words.length <= 2 && LIST_FILTERS.includes(filter)) return { name: "list", filter };
    return { name: "help", unknownText: text.trim() };
  }
  if (words.length === 1 && parseVoucherNumber(first)) return { name: "show", voucherNo: words[0].toUpperCase() };
  return { name: "help", unknownText: text.trim() };
}

export function repairCommand(deps: HandlerDeps) {
  return async (args: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const { ack, command, respond } = args;
    const parsed = parseRepairCommand(command.text);
    if (parsed.name === "help") {
      // Acking with the message answers in the same round trip, privately to the caller.
      const help = buildHelpMessage({ unknownText: parsed.unknownText });
      await ack({ response_type: "ephemeral", text: help.text, blocks: help.blocks });
      return;
    }
    await ack();
    // The modal: the person is read with the rest, within the trigger's life (support/open-modal.ts).
    if (parsed.name === "new") {
      return openModal(commandModalOptions(deps, args, "intakeNew"), async () => {
        const actor = await deps.services.resolveActor(command.user_id);
        return { view: await intakeModalView(deps, { actor, channelId: command.channel_id }) };
      });
    }
    // R23: the file opens in a modal, or a pick list / "no match" is told privately.
    if (parsed.name === "customer") return runRepairCustomer(deps, args, parsed.query);
    if (parsed.name === "complaint") {
      return openModal(commandModalOptions(deps, args, "complaintRegister"), async () => {
        const actor = await deps.services.resolveActor(command.user_id);
        return { view: buildRegisterComplaintModal({ prefill: await deps.services.complaintPrefill({ actor, voucherNo: parsed.voucherNo }) }) };
      });
    }
    const context = { command: command.text, user: command.user_id };
    try {
      if (parsed.name === "day") return void (await runRepairDay(deps, args, parsed.words));
      const actor = await deps.services.resolveActor(command.user_id);
      if (parsed.name === "parts") return void (await showParts(deps, respond, { actor, query: parsed.query }));
      if (parsed.name === "register") return void (await showGoodsRegister(deps, respond, { actor }));
      if (parsed.name === "evaluation") return void (await showEvaluation(deps, respond, { actor, request: { month: parsed.month, technician: parsed.technician } }));
      if (parsed.name === "invoices") {
        const list = buildInvoiceList(await deps.services.listInvoiceRequests({ actor }));
        return void (await respond({ response_type: "ephemeral", text: list.text, blocks: list.blocks }));
      }
      if (parsed.name === "jobs") {
        await showJobRuns(deps, actor, respond);
      } else if (parsed.name === "list") {
        const items = await deps.services.listTickets({ actor, filter: parsed.filter });
        const list = buildTicketList({ filter: parsed.filter, items, now: deps.clock.now(), branchName: actor.branchName ?? undefined, timeZone: actor.branchTimeZone ?? undefined });
        await respond({ response_type: "ephemeral", text: list.text, blocks: list.blocks });
      } else {
        const card = await deps.services.findTicketByVoucher({ actor, voucherNo: parsed.voucherNo });
        const message = buildTicketMessage(card, { now: deps.clock.now(), ephemeral: true });
        await respond({ response_type: "ephemeral", text: message.text, blocks: message.blocks });
      }
    } catch (error) {
      await respondWithFailure(args, error, deps.log, context);
    }
  };
}
