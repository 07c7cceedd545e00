import { ErrorCode, WebClient, type WebAPIPlatformError } from "@slack/web-api";
import type { ModalView } from "@slack/types";
import { silentLogger, startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { startRecordingApp, type RecordingApp } from "./recording-app";

const USER = "U0FAKEUSER";
const START = Date.UTC(2024, 10, 23, 9, 0, 0);

let now = START;
let fake: SlackFake;
let app: RecordingApp;
let client: WebClient;

beforeAll(async () => {
  fake = await startSlackFake({ now: () => now });
  app = await startRecordingApp();
  fake.setAppUrl(app.url);
  client = new WebClient(fake.config.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: silentLogger() });
});
afterEach(() => {
  fake.reset();
  app.answer = () => ({});
  app.requests.length = 0;
  now = START;
});
afterAll(async () => {
  await fake.close();
  await app.close();
});

async function slackError(call: Promise<unknown>): Promise<WebAPIPlatformError["data"]> {
  const error = (await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )) as WebAPIPlatformError | undefined;
  if (error?.code !== ErrorCode.PlatformError) throw new Error(`expected a Slack platform error, got ${String(error)}`);
  return error.data;
}

function repairModal(extra: Partial<ModalView> = {}): ModalView {
  return {
    type: "modal",
    callback_id: "repair.create",
    title: { type: "plain_text", text: "New repair" },
    submit: { type: "plain_text", text: "Create" },
    blocks: [
      {
        type: "input",
        block_id: "description",
        label: { type: "plain_text", text: "What is broken?" },
        element: { type: "plain_text_input", action_id: "value" },
      },
      {
        type: "input",
        block_id: "category",
        label: { type: "plain_text", text: "Category" },
        element: {
          type: "static_select",
          action_id: "value",
          options: [
            { text: { type: "plain_text", text: "Heating" }, value: "heating" },
            { text: { type: "plain_text", text: "Plumbing" }, value: "plumbing" },
          ],
        },
      },
      { type: "actions", block_id: "tools", elements: [{ type: "button", action_id: "add_part", text: { type: "plain_text", text: "Add part" } }] },
    ],
    ...extra,
  };
}

/** A trigger_id as the app would get it: from a slash command the driver delivers. */
async function triggerFromCommand(): Promise<string> {
  return (await fake.driver.sendCommand({ command: "/repair" })).triggerId!;
}

describe("trigger_id", () => {
  it("opens a modal once, then answers exchanged_trigger_id", async () => {
    const triggerId = await triggerFromCommand();

    const opened = await client.views.open({ trigger_id: triggerId, view: repairModal() });
    expect(opened.view).toMatchObject({ type: "modal", callback_id: "repair.create", state: { values: { description: { value: { type: "plain_text_input", value: null } } } } });
    expect(opened.view?.id).toMatch(/^V/);
    expect(opened.view?.root_view_id).toBe(opened.view?.id);
    expect(fake.openModal(USER)?.id).toBe(opened.view?.id);

    expect(await slackError(client.views.open({ trigger_id: triggerId, view: repairModal() }))).toMatchObject({ error: "exchanged_trigger_id" });
  });

  it("expires 3 seconds after the interaction (on the fake's clock)", async () => {
    const triggerId = await triggerFromCommand();
    now += 3_001;

    expect(await slackError(client.views.open({ trigger_id: triggerId, view: repairModal() }))).toMatchObject({ error: "expired_trigger_id" });
  });

  it("refuses a trigger_id Slack never issued", async () => {
    expect(await slackError(client.views.open({ trigger_id: "123.456.abc", view: repairModal() }))).toMatchObject({ error: "invalid_trigger_id" });
  });
});

describe("views", () => {
  it("refuses an invalid modal with invalid_arguments and Slack's messages", async () => {
    const view = repairModal({ title: { type: "plain_text", text: "A title far too long for Slack" }, submit: undefined });

    expect(await slackError(client.views.open({ trigger_id: await triggerFromCommand(), view }))).toMatchObject({
      error: "invalid_arguments",
      response_metadata: {
        messages: [
          "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]",
          "[ERROR] must provide submit when the view has input blocks [json-pointer:/view/submit]",
        ],
      },
    });
  });

  it("updates by view_id, refuses a stale hash, and keeps typed input whose ids are unchanged", async () => {
    const { view } = await client.views.open({ trigger_id: await triggerFromCommand(), view: repairModal() });
    await fake.driver.sendBlockActions({ view: view!.id!, values: { description: { value: "Boiler leaking" } }, actions: [{ action_id: "add_part" }] });

    const updated = await client.views.update({ view_id: view!.id!, hash: view!.hash!, view: repairModal({ private_metadata: "ticket=42" }) });
    expect(updated.view?.id).toBe(view?.id);
    expect(updated.view?.hash).not.toBe(view?.hash);
    expect(updated.view).toMatchObject({ state: { values: { description: { value: { value: "Boiler leaking" } } } } });

    expect(await slackError(client.views.update({ view_id: view!.id!, hash: view!.hash!, view: repairModal() }))).toMatchObject({ error: "hash_conflict" });
    expect(await slackError(client.views.update({ view_id: "V0MISSING", view: repairModal() }))).toMatchObject({ error: "not_found" });
  });

  it("answers not_found to an update of a modal the user closed, or that another views.open replaced", async () => {
    const { view: closed } = await client.views.open({ trigger_id: await triggerFromCommand(), view: repairModal() });
    fake.driver.closeModal({ view: closed!.id! });
    expect(fake.openModal(USER)).toBeUndefined();
    expect(await slackError(client.views.update({ view_id: closed!.id!, hash: closed!.hash!, view: repairModal() }))).toMatchObject({ error: "not_found" });

    const { view: replaced } = await client.views.open({ trigger_id: await triggerFromCommand(), view: repairModal() });
    const { view: current } = await client.views.open({ trigger_id: await triggerFromCommand(), view: repairModal({ callback_id: "repair.other" }) });
    expect(await slackError(client.views.update({ view_id: replaced!.id!, view: repairModal() }))).toMatchObject({ error: "not_found" });
    expect((await client.views.update({ view_id: current!.id!, hash: current!.hash!, view: repairModal() })).view?.id).toBe(current?.id);
  });

  it("updates by external_id", async () => {
    await client.views.open({ trigger_id: await triggerFromCommand(), view: repairModal({ external_id: "repair-42" }) });
    const updated = await client.views.update({ external_id: "repair-42", view: repairModal({ external_id: "repair-42", private_metadata: "v2" }) });

    expect(updated.view?.private_metadata).toBe("v2");
  });

  it("pushes at most 2 views onto a modal, with triggers from actions inside it", async () => {
    const { view: root } = await client.views.open({ trigger_id: await triggerFromCommand(), view: repairModal() });
    const push = async () => {
      const { triggerId } = await fake.driver.sendBlockActions({ view: fake.openModal(USER)!, actions: [{ action_id: "add_part" }] });
      return client.views.push({ trigger_id: triggerId!, view: repairModal({ callback_id: "repair.part" }) });
    };

    const first = await push();
    expect(first.view).toMatchObject({ root_view_id: root?.id, previous_view_id: root?.id });
    await push();
    expect(fake.modalStack(USER)).toHaveLength(3);
    expect(await slackError(push())).toMatchObject({ error: "push_limit_reached" });
  });

  it("publishes a Home tab per user", async () => {
    const home = { type: "home" as const, blocks: [{ type: "section", text: { type: "mrkdwn", text: "*3* open repairs" } }] };
    const published = await client.views.publish({ user_id: USER, view: home });

    expect(fake.homeView(USER)).toMatchObject({ id: published.view?.id, type: "home", blocks: home.blocks });
    expect(await slackError(client.views.publish({ user_id: USER, hash: "stale", view: home }))).toMatchObject({ error: "hash_conflict" });
    expect(await slackError(client.views.publish({ user_id: USER, view: { ...home, type: "modal" } as never }))).toMatchObject({ error: "invalid_arguments" });
  });
});

describe("view submissions", () => {
  async function openRepairModal() {
    return (await client.views.open({ trigger_id: await triggerFromCommand(), view: repairModal() })).view!;
  }

  it("sends what the user typed, in Slack's state shape, and closes the modal on an empty ack", async () => {
    await openRepairModal();
    const result = await fake.driver.sendViewSubmission({ values: { description: { value: "Boiler leaking" }, category: { value: "heating" } } });

    expect(result.status).toBe(200);
    expect(result.problems).toEqual([]);
    expect(app.requests.at(-1)?.payload).toMatchObject({
      type: "view_submission",
      user: { id: USER },
      view: {
        callback_id: "repair.create",
        state: {
          values: {
            description: { value: { type: "plain_text_input", value: "Boiler leaking" } },
            category: { value: { type: "static_select", selected_option: { value: "heating", text: { type: "plain_text", text: "Heating" } } } },
          },
        },
      },
    });
    expect(fake.openModal(USER)).toBeUndefined();
  });

  it("keeps the modal open when the app answers errors for an input block", async () => {
    app.answer = () => ({ body: { response_action: "errors", errors: { description: "Tell us what is broken" } } });
    await openRepairModal();

    const result = await fake.driver.sendViewSubmission({ values: { description: { value: "?" }, category: { value: "plumbing" } } });
    expect(result.problems).toEqual([]);
    expect(fake.openModal(USER)).toBeDefined();
  });

  it("reports errors keyed by a block that is not an input, as Slack would refuse them", async () => {
    app.answer = () => ({ body: { response_action: "errors", errors: { tools: "nope" } } });
    await openRepairModal();

    const result = await fake.driver.sendViewSubmission({ values: { description: { value: "x" }, category: { value: "heating" } } });
    expect(result.problems).toEqual(["Slack refuses errors for tools: not input block_ids of the view"]);
  });

  it("applies response_action update, validating the new view", async () => {
    app.answer = () => ({ body: { response_action: "update", view: repairModal({ title: { type: "plain_text", text: "Repair created" } }) } });
    const opened = await openRepairModal();

    await fake.driver.sendViewSubmission({ values: { description: { value: "x" }, category: { value: "heating" } } });
    expect(fake.openModal(USER)).toMatchObject({ id: opened.id, title: { text: "Repair created" } });

    app.answer = () => ({ body: { response_action: "update", view: repairModal({ title: { type: "plain_text", text: "x".repeat(30) } }) } });
    const refused = await fake.driver.sendViewSubmission();
    expect(refused.problems).toEqual(["Slack refuses the response_action: invalid_arguments: [ERROR] must be less than 25 characters [json-pointer:/view/title/text]"]);
  });

  it("will not submit while a required input is empty, like Slack's client", async () => {
    await openRepairModal();

    await expect(fake.driver.sendViewSubmission({ values: { category: { value: "heating" } } })).rejects.toThrow('required input "description" is empty');
    expect(app.requests.filter((request) => request.payload.type === "view_submission")).toHaveLength(0);
  });

  it("submits a view the fake never stored, as given, without touching open modals", async () => {
    const opened = await openRepairModal();
    const handMade = { ...fake.openModal(USER)!, id: "V0HANDMADE", callback_id: "repair.other" };

    await fake.driver.sendViewSubmission({ view: handMade, values: { description: { value: "x" }, category: { value: "heating" } } });
    expect(app.requests.at(-1)?.payload).toMatchObject({ view: { id: "V0HANDMADE", callback_id: "repair.other" } });
    expect(fake.openModal(USER)?.id).toBe(opened.id);
  });

  it("refuses to pick an option the select does not offer", async () => {
    await openRepairModal();

    await expect(fake.driver.sendViewSubmission({ values: { category: { value: "roofing" } } })).rejects.toThrow('"roofing" is not an option of value');
  });
});
