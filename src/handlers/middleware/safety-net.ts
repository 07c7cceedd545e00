import type { AnyMiddlewareArgs, Middleware, RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { messagesFor } from "../../views/messages";
import { buildNoticeModal } from "../../views/notice-modal";
import { buildFailure, buildNoOptions } from "../../views/refusal";
import { respondWithFailure, tellPrivately, type PrivateReplyTarget } from "../support/failures";
import type { HandlerDeps } from "../types";

/** The ids our listeners answer, filled as they are registered (handlers/index.ts). */
export interface ListenedIds {
  actions: Set<string>;
  views: Set<string>;
  shortcuts: Set<string>;
  options: Set<string>;
}

export function emptyListenedIds(): ListenedIds {
  return { actions: new Set(), views: new Set(), shortcuts: new Set(), options: new Set() };
}

type Body = { type?: string; actions?: { action_id?: string }[]; view?: { callback_id?: string }; callback_id?: string; action_id?: string };
type AckFn = (response?: unknown) => Promise<void>;

/**
 * The outermost middleware. A request no listener answers (a button of an old message, a forged
 * id) is acked at once instead of Bolt's 404 after 3 s; a listener that throws, before or after
 * its ack, still leaves Slack acked and the person told that it failed, never a Slack error.
 */
export function safetyNet(deps: HandlerDeps, listened: ListenedIds): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as Body;
    const ack = (args as { ack?: AckFn }).ack;
    const target: PrivateReplyTarget = {
      client: (args as { client: WebClient }).client,
      respond: (args as { respond?: RespondFn }).respond,
      body: args.body as PrivateReplyTarget["body"],
    };

    const unknown = unknownId(body, listened);
    if (unknown && ack) {
      deps.log.info("a request no listener answers", { type: body.type, id: unknown });
      await ack(body.type === "block_suggestion" ? buildNoOptions() : undefined);
      if (body.type === "block_actions") await tellPrivately(target, messagesFor().refusal.unknownButton, deps.log, { id: unknown });
      return;
    }

    try {
      await args.next();
    } catch (error) {
      const context = { type: body.type ?? "event", id: idOf(body) };
      if (!ack) return void deps.log.error("a listener failed", { ...context, error });
      let ackedNow = false;
      try {
        await ack(fallbackAck(body));
        ackedNow = true;
      } catch {
        // The listener had acked already (Bolt refuses a second ack): only the telling is left.
      }
      // A replaced modal or an empty type-ahead already says so; anything else is told privately.
      const shownInPlace = (body.type === "view_submission" && ackedNow) || body.type === "block_suggestion";
      if (shownInPlace) deps.log.error("a listener failed", { ...context, error });
      else await respondWithFailure(target, error, deps.log, context);
    }
  };
}

function fallbackAck(body: Body): unknown {
  if (body.type === "block_suggestion") return buildNoOptions();
  // The modal says that it failed, rather than closing as if it had worked.
  if (body.type === "view_submission") return { response_action: "update", view: buildNoticeModal({ text: buildFailure().text }) };
  return undefined;
}

function idOf(body: Body): string | undefined {
  switch (body.type) {
    case "block_actions":
      return body.actions?.[0]?.action_id;
    case "block_suggestion":
      return body.action_id;
    case "view_submission":
    case "view_closed":
      return body.view?.callback_id;
    default:
      return body.callback_id;
  }
}

function unknownId(body: Body, listened: ListenedIds): string | undefined {
  const id = idOf(body);
  if (id === undefined) return undefined;
  switch (body.type) {
    case "block_actions":
      return listened.actions.has(id) ? undefined : id;
    case "view_submission":
    case "view_closed":
      return listened.views.has(id) ? undefined : id;
    case "shortcut":
    case "message_action":
      return listened.shortcuts.has(id) ? undefined : id;
    case "block_suggestion":
      return listened.options.has(id) ? undefined : id;
    default:
      return undefined;
  }
}
