// What a Slack request body must at least look like before Bolt routes it. Bolt trusts a correctly
// signed body: a `null` payload crashes its receiver, a block_actions without `user` fails in its
// router. Checked here once, for both transports, so that no listener meets a body it cannot read.
import { z } from "zod";

const object = z.record(z.string(), z.unknown());
const id = z.string().min(1);
const user = z.looseObject({ id });
// Bolt reads these where present (the conversation, the workspace): absent is fine, anything else not.
const where = { channel: z.looseObject({ id }).optional(), team: z.looseObject({ id }).nullable().optional() };

const interactive = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("block_actions"), user, ...where, actions: z.array(z.looseObject({ action_id: id })).min(1) }),
  z.looseObject({ type: z.literal("block_suggestion"), user, ...where, action_id: id, value: z.string() }),
  z.looseObject({ type: z.literal("view_submission"), user, ...where, view: z.looseObject({ id, callback_id: z.string() }) }),
  z.looseObject({ type: z.literal("view_closed"), user, ...where, view: z.looseObject({ id, callback_id: z.string() }) }),
  z.looseObject({ type: z.literal("shortcut"), user, ...where, callback_id: id }),
  z.looseObject({ type: z.literal("message_action"), user, ...where, callback_id: id, message: object }),
]);

const eventsApi = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("event_callback"), event_id: id, event: z.looseObject({ type: id }) }),
  z.looseObject({ type: z.literal("url_verification"), challenge: z.string() }),
  z.looseObject({ type: z.literal("app_rate_limited") }),
]);

const slashCommand = z.looseObject({ command: z.string().startsWith("/"), user_id: id, text: z.string().optional() });
const sslCheck = z.looseObject({ ssl_check: z.literal("1") });

export type PayloadCheck = { ok: true; body: Record<string, unknown> } | { ok: false; reason: string };

/** A parsed body (the JSON of an event or interaction, or the fields of a slash command). */
export function checkPayloadShape(body: unknown): PayloadCheck {
  if (!object.safeParse(body).success) return { ok: false, reason: `the body is ${body === null ? "null" : Array.isArray(body) ? "an array" : typeof body}, not an object` };
  const record = body as Record<string, unknown>;
  const schema = "command" in record ? slashCommand : "ssl_check" in record ? sslCheck : isInteractiveType(record.type) ? interactive : eventsApi;
  const parsed = schema.safeParse(record);
  if (parsed.success) return { ok: true, body: record };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `${issue.path.join(".") || "type"}: ${issue.message}` };
}

const INTERACTIVE_TYPES = new Set(["block_actions", "block_suggestion", "view_submission", "view_closed", "shortcut", "message_action"]);
function isInteractiveType(type: unknown): boolean {
  return typeof type === "string" && INTERACTIVE_TYPES.has(type);
}
