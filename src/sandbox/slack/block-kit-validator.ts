/**
 * Block Kit rules Slack enforces server-side, as a pure function over the JSON the app sends.
 *
 * Messages read like Slack's own (`must be less than 3001 characters [json-pointer:/blocks/0/text/text]`)
 * so a failing test points at the offending field. Only the blocks and elements this bot uses are
 * known; anything else is refused so nobody ships a block that no test has seen.
 */

export type Surface = "message" | "modal" | "home";

/** Slack: 50 blocks per message, 100 per modal or Home tab. */
export const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };
/** Slack answers `msg_blocks_too_long` at about 13,000 characters of text across a message's blocks. */
export const MAX_MESSAGE_BLOCK_TEXT = 13_000;
/** Slack: a view payload may not exceed 250 kB (`view_too_large`). */
export const MAX_VIEW_BYTES = 250_000;

type Json = Record<string, unknown>;

const SELECTS = ["static_select", "external_select", "users_select", "conversations_select", "channels_select"];
const MULTI_SELECTS = SELECTS.map((type) => `multi_${type}`);
const PICKERS = ["datepicker", "timepicker", "datetimepicker"];
const CHOICES = ["checkboxes", "radio_buttons"];
const TEXT_INPUTS = ["plain_text_input", "number_input", "email_text_input", "url_text_input"];

const ACTIONS_ELEMENTS = new Set(["button", "overflow", ...SELECTS, ...MULTI_SELECTS, ...PICKERS, ...CHOICES]);
const ACCESSORY_ELEMENTS = new Set(["button", "overflow", "image", ...SELECTS, ...MULTI_SELECTS, ...PICKERS, ...CHOICES]);
const INPUT_ELEMENTS = new Set([...TEXT_INPUTS, ...SELECTS, ...MULTI_SELECTS, ...PICKERS, ...CHOICES]);
const RICH_TEXT_ELEMENTS = new Set(["rich_text_section", "rich_text_list", "rich_text_quote", "rich_text_preformatted"]);

/** Collects errors; each rule reports the JSON pointer of what it checked. */
class Report {
  readonly errors: string[] = [];

  fail(path: string, message: string): void {
    this.errors.push(`${message} [json-pointer:${path}]`);
  }

  /** Slack words it "must be less than N+1 characters". */
  maxLength(value: unknown, max: number, path: string): void {
    if (value === undefined) return;
    if (typeof value !== "string") this.fail(path, "must be a string");
    else if (value.length > max) this.fail(path, `must be less than ${max + 1} characters`);
  }

  maxItems(value: unknown[], max: number, path: string, min = 1): void {
    if (value.length < min) this.fail(path, `must provide at least ${min} item${min > 1 ? "s" : ""}`);
    if (value.length > max) this.fail(path, `must be less than ${max + 1} items`);
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

interface TextRule {
  max: number;
  plainOnly?: boolean;
  required?: boolean;
}

function checkText(report: Report, value: unknown, path: string, rule: TextRule): void {
  if (value === undefined) {
    if (rule.required !== false) report.fail(path, "missing required field");
    return;
  }
  if (!isObject(value)) return report.fail(path, "must be a text object");
  const allowed = rule.plainOnly ? ["plain_text"] : ["plain_text", "mrkdwn"];
  if (!allowed.includes(value.type as string)) {
    report.fail(`${path}/type`, `must be ${allowed.map((t) => `"${t}"`).join(" or ")}`);
  }
  if (typeof value.text !== "string") return report.fail(`${path}/text`, "missing required field");
  if (value.text.length === 0) report.fail(`${path}/text`, "must be more than 0 characters");
  report.maxLength(value.text, rule.max, `${path}/text`);
}

function checkConfirm(report: Report, confirm: unknown, path: string): void {
  if (confirm === undefined) return;
  if (!isObject(confirm)) return report.fail(path, "must be a confirmation object");
  // Slack: confirm title 100, text 300, buttons 30.
  checkText(report, confirm.title, `${path}/title`, { max: 100, plainOnly: true, required: false });
  checkText(report, confirm.text, `${path}/text`, { max: 300 });
  checkText(report, confirm.confirm, `${path}/confirm`, { max: 30, plainOnly: true, required: false });
  checkText(report, confirm.deny, `${path}/deny`, { max: 30, plainOnly: true, required: false });
}

/**
 * Option text and value: 75 characters, as our README fixes them. Slack's current docs allow 150
 * for `value`; the stricter 75 keeps the bot safe on every client.
 */
function checkOptionList(report: Report, options: unknown, path: string, max: number, plainOnly: boolean): Json[] {
  if (!Array.isArray(options)) {
    report.fail(path, "must be an array");
    return [];
  }
  report.maxItems(options, max, path);
  options.forEach((option, i) => {
    const at = `${path}/${i}`;
    if (!isObject(option)) return report.fail(at, "must be an option object");
    checkText(report, option.text, `${at}/text`, { max: 75, plainOnly });
    if (option.value === undefined) report.fail(`${at}/value`, "missing required field");
    report.maxLength(option.value, 75, `${at}/value`);
    checkText(report, option.description, `${at}/description`, { max: 75, plainOnly, required: false });
    report.maxLength(option.url, 3000, `${at}/url`);
  });
  return options.filter(isObject);
}

function checkInitialOptions(report: Report, element: Json, options: Json[], path: string): void {
  const values = new Set(options.map((option) => option.value));
  const initial = element.initial_options ?? (element.initial_option === undefined ? [] : [element.initial_option]);
  const key = element.initial_options === undefined ? "initial_option" : "initial_options";
  if (!Array.isArray(initial)) return report.fail(`${path}/${key}`, "must be an array");
  for (const option of initial) {
    if (!isObject(option) || !values.has(option.value)) report.fail(`${path}/${key}`, "must match one of the options");
  }
}

function checkSelectOptions(report: Report, element: Json, path: string): void {
  const hasOptions = element.options !== undefined;
  const hasGroups = element.option_groups !== undefined;
  if (hasOptions === hasGroups) return report.fail(path, "must provide exactly one of options or option_groups");
  // Slack: up to 100 options, or 100 groups of up to 100 options.
  if (hasOptions) {
    return checkInitialOptions(report, element, checkOptionList(report, element.options, `${path}/options`, 100, true), path);
  }
  if (!Array.isArray(element.option_groups)) return report.fail(`${path}/option_groups`, "must be an array");
  report.maxItems(element.option_groups, 100, `${path}/option_groups`);
  const all = element.option_groups.flatMap((group: unknown, i) => {
    const at = `${path}/option_groups/${i}`;
    if (!isObject(group)) return [];
    checkText(report, group.label, `${at}/label`, { max: 75, plainOnly: true });
    return checkOptionList(report, group.options, `${at}/options`, 100, true);
  });
  checkInitialOptions(report, element, all, path);
}

function checkElement(report: Report, element: unknown, path: string, allowed: Set<string>, actionIds: Set<string>): void {
  if (!isObject(element)) return report.fail(path, "must be an element object");
  const type = element.type;
  if (typeof type !== "string" || !allowed.has(type)) {
    return report.fail(`${path}/type`, `unsupported element type ${JSON.stringify(type)} here`);
  }
  if (element.action_id !== undefined) {
    report.maxLength(element.action_id, 255, `${path}/action_id`);
    // Slack: action_id must be unique within its block.
    if (actionIds.has(element.action_id as string)) report.fail(`${path}/action_id`, `duplicate action_id "${element.action_id}" in block`);
    actionIds.add(element.action_id as string);
  }
  checkConfirm(report, element.confirm, `${path}/confirm`);
  checkText(report, element.placeholder, `${path}/placeholder`, { max: 150, plainOnly: true, required: false });

  switch (type) {
    case "button":
      checkText(report, element.text, `${path}/text`, { max: 75, plainOnly: true });
      report.maxLength(element.value, 2000, `${path}/value`);
      report.maxLength(element.url, 3000, `${path}/url`);
      if (element.style !== undefined && element.style !== "primary" && element.style !== "danger") {
        report.fail(`${path}/style`, 'must be "primary" or "danger"');
      }
      return;
    case "static_select":
    case "multi_static_select":
      return checkSelectOptions(report, element, path);
    case "overflow":
      // Slack: an overflow menu holds 1 to 5 options.
      checkOptionList(report, element.options, `${path}/options`, 5, true);
      return;
    case "checkboxes":
    case "radio_buttons": {
      // Slack: at most 10 checkboxes or radio buttons; their text may be mrkdwn.
      const options = checkOptionList(report, element.options, `${path}/options`, 10, false);
      return checkInitialOptions(report, element, options, path);
    }
    case "image":
      return checkImage(report, element, path);
    case "datepicker":
      if (element.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(element.initial_date))) {
        report.fail(`${path}/initial_date`, "must be in YYYY-MM-DD format");
      }
      return;
    case "timepicker":
      if (element.initial_time !== undefined && !/^\d{2}:\d{2}$/.test(String(element.initial_time))) {
        report.fail(`${path}/initial_time`, "must be in HH:mm format");
      }
      return;
    case "datetimepicker":
      if (element.initial_date_time !== undefined && !Number.isInteger(element.initial_date_time)) {
        report.fail(`${path}/initial_date_time`, "must be a UNIX timestamp in seconds");
      }
      return;
    case "plain_text_input":
      // Slack: min_length and max_length within 0..3000.
      for (const key of ["min_length", "max_length"] as const) {
        const value = element[key];
        if (value !== undefined && (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 3000)) {
          report.fail(`${path}/${key}`, "must be an integer between 0 and 3000");
        }
      }
      if (typeof element.max_length === "number") report.maxLength(element.initial_value, element.max_length, `${path}/initial_value`);
      return;
    case "number_input":
      if (typeof element.is_decimal_allowed !== "boolean") report.fail(`${path}/is_decimal_allowed`, "missing required field");
      return;
    default:
      if (type.startsWith("multi_") && element.max_items !== undefined && !((element.max_items as number) >= 1)) {
        report.fail(`${path}/max_items`, "must be at least 1");
      }
  }
}

function checkImage(report: Report, image: Json, path: string): void {
  if (image.image_url === undefined && image.slack_file === undefined) {
    report.fail(path, "must provide image_url or slack_file");
  }
  report.maxLength(image.image_url, 3000, `${path}/image_url`);
  if (typeof image.alt_text !== "string") report.fail(`${path}/alt_text`, "missing required field");
  report.maxLength(image.alt_text, 2000, `${path}/alt_text`);
}

function checkElements(report: Report, elements: unknown, path: string, max: number, allowed: Set<string>): void {
  if (!Array.isArray(elements)) return report.fail(path, "must be an array");
  report.maxItems(elements, max, path);
  const actionIds = new Set<string>();
  elements.forEach((element, i) => checkElement(report, element, `${path}/${i}`, allowed, actionIds));
}

function checkBlock(report: Report, block: unknown, path: string): void {
  if (!isObject(block)) return report.fail(path, "must be a block object");
  switch (block.type) {
    case "section": {
      if (block.text === undefined && block.fields === undefined) report.fail(path, "must provide text or fields");
      // Slack: section text 1..3000; up to 10 fields of at most 2000.
      checkText(report, block.text, `${path}/text`, { max: 3000, required: false });
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields)) report.fail(`${path}/fields`, "must be an array");
        else {
          report.maxItems(block.fields, 10, `${path}/fields`);
          block.fields.forEach((field, i) => checkText(report, field, `${path}/fields/${i}`, { max: 2000 }));
        }
      }
      if (block.accessory !== undefined) {
        checkElement(report, block.accessory, `${path}/accessory`, ACCESSORY_ELEMENTS, new Set());
      }
      return;
    }
    case "header":
      // Slack: header text is plain_text, at most 150 characters.
      return checkText(report, block.text, `${path}/text`, { max: 150, plainOnly: true });
    case "divider":
      return;
    case "context": {
      // Slack: up to 10 image or text elements.
      const allowed = new Set(["image", "plain_text", "mrkdwn"]);
      if (!Array.isArray(block.elements)) return report.fail(`${path}/elements`, "must be an array");
      report.maxItems(block.elements, 10, `${path}/elements`);
      block.elements.forEach((element: unknown, i) => {
        const at = `${path}/elements/${i}`;
        if (!isObject(element) || !allowed.has(element.type as string)) return report.fail(`${at}/type`, "must be image, plain_text or mrkdwn");
        if (element.type === "image") checkImage(report, element, at);
        else checkText(report, element, at, { max: 3000 });
      });
      return;
    }
    case "actions":
      // Slack: an actions block holds at most 25 elements.
      return checkElements(report, block.elements, `${path}/elements`, 25, ACTIONS_ELEMENTS);
    case "input":
      checkText(report, block.label, `${path}/label`, { max: 2000, plainOnly: true });
      checkText(report, block.hint, `${path}/hint`, { max: 2000, plainOnly: true, required: false });
      if (block.element === undefined) return report.fail(`${path}/element`, "missing required field");
      return checkElement(report, block.element, `${path}/element`, INPUT_ELEMENTS, new Set());
    case "image":
      checkImage(report, block, path);
      return checkText(report, block.title, `${path}/title`, { max: 2000, plainOnly: true, required: false });
    case "rich_text":
      // Light check: the structure, not every inline style.
      if (!Array.isArray(block.elements)) return report.fail(`${path}/elements`, "must be an array");
      block.elements.forEach((element: unknown, i) => {
        if (!isObject(element) || !RICH_TEXT_ELEMENTS.has(element.type as string)) {
          report.fail(`${path}/elements/${i}/type`, `unsupported rich text element ${JSON.stringify(isObject(element) ? element.type : element)}`);
        }
      });
      return;
    default:
      report.fail(`${path}/type`, `unsupported block type ${JSON.stringify(block.type)}`);
  }
}

function checkBlocks(report: Report, blocks: unknown, path: string, surface: Surface): void {
  if (!Array.isArray(blocks)) return report.fail(path, "must be an array");
  if (blocks.length > MAX_BLOCKS[surface]) report.fail(path, `must be less than ${MAX_BLOCKS[surface] + 1} items`);
  const blockIds = new Set<unknown>();
  blocks.forEach((block, i) => {
    const at = `${path}/${i}`;
    if (isObject(block) && block.block_id !== undefined) {
      report.maxLength(block.block_id, 255, `${at}/block_id`);
      // Slack: block_id must be unique within a message or view.
      if (blockIds.has(block.block_id)) report.fail(`${at}/block_id`, `duplicate block_id "${block.block_id}"`);
      blockIds.add(block.block_id);
    }
    checkBlock(report, block, at);
  });
}

/** Errors Slack would report for these blocks on this surface; empty when Slack accepts them. */
export function validateBlocks(blocks: unknown, surface: Surface): string[] {
  const report = new Report();
  checkBlocks(report, blocks, "/blocks", surface);
  return report.errors;
}

/** Errors Slack would report for a modal or Home tab view (paths start at `/view`). */
export function validateView(view: unknown): string[] {
  const report = new Report();
  if (!isObject(view)) {
    report.fail("/view", "must be a view object");
    return report.errors;
  }
  if (view.type !== "modal" && view.type !== "home") {
    report.fail("/view/type", 'must be "modal" or "home"');
    return report.errors;
  }
  checkBlocks(report, view.blocks, "/view/blocks", view.type);
  // Slack: private_metadata 3000, callback_id 255, external_id 255.
  report.maxLength(view.private_metadata, 3000, "/view/private_metadata");
  report.maxLength(view.callback_id, 255, "/view/callback_id");
  report.maxLength(view.external_id, 255, "/view/external_id");
  if (view.type === "modal") {
    // Slack: title, submit and close are plain_text of at most 24 characters.
    checkText(report, view.title, "/view/title", { max: 24, plainOnly: true });
    checkText(report, view.close, "/view/close", { max: 24, plainOnly: true, required: false });
    checkText(report, view.submit, "/view/submit", { max: 24, plainOnly: true, required: false });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((block) => isObject(block) && block.type === "input");
    if (hasInput && view.submit === undefined) report.fail("/view/submit", "must provide submit when the view has input blocks");
  }
  return report.errors;
}

/** Errors Slack would report for options answered to a `block_suggestion` (external select). */
export function validateOptionsResponse(body: unknown): string[] {
  const report = new Report();
  if (!isObject(body)) report.fail("", "must be an object with options or option_groups");
  else checkSelectOptions(report, body, "");
  return report.errors;
}

/** Characters of text across blocks, the measure behind Slack's `msg_blocks_too_long`. */
export function blockTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + blockTextLength(item), 0);
  if (!isObject(value)) return 0;
  return Object.entries(value).reduce(
    (sum, [key, item]) => sum + (key === "text" && typeof item === "string" ? item.length : blockTextLength(item)),
    0,
  );
}
