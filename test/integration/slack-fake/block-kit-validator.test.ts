import { blockTextLength, validateBlocks, validateOptionsResponse, validateView } from "../../../src/sandbox/slack";

const section = (text: string, blockId?: string) => ({ type: "section", ...(blockId ? { block_id: blockId } : {}), text: { type: "mrkdwn", text } });
const button = (actionId: string, text = "Open", value = "1") => ({ type: "button", action_id: actionId, text: { type: "plain_text", text }, value });
const option = (value: string, text = value) => ({ text: { type: "plain_text", text }, value });
const modal = (extra: Record<string, unknown> = {}) => ({ type: "modal", title: { type: "plain_text", text: "New repair" }, blocks: [], ...extra });
const input = (blockId: string) => ({
  type: "input",
  block_id: blockId,
  label: { type: "plain_text", text: "Description" },
  element: { type: "plain_text_input", action_id: "value" },
});

describe("validateBlocks", () => {
  it("accepts every block and element the bot uses", () => {
    const blocks = [
      { type: "header", text: { type: "plain_text", text: "Ticket #42" } },
      section("*Boiler* leaking", "summary"),
      { type: "divider" },
      { type: "context", elements: [{ type: "mrkdwn", text: "Opened today" }, { type: "image", image_url: "https://x.test/a.png", alt_text: "logo" }] },
      {
        type: "actions",
        block_id: "ticket_actions",
        elements: [
          button("assign"),
          { type: "static_select", action_id: "category", options: [option("heating"), option("plumbing")], initial_option: option("heating") },
          { type: "external_select", action_id: "customer", min_query_length: 2 },
          { type: "users_select", action_id: "technician" },
          { type: "conversations_select", action_id: "channel" },
          { type: "overflow", action_id: "more", options: [option("close"), option("reopen")] },
          { type: "datepicker", action_id: "day", initial_date: "2024-11-23" },
          { type: "timepicker", action_id: "time", initial_time: "09:30" },
          { type: "datetimepicker", action_id: "at", initial_date_time: 1732350000 },
          { type: "checkboxes", action_id: "flags", options: [option("urgent")] },
          { type: "radio_buttons", action_id: "zone", options: [option("city"), option("suburb")] },
          { type: "multi_static_select", action_id: "parts", options: [option("valve")] },
          { type: "multi_external_select", action_id: "sites" },
          { type: "multi_users_select", action_id: "watchers", max_items: 3 },
        ],
      },
      { type: "input", block_id: "n", label: { type: "plain_text", text: "Hours" }, element: { type: "number_input", action_id: "v", is_decimal_allowed: true } },
      { type: "input", block_id: "e", label: { type: "plain_text", text: "Email" }, element: { type: "email_text_input", action_id: "v" } },
      { type: "input", block_id: "u", label: { type: "plain_text", text: "Site" }, element: { type: "url_text_input", action_id: "v" } },
      { type: "image", image_url: "https://x.test/photo.jpg", alt_text: "the boiler" },
      { type: "rich_text", elements: [{ type: "rich_text_section", elements: [{ type: "text", text: "hi" }] }] },
    ];
    expect(validateBlocks(blocks, "message")).toEqual([]);
  });

  it("refuses unknown block and element types", () => {
    expect(validateBlocks([{ type: "carousel" }], "message")).toEqual(['unsupported block type "carousel" [json-pointer:/blocks/0/type]']);
    expect(validateBlocks([{ type: "actions", elements: [{ type: "plain_text_input", action_id: "a" }] }], "message")).toEqual([
      'unsupported element type "plain_text_input" here [json-pointer:/blocks/0/elements/0/type]',
    ]);
  });

  it("refuses more than 50 blocks in a message but allows 100 in a modal", () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: "divider" }));
    expect(validateBlocks(blocks, "message")).toEqual(["must be less than 51 items [json-pointer:/blocks]"]);
    expect(validateBlocks(blocks, "modal")).toEqual([]);
    expect(validateBlocks([...blocks, ...blocks], "home")).toEqual(["must be less than 101 items [json-pointer:/blocks]"]);
  });

  it("refuses duplicate block_ids, long ids and duplicate action_ids within a block", () => {
    const errors = validateBlocks(
      [section("a", "same"), section("b", "same"), { type: "divider", block_id: "x".repeat(256) }, { type: "actions", elements: [button("go"), button("go")] }],
      "message",
    );
    expect(errors).toEqual([
      'duplicate block_id "same" [json-pointer:/blocks/1/block_id]',
      "must be less than 256 characters [json-pointer:/blocks/2/block_id]",
      'duplicate action_id "go" in block [json-pointer:/blocks/3/elements/1/action_id]',
    ]);
  });

  it("enforces section text 1..3000 and 10 fields of at most 2000", () => {
    expect(validateBlocks([section("")], "message")).toEqual(["must be more than 0 characters [json-pointer:/blocks/0/text/text]"]);
    expect(validateBlocks([section("x".repeat(3001))], "message")).toEqual(["must be less than 3001 characters [json-pointer:/blocks/0/text/text]"]);
    const fields = Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f" }));
    fields[0].text = "y".repeat(2001);
    expect(validateBlocks([{ type: "section", fields }], "message")).toEqual([
      "must be less than 11 items [json-pointer:/blocks/0/fields]",
      "must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]",
    ]);
  });

  it("wants a plain_text header of at most 150 characters", () => {
    expect(validateBlocks([{ type: "header", text: { type: "mrkdwn", text: "*bold*" } }], "message")).toEqual([
      'must be "plain_text" [json-pointer:/blocks/0/text/type]',
    ]);
    expect(validateBlocks([{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }], "message")).toEqual([
      "must be less than 151 characters [json-pointer:/blocks/0/text/text]",
    ]);
  });

  it("limits buttons, options, actions elements, choices, overflow and confirm dialogs", () => {
    const many = (count: number) => Array.from({ length: count }, (_, i) => option(`o${i}`));
    const actions = (elements: unknown[]) => [{ type: "actions", elements }];
    expect(validateBlocks(actions([button("a", "t".repeat(76), "v".repeat(2001))]), "message")).toEqual([
      "must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]",
      "must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]",
    ]);
    expect(validateBlocks(actions([{ type: "static_select", action_id: "s", options: [option("v".repeat(76), "t".repeat(76))] }]), "message")).toEqual([
      "must be less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/text/text]",
      "must be less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/value]",
    ]);
    expect(validateBlocks(actions([{ type: "static_select", action_id: "s", options: many(101) }]), "message")).toEqual([
      "must be less than 101 items [json-pointer:/blocks/0/elements/0/options]",
    ]);
    expect(validateBlocks(actions(Array.from({ length: 26 }, (_, i) => button(`b${i}`))), "message")).toEqual([
      "must be less than 26 items [json-pointer:/blocks/0/elements]",
    ]);
    expect(validateBlocks(actions([{ type: "checkboxes", action_id: "c", options: many(11) }]), "message")).toEqual([
      "must be less than 11 items [json-pointer:/blocks/0/elements/0/options]",
    ]);
    expect(validateBlocks(actions([{ type: "overflow", action_id: "o", options: many(6) }]), "message")).toEqual([
      "must be less than 6 items [json-pointer:/blocks/0/elements/0/options]",
    ]);
    const confirm = { title: { type: "plain_text", text: "t".repeat(101) }, text: { type: "plain_text", text: "x".repeat(301) } };
    expect(validateBlocks(actions([{ ...button("b"), confirm }]), "message")).toEqual([
      "must be less than 101 characters [json-pointer:/blocks/0/elements/0/confirm/title/text]",
      "must be less than 301 characters [json-pointer:/blocks/0/elements/0/confirm/text/text]",
    ]);
  });

  it("wants an initial_option that is one of the options", () => {
    const select = { type: "static_select", action_id: "s", options: [option("a")], initial_option: option("b") };
    expect(validateBlocks([{ type: "actions", elements: [select] }], "message")).toEqual([
      "must match one of the options [json-pointer:/blocks/0/elements/0/initial_option]",
    ]);
  });

  it("counts the text of a message's blocks", () => {
    expect(blockTextLength([section("abc"), { type: "header", text: { type: "plain_text", text: "de" } }])).toBe(5);
  });
});

describe("validateView", () => {
  it("accepts a modal with inputs and a submit button", () => {
    expect(validateView(modal({ blocks: [input("description")], submit: { type: "plain_text", text: "Create" } }))).toEqual([]);
  });

  it("limits title, submit and close to 24 characters", () => {
    const long = { type: "plain_text", text: "x".repeat(25) };
    expect(validateView(modal({ title: long, submit: long, close: long }))).toEqual([
      "must be less than 25 characters [json-pointer:/view/title/text]",
      "must be less than 25 characters [json-pointer:/view/close/text]",
      "must be less than 25 characters [json-pointer:/view/submit/text]",
    ]);
  });

  it("needs submit when the modal has input blocks", () => {
    expect(validateView(modal({ blocks: [input("description")] }))).toEqual([
      "must provide submit when the view has input blocks [json-pointer:/view/submit]",
    ]);
  });

  it("limits private_metadata to 3000 and callback_id to 255 characters", () => {
    expect(validateView(modal({ private_metadata: "m".repeat(3001), callback_id: "c".repeat(256) }))).toEqual([
      "must be less than 3001 characters [json-pointer:/view/private_metadata]",
      "must be less than 256 characters [json-pointer:/view/callback_id]",
    ]);
  });

  it("reports block errors under /view/blocks", () => {
    expect(validateView({ type: "home", blocks: [section("")] })).toEqual(["must be more than 0 characters [json-pointer:/view/blocks/0/text/text]"]);
  });
});

describe("validateOptionsResponse", () => {
  it("limits external select options like static ones", () => {
    expect(validateOptionsResponse({ options: [option("ok")] })).toEqual([]);
    expect(validateOptionsResponse({ options: [option("x".repeat(76))] })).toEqual([
      "must be less than 76 characters [json-pointer:/options/0/text/text]",
      "must be less than 76 characters [json-pointer:/options/0/value]",
    ]);
  });
});
