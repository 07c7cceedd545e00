/**
 * What a user has typed or picked in blocks, the way Slack reports it in `state.values` and in
 * `actions`. Slack keeps a value across `views.update` only while its block_id and action_id stay
 * the same, so state is always keyed by both.
 */
import type { ViewStateValue } from "@slack/bolt";

type Json = Record<string, unknown>;

export type StateValues = Record<string, Record<string, ViewStateValue>>;

/** A test's shorthand for a value: option values, user ids, dates... or the exact Slack object. */
export type StateInput = string | number | string[] | null | Partial<ViewStateValue>;

export interface LocatedElement {
  blockId: string;
  element: Json;
  /** Inside an input block (and not `optional`): Slack will not submit the view while it is empty. */
  required: boolean;
}

/** Elements that never carry state: Slack reports them only as actions. */
const STATELESS = new Set(["button", "overflow", "image"]);

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every element with an action_id in these blocks, with the block it sits in. */
export function interactiveElements(blocks: unknown): LocatedElement[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.filter(isObject).flatMap((block) => {
    const blockId = String(block.block_id ?? "");
    const elements = [block.accessory, block.element, ...(block.type === "actions" && Array.isArray(block.elements) ? block.elements : [])];
    return elements
      .filter((element): element is Json => isObject(element) && typeof element.action_id === "string")
      .map((element) => ({ blockId, element, required: block.type === "input" && block.optional !== true }));
  });
}

export function findElement(blocks: unknown, actionId: string, blockId?: string): LocatedElement | undefined {
  return interactiveElements(blocks).find((found) => found.element.action_id === actionId && (blockId === undefined || found.blockId === blockId));
}

function optionsOf(element: Json): Json[] {
  if (Array.isArray(element.options)) return element.options.filter(isObject);
  if (Array.isArray(element.option_groups)) {
    return element.option_groups.filter(isObject).flatMap((group) => (Array.isArray(group.options) ? group.options.filter(isObject) : []));
  }
  return [];
}

/** The option a user picks by its value; external selects have no static options, so one is made up. */
function pickOption(element: Json, value: string): ViewStateValue["selected_option"] {
  if (element.type === "external_select" || element.type === "multi_external_select") {
    return { text: { type: "plain_text", text: value }, value };
  }
  const option = optionsOf(element).find((candidate) => candidate.value === value);
  if (!option) throw new Error(`"${value}" is not an option of ${element.action_id}: the user cannot pick it`);
  return option as unknown as ViewStateValue["selected_option"];
}

function asList(input: StateInput): string[] {
  if (input === null) return [];
  return Array.isArray(input) ? input : [String(input)];
}

/** The state Slack reports for an element the user left untouched: its initial_* value. */
export function initialStateValue(element: Json): ViewStateValue {
  const type = String(element.type);
  const initial = (key: string, empty: unknown = null) => (element[key] === undefined ? empty : element[key]);
  switch (type) {
    case "static_select":
    case "external_select":
    case "radio_buttons":
      return { type, selected_option: initial("initial_option") as ViewStateValue["selected_option"] };
    case "multi_static_select":
    case "multi_external_select":
    case "checkboxes":
      return { type, selected_options: initial("initial_options", []) as ViewStateValue["selected_options"] };
    case "users_select":
      return { type, selected_user: initial("initial_user") as string | null };
    case "multi_users_select":
      return { type, selected_users: initial("initial_users", []) as string[] };
    case "conversations_select":
      return { type, selected_conversation: initial("initial_conversation") as string | null };
    case "multi_conversations_select":
      return { type, selected_conversations: initial("initial_conversations", []) as string[] };
    case "channels_select":
      return { type, selected_channel: initial("initial_channel") as string | null };
    case "multi_channels_select":
      return { type, selected_channels: initial("initial_channels", []) as string[] };
    case "datepicker":
      return { type, selected_date: initial("initial_date") as string | null };
    case "timepicker":
      return { type, selected_time: initial("initial_time") as string | null };
    case "datetimepicker":
      return { type, selected_date_time: initial("initial_date_time") as number | null };
    default:
      return { type, value: initial("initial_value") as string | null };
  }
}

/** Turns a test's shorthand into the object Slack would report for this element. */
export function toStateValue(element: Json, input: StateInput): ViewStateValue {
  const type = String(element.type);
  if (isObject(input)) return { ...input, type };
  const single = input === null ? null : String(Array.isArray(input) ? input[0] : input);
  switch (type) {
    case "static_select":
    case "external_select":
    case "radio_buttons":
    case "overflow":
      return { type, selected_option: single === null ? null : pickOption(element, single) };
    case "multi_static_select":
    case "multi_external_select":
    case "checkboxes":
      return { type, selected_options: asList(input).map((value) => pickOption(element, value)!) };
    case "users_select":
      return { type, selected_user: single };
    case "multi_users_select":
      return { type, selected_users: asList(input) };
    case "conversations_select":
      return { type, selected_conversation: single };
    case "multi_conversations_select":
      return { type, selected_conversations: asList(input) };
    case "channels_select":
      return { type, selected_channel: single };
    case "multi_channels_select":
      return { type, selected_channels: asList(input) };
    case "datepicker":
      return { type, selected_date: single };
    case "timepicker":
      return { type, selected_time: single };
    case "datetimepicker":
      return { type, selected_date_time: single === null ? null : Number(single) };
    default:
      return { type, value: single };
  }
}

/**
 * `state.values` for these blocks: what the user had typed where block_id and action_id are
 * unchanged, the initial values elsewhere (what Slack does on `views.update`).
 */
export function buildState(blocks: unknown, previous: StateValues = {}): StateValues {
  const values: StateValues = {};
  for (const { blockId, element } of interactiveElements(blocks)) {
    if (STATELESS.has(String(element.type))) continue;
    const actionId = String(element.action_id);
    const kept = previous[blockId]?.[actionId];
    values[blockId] ??= {};
    values[blockId][actionId] = kept?.type === element.type ? kept : initialStateValue(element);
  }
  return values;
}

export function isEmptyState(value: ViewStateValue | undefined): boolean {
  if (value === undefined) return true;
  const { type: _type, ...rest } = value;
  return Object.values(rest).every((item) => item === null || item === "" || (Array.isArray(item) && item.length === 0));
}
