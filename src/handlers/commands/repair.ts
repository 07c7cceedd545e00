import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { buildHelpMessage } from "../../views/help";
import type { HandlerDeps } from "../types";

/** `/repair <subcommand> …`: the first word picks what to do. */
export function parseRepairCommand(text: string): { name: "help"; unknownText?: string } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const first = (words[0] ?? "").toLowerCase();
  if (first === "" || first === "help") return { name: "help" };
  return { name: "help", unknownText: text.trim() };
}

export function repairCommand(_deps: HandlerDeps) {
  return async ({ ack, command }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const parsed = parseRepairCommand(command.text);
    const help = buildHelpMessage({ unknownText: parsed.unknownText });
    // Acking with the message answers in the same round trip, privately to the caller.
    await ack({ response_type: "ephemeral", text: help.text, blocks: help.blocks });
  };
}
