// `/repair parts [part no. or name]` (R14: my loans, the branch stock) and `/repair register`
// (R11: what is in the workshop). Both answer privately in the channel the command came from.
import type { RespondFn } from "@slack/bolt";
import type { Actor } from "../../services/staff/resolve-actor";
import { buildGoodsRegisterMessage } from "../../views/goods-register";
import { buildPartsMessage } from "../../views/parts";
import type { HandlerDeps } from "../types";

export async function showParts(deps: HandlerDeps, respond: RespondFn, options: { actor: Actor; query: string | null; replaceOriginal?: boolean }): Promise<void> {
  const overview = await deps.services.listParts({ actor: options.actor, query: options.query });
  const message = buildPartsMessage(overview);
  await respond({ response_type: "ephemeral", ...(options.replaceOriginal ? { replace_original: true } : {}), text: message.text, blocks: message.blocks });
}

export async function showGoodsRegister(deps: HandlerDeps, respond: RespondFn, options: { actor: Actor; replaceOriginal?: boolean }): Promise<void> {
  const register = await deps.services.listGoodsRegister({ actor: options.actor });
  const message = buildGoodsRegisterMessage({ register });
  await respond({ response_type: "ephemeral", ...(options.replaceOriginal ? { replace_original: true } : {}), text: message.text, blocks: message.blocks });
}
