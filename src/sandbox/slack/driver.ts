/**
 * Plays Slack's side towards the app: payloads built like Slack's, each with a fresh trigger_id
 * and a response_url the fake serves, delivered as signed HTTP requests to the app's endpoint or
 * as Socket Mode envelopes on its WebSocket. What the app answers (acks, response_action) is
 * applied to the fake's workspace as Slack would, whichever the transport.
 */
import { createHmac } from "node:crypto";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type {
  BlockAction,
  BlockSuggestion,
  EnvelopedEvent,
  GlobalShortcut,
  MessageShortcut,
  SlashCommand,
  ViewClosedAction,
  ViewOutput,
  ViewSubmitAction,
} from "@slack/bolt";
import { validateOptionsResponse } from "./block-kit-validator";
import type { EnvelopeType, SocketModeServer } from "./socket-mode";
import { buildState, findElement, interactiveElements, isEmptyState, toStateValue, type StateInput, type StateValues } from "./view-state";
import { SlackApiError, type FakeEphemeral, type FakeMessage, type ResponseTarget, type Workspace } from "./workspace";

type Json = Record<string, unknown>;

/** Slack waits 3 seconds for the app's HTTP answer. */
const ACK_DEADLINE_MS = 3_000;
/** Long enough for Bolt's own 3001 ms no-ack answer, short enough not to hang a test. */
const REQUEST_TIMEOUT_MS = 10_000;

/** Signed HTTP requests to the app's endpoint, or envelopes on its Socket Mode connection. */
export type Transport = "http" | "socket";

export interface SendResult<Payload = unknown> {
  /** The HTTP status; over Socket Mode 200 once the app acked, 0 when no ack came in time. */
  status: number;
  /** Parsed JSON when the app answered JSON (Socket Mode: the ack's payload), else the text ("" for a bare ack). */
  body: unknown;
  /** The HTTP response headers; none over Socket Mode. */
  headers: IncomingHttpHeaders;
  durationMs: number;
  /** What Slack sent. */
  payload: Payload;
  /** Why Slack would not be happy with the answer (late ack, HTTP error, refused ack body...); empty when fine. */
  problems: string[];
  responseUrl?: string;
  triggerId?: string;
  /** Over Socket Mode, the envelope's id (the app's request id in its logs). */
  envelopeId?: string;
}

export interface EventResult extends SendResult<EnvelopedEvent> {
  eventId: string;
}

/** Values a user typed, by block_id then action_id: shorthand ("heating", ["U1"]) or Slack's object. */
export type TypedValues = Record<string, Record<string, StateInput>>;

/** An action on an element the app rendered: Slack fills type, text and value from the element. */
export interface ActionInput {
  action_id: string;
  block_id?: string;
  /** A button's value, or the option value / user id / date... the user picked. */
  value?: StateInput;
  [field: string]: unknown;
}

/** A message the app posted (from `fake.messagesIn`/`ephemeralsFor`) or just where it is. */
export type MessageRef = FakeMessage | FakeEphemeral | { channel: string; ts: string };

export interface CommandOptions {
  command?: string;
  text?: string;
  userId?: string;
  channelId?: string;
}

export interface BlockActionsOptions {
  actions: ActionInput[];
  userId?: string;
  message?: MessageRef;
  /** A view (or its id) the actions happen in: a modal or a Home tab. */
  view?: ViewOutput | string;
  /** Typed into the message or view before the action. */
  values?: TypedValues;
  channel?: string;
  container?: Json;
}

export interface ViewSubmissionOptions {
  userId?: string;
  /** Default: the top of the user's open modal stack. */
  view?: ViewOutput | string;
  values?: TypedValues;
}

export interface ViewClosedOptions {
  userId?: string;
  view?: ViewOutput | string;
  isCleared?: boolean;
}

export interface BlockSuggestionOptions {
  actionId: string;
  value: string;
  blockId?: string;
  userId?: string;
  view?: ViewOutput | string;
  message?: MessageRef;
  channel?: string;
}

export interface ShortcutOptions {
  callbackId: string;
  userId?: string;
  /** With a message: a message shortcut (`message_action`); without: a global shortcut. */
  message?: MessageRef;
}

export interface EventOptions {
  /** Reuse an event_id to redeliver the same event. */
  eventId?: string;
  /** X-Slack-Retry-Num over HTTP, `retry_attempt` over Socket Mode. */
  retryNum?: number;
  /** X-Slack-Retry-Reason over HTTP ("http_timeout"...), `retry_reason` over Socket Mode ("timeout"...). */
  retryReason?: string;
}

/** What Slack is delivering: it decides the HTTP encoding and the Socket Mode envelope type. */
type Delivery = "command" | "interaction" | "event";

type Retry = Pick<EventOptions, "retryNum" | "retryReason">;

const ENVELOPE_TYPES: Record<Delivery, EnvelopeType> = { command: "slash_commands", interaction: "interactive", event: "events_api" };

export type FakeEventInput = { type: string } & Json;

/** Slack's request signature: `v0=` + HMAC-SHA256 of `v0:{timestamp}:{body}`. */
export function signSlackRequest(signingSecret: string, timestampSeconds: number, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestampSeconds}:${body}`).digest("hex")}`;
}

interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

function post(url: URL, body: string, headers: Record<string, string>): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    // agent: false → "Connection: close", so no socket outlives the test.
    const request = httpRequest(url, { method: "POST", agent: false, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString() }));
    });
    request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error(`the app did not answer within ${REQUEST_TIMEOUT_MS} ms`)));
    request.on("error", reject);
    request.end(body);
  });
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function refusal(error: unknown): string {
  if (!(error instanceof SlackApiError)) throw error;
  const details = [error.extra.errors, (error.extra.response_metadata as Json | undefined)?.messages].flat().filter(Boolean);
  return `${error.error}${details.length > 0 ? `: ${details.join("; ")}` : ""}`;
}

export class SlackDriver {
  /** The app's base URL ("http://127.0.0.1:3000") or full endpoint; the path defaults to Bolt's /slack/events. */
  appUrl?: string;
  transport: Transport = "http";
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly workspace: Workspace,
    private readonly socketMode: SocketModeServer,
  ) {}

  /** Whether a delivery has somewhere to go: an app URL, or an open Socket Mode connection. */
  get canDeliver(): boolean {
    return this.transport === "socket" ? this.socketMode.connectionCount > 0 : this.appUrl !== undefined;
  }

  private get config() {
    return this.workspace.config;
  }

  // --- payload pieces --------------------------------------------------------------------------

  private userId(userId?: string): string {
    const id = userId ?? [...this.config.users.keys()][0];
    if (!id) throw new Error("the fake has no users: pass `users` to startSlackFake");
    return id;
  }

  private user(userId: string) {
    const name = this.workspace.user(userId)?.name ?? userId.toLowerCase();
    return { id: userId, username: name, name, team_id: this.config.teamId };
  }

  private team() {
    return { id: this.config.teamId, domain: this.config.teamDomain };
  }

  private channel(channelId: string | undefined, userId: string) {
    const id = channelId ?? [...this.config.channels.keys()][0] ?? this.workspace.dmChannelFor(userId);
    return { id, name: this.workspace.conversation(id)?.name ?? "unknown" };
  }

  /** A view the fake stored (by id or object), the user's open modal, or a hand-built view as given. */
  private resolveView(view: ViewOutput | string | undefined, userId: string): ViewOutput {
    const id = typeof view === "string" ? view : view?.id;
    const found = id ? (this.workspace.view(id) ?? (typeof view === "object" ? view : undefined)) : this.workspace.modalStack(userId).at(-1);
    if (!found) throw new Error(id ? `no view ${id} in the fake` : `no modal is open for ${userId}`);
    return found;
  }

  private resolveMessage(ref: MessageRef): { message?: FakeMessage; ephemeral?: FakeEphemeral } {
    const message = this.workspace.findMessage(ref.channel, ref.ts);
    if (message) return { message };
    const ephemeral = this.workspace.findEphemeral(ref.ts);
    if (ephemeral) return { ephemeral };
    throw new Error(`no message ${ref.ts} in ${ref.channel}: the user cannot act on it`);
  }

  /** Records what the user typed into a view, as Slack keeps it until the next interaction. */
  private typeInto(view: ViewOutput, values: TypedValues = {}): ViewOutput {
    const typed: StateValues = {};
    for (const [blockId, actions] of Object.entries(values)) {
      for (const [actionId, input] of Object.entries(actions)) {
        const found = findElement(view.blocks, actionId, blockId);
        if (!found) throw new Error(`no element ${blockId}/${actionId} in view ${view.id}: the user cannot fill it`);
        typed[blockId] = { ...typed[blockId], [actionId]: toStateValue(found.element, input) };
      }
    }
    return this.withState(view, typed);
  }

  private withState(view: ViewOutput, typed: StateValues): ViewOutput {
    if (this.workspace.view(view.id)) return this.workspace.setViewState(view.id, typed);
    const values = { ...view.state.values };
    for (const [blockId, actions] of Object.entries(typed)) values[blockId] = { ...values[blockId], ...actions };
    return { ...view, state: { values } };
  }

  private buildAction(input: ActionInput, blocks: unknown, hasSource: boolean): { action: Json; state?: StateValues } {
    const { action_id, block_id, value, ...extra } = input;
    const action_ts = this.workspace.nextTs();
    const found = hasSource ? findElement(blocks, action_id, block_id) : undefined;
    if (hasSource && !found) throw new Error(`no element with action_id "${action_id}" there: the user cannot use it`);
    if (!found) return { action: { type: "button", block_id: block_id ?? "fake_block", action_id, action_ts, ...(value !== undefined ? { value } : {}), ...extra } };
    const { element, blockId } = found;
    const base = { type: element.type, block_id: blockId, action_id, action_ts };
    if (element.type === "button") {
      if (value !== undefined && value !== element.value) throw new Error(`button "${action_id}" has value ${JSON.stringify(element.value)}, not ${JSON.stringify(value)}`);
      const fields = Object.fromEntries(["text", "value", "style", "url"].filter((key) => element[key] !== undefined).map((key) => [key, element[key]]));
      return { action: { ...base, ...fields, ...extra } };
    }
    if (value === undefined) return { action: { ...base, ...extra } };
    const stateValue = toStateValue(element, value);
    const state = element.type === "overflow" ? undefined : { [blockId]: { [action_id]: stateValue } };
    return { action: { ...base, ...stateValue, ...extra }, state };
  }

  // --- sending -------------------------------------------------------------------------------

  /** Tracks a delivery started outside a test's await (echoes), so close() can wait for it. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** Headers Slack signs a request with; `timestamp` (seconds) lets a test send a stale one. */
  signedHeaders(body: string, { timestamp = Math.floor(Date.now() / 1000), signingSecret = this.config.signingSecret } = {}): Record<string, string> {
    // The real clock, not the fake's: Bolt checks the timestamp against its own Date.now().
    return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signSlackRequest(signingSecret, timestamp, body) };
  }

  private endpoint(): URL {
    if (!this.appUrl) throw new Error("the driver has no app URL: call fake.setAppUrl(url) once the app listens");
    const url = new URL(this.appUrl);
    if (url.pathname === "/" || url.pathname === "") url.pathname = "/slack/events";
    return url;
  }

  /** An unsigned-by-default request, to test what the app does with bad signatures or stale timestamps. */
  async sendRawRequest(body: string, headers: Record<string, string>): Promise<SendResult<string>> {
    const started = performance.now();
    const answer = await post(this.endpoint(), body, headers);
    const durationMs = Math.round(performance.now() - started);
    const isJson = String(answer.headers["content-type"] ?? "").includes("application/json");
    let parsed: unknown = answer.text;
    if (isJson && answer.text !== "") parsed = JSON.parse(answer.text);
    return { status: answer.status, body: parsed, headers: answer.headers, durationMs, payload: body, problems: [] };
  }

  private deliver<P>(payload: P, delivery: Delivery, retry: Retry = {}): Promise<SendResult<P>> {
    return this.transport === "socket" ? this.deliverOverSocket(payload, delivery, retry) : this.deliverOverHttp(payload, delivery, retry);
  }

  private async deliverOverHttp<P>(payload: P, delivery: Delivery, retry: Retry): Promise<SendResult<P>> {
    const body =
      delivery === "event"
        ? JSON.stringify(payload)
        : new URLSearchParams(delivery === "command" ? (payload as Record<string, string>) : { payload: JSON.stringify(payload) }).toString();
    // Bolt compares the content type exactly: no charset suffix, like Slack.
    const contentType = delivery === "event" ? "application/json" : "application/x-www-form-urlencoded";
    const headers: Record<string, string> = { "content-type": contentType, ...this.signedHeaders(body) };
    if (retry.retryNum !== undefined) headers["x-slack-retry-num"] = String(retry.retryNum);
    if (retry.retryReason !== undefined) headers["x-slack-retry-reason"] = retry.retryReason;
    const result = await this.sendRawRequest(body, headers);
    const problems: string[] = [];
    if (result.status !== 200) problems.push(`the app answered HTTP ${result.status}: Slack shows the user an error (or retries an event)`);
    if (result.durationMs > ACK_DEADLINE_MS) problems.push(`the app answered after ${result.durationMs} ms: Slack gives up after ${ACK_DEADLINE_MS} ms`);
    return { ...result, payload, problems };
  }

  /** The same payload as an envelope; Slack waits for the ack as long as for an HTTP answer. */
  private async deliverOverSocket<P>(payload: P, delivery: Delivery, retry: Retry): Promise<SendResult<P>> {
    const started = performance.now();
    const ack = await this.socketMode.deliver(ENVELOPE_TYPES[delivery], payload, ACK_DEADLINE_MS, { attempt: retry.retryNum ?? 0, reason: retry.retryReason ?? "" });
    const durationMs = Math.round(performance.now() - started);
    // A bare ack() arrives as `payload: {}`: the same as an empty HTTP 200, so nothing to show.
    const body = ack.payload === undefined || Object.keys(ack.payload).length === 0 ? "" : ack.payload;
    return { status: ack.payload ? 200 : 0, body, headers: {}, durationMs, payload, problems: ack.problem ? [ack.problem] : [], envelopeId: ack.envelopeId };
  }

  /** A slash command, form-encoded like Slack's. An ack body is shown like Slack does (ephemeral unless in_channel). */
  async sendCommand(options: CommandOptions = {}): Promise<SendResult<SlashCommand>> {
    const userId = this.userId(options.userId);
    const channel = this.channel(options.channelId, userId);
    const triggerId = this.workspace.issueTrigger(userId);
    const responseUrl = this.workspace.issueResponseUrl("commands", { channel: channel.id, userId });
    const payload: SlashCommand = {
      token: this.config.verificationToken,
      team_id: this.config.teamId,
      team_domain: this.config.teamDomain,
      channel_id: channel.id,
      channel_name: channel.name,
      user_id: userId,
      user_name: this.user(userId).name,
      command: options.command ?? "/repair",
      text: options.text ?? "",
      api_app_id: this.config.appId,
      is_enterprise_install: "false",
      response_url: responseUrl,
      trigger_id: triggerId,
    };
    const result = await this.deliver(payload, "command");
    if (result.status === 200 && result.body !== "" && result.body !== undefined) {
      const body = isObject(result.body) ? result.body : { text: String(result.body) };
      try {
        this.workspace.applyResponse({ channel: channel.id, userId }, body);
        this.workspace.notify();
      } catch (error) {
        result.problems.push(`Slack refuses the ack body: ${refusal(error)}`);
      }
    }
    return { ...result, responseUrl, triggerId };
  }

  /** A click or pick on elements the app rendered in a message or a view. */
  async sendBlockActions(options: BlockActionsOptions): Promise<SendResult<BlockAction>> {
    const userId = this.userId(options.userId);
    const common = { type: "block_actions" as const, user: this.user(userId), api_app_id: this.config.appId, token: this.config.verificationToken, team: this.team() };

    if (options.view !== undefined) {
      let view = this.typeInto(this.resolveView(options.view, userId), options.values);
      const built = options.actions.map((input) => this.buildAction(input, view.blocks, true));
      for (const { state } of built) if (state) view = this.withState(view, state);
      const triggerId = this.workspace.issueTrigger(userId, view.id);
      // Slack gives no response_url for actions inside views.
      const payload = {
        ...common,
        container: options.container ?? { type: "view", view_id: view.id },
        trigger_id: triggerId,
        view: structuredClone(view),
        actions: built.map(({ action }) => action),
        is_enterprise_install: false,
        enterprise: null,
      } as unknown as BlockAction;
      return { ...(await this.deliver(payload, "interaction")), triggerId };
    }

    const source = options.message ? this.resolveMessage(options.message) : {};
    const posted = source.message ?? source.ephemeral;
    const channel = this.channel(posted?.channel ?? options.channel, userId);
    const blocks = posted?.blocks ?? [];
    const typed: StateValues = buildState(blocks);
    for (const [blockId, actions] of Object.entries(options.values ?? {})) {
      for (const [actionId, input] of Object.entries(actions)) {
        const found = findElement(blocks, actionId, blockId);
        if (!found) throw new Error(`no element ${blockId}/${actionId} in the message: the user cannot fill it`);
        typed[blockId] = { ...typed[blockId], [actionId]: toStateValue(found.element, input) };
      }
    }
    const built = options.actions.map((input) => this.buildAction(input, blocks, posted !== undefined));
    for (const { state } of built) for (const [blockId, actions] of Object.entries(state ?? {})) typed[blockId] = { ...typed[blockId], ...actions };
    const target: ResponseTarget = { channel: channel.id, userId, ...(posted ? { original: { ts: posted.ts, ephemeral: source.ephemeral !== undefined } } : {}) };
    const responseUrl = this.workspace.issueResponseUrl("actions", target);
    const triggerId = this.workspace.issueTrigger(userId);
    const { channel: _channel, ...message } = source.message ?? ({} as Partial<FakeMessage>);
    const payload: BlockAction = {
      ...common,
      container: options.container ?? {
        type: "message",
        message_ts: posted?.ts,
        channel_id: channel.id,
        is_ephemeral: source.ephemeral !== undefined,
        ...(posted?.thread_ts ? { thread_ts: posted.thread_ts } : {}),
      },
      trigger_id: triggerId,
      channel,
      // Slack leaves the message out for ephemeral ones.
      ...(source.message ? { message: structuredClone(message) as BlockAction["message"] } : {}),
      state: { values: typed },
      response_url: responseUrl,
      actions: built.map(({ action }) => action) as unknown as BlockAction["actions"],
      is_enterprise_install: false,
    };
    return { ...(await this.deliver(payload, "interaction")), responseUrl, triggerId };
  }

  /**
   * Submits a modal the way a user would. Slack's client refuses to submit while a required input
   * is empty, so that throws instead of sending. The ack's response_action is applied to the stack.
   */
  async sendViewSubmission(options: ViewSubmissionOptions = {}): Promise<SendResult<ViewSubmitAction>> {
    const userId = this.userId(options.userId);
    const view = this.typeInto(this.resolveView(options.view, userId), options.values);
    for (const { blockId, element, required } of interactiveElements(view.blocks)) {
      const value = view.state.values[blockId]?.[String(element.action_id)];
      if (required && isEmptyState(value)) throw new Error(`Slack would not submit: required input "${blockId}" is empty`);
      const length = value?.value?.length ?? 0;
      if (typeof element.max_length === "number" && length > element.max_length) throw new Error(`Slack would not submit: "${blockId}" is over ${element.max_length} characters`);
      if (typeof element.min_length === "number" && length > 0 && length < element.min_length) throw new Error(`Slack would not submit: "${blockId}" is under ${element.min_length} characters`);
    }
    const triggerId = this.workspace.issueTrigger(userId, view.id);
    const payload: ViewSubmitAction = {
      type: "view_submission",
      team: this.team(),
      user: this.user(userId),
      api_app_id: this.config.appId,
      token: this.config.verificationToken,
      trigger_id: triggerId,
      view: structuredClone(view),
      response_urls: [],
      is_enterprise_install: false,
    };
    const result = await this.deliver(payload, "interaction");
    if (result.status === 200) this.applyViewResponse(view, userId, result);
    this.workspace.notify();
    return { ...result, triggerId };
  }

  private applyViewResponse(view: ViewOutput, userId: string, result: SendResult): void {
    const body = isObject(result.body) ? result.body : {};
    try {
      switch (body.response_action) {
        case undefined:
          return this.workspace.closeView(view.id);
        case "clear":
          return this.workspace.closeView(view.id, { clear: true });
        case "update":
          this.workspace.replaceView(view.id, body.view);
          return;
        case "push":
          this.workspace.pushModal(body.view, { userId });
          return;
        case "errors": {
          // Slack only shows errors keyed by an input block of the submitted view.
          const inputs = new Set(view.blocks.filter((block) => block.type === "input").map((block) => block.block_id));
          const unknown = Object.keys(isObject(body.errors) ? body.errors : {}).filter((blockId) => !inputs.has(blockId));
          if (unknown.length > 0) result.problems.push(`Slack refuses errors for ${unknown.join(", ")}: not input block_ids of the view`);
          return;
        }
        default:
          result.problems.push(`unknown response_action ${JSON.stringify(body.response_action)}`);
      }
    } catch (error) {
      result.problems.push(`Slack refuses the response_action: ${refusal(error)}`);
    }
  }

  /**
   * The user closes a modal (Cancel, or the X) that did not ask to be told: Slack sends the app
   * nothing, and the view is gone (a later views.update answers not_found). Views with
   * notify_on_close are closed with sendViewClosed.
   */
  closeModal(options: ViewClosedOptions = {}): void {
    const userId = this.userId(options.userId);
    const view = this.resolveView(options.view, userId);
    if (view.notify_on_close) throw new Error(`view ${view.id} has notify_on_close: Slack sends view_closed (use sendViewClosed)`);
    this.workspace.closeView(view.id, { clear: options.isCleared ?? false });
    this.workspace.notify();
  }

  /** The user closes a modal; Slack tells the app only when the view asked with notify_on_close. */
  async sendViewClosed(options: ViewClosedOptions = {}): Promise<SendResult<ViewClosedAction>> {
    const userId = this.userId(options.userId);
    const view = this.resolveView(options.view, userId);
    if (!view.notify_on_close) throw new Error(`view ${view.id} has no notify_on_close: Slack sends no view_closed`);
    const isCleared = options.isCleared ?? false;
    this.workspace.closeView(view.id, { clear: isCleared });
    const payload: ViewClosedAction = {
      type: "view_closed",
      team: this.team(),
      user: this.user(userId),
      view: structuredClone(view),
      api_app_id: this.config.appId,
      token: this.config.verificationToken,
      is_cleared: isCleared,
      is_enterprise_install: false,
    };
    return this.deliver(payload, "interaction");
  }

  /** The user types into an external select; the app's options are checked against Slack's limits. */
  async sendBlockSuggestion(options: BlockSuggestionOptions): Promise<SendResult<BlockSuggestion>> {
    const userId = this.userId(options.userId);
    const view = options.view !== undefined ? this.resolveView(options.view, userId) : undefined;
    const posted = options.message ? this.resolveMessage(options.message) : {};
    const message = posted.message ?? posted.ephemeral;
    const blocks = view?.blocks ?? message?.blocks;
    const found = blocks ? findElement(blocks, options.actionId, options.blockId) : undefined;
    if (blocks && !found) throw new Error(`no element with action_id "${options.actionId}" there`);
    const channel = view ? undefined : this.channel(message?.channel ?? options.channel, userId);
    const payload: BlockSuggestion = {
      type: "block_suggestion",
      user: this.user(userId),
      container: view ? { type: "view", view_id: view.id } : { type: "message", message_ts: message?.ts, channel_id: channel?.id, is_ephemeral: posted.ephemeral !== undefined },
      api_app_id: this.config.appId,
      token: this.config.verificationToken,
      action_id: options.actionId,
      block_id: found?.blockId ?? options.blockId ?? "fake_block",
      value: options.value,
      team: this.team(),
      ...(view ? { view: structuredClone(view) } : { channel }),
      is_enterprise_install: false,
    };
    const result = await this.deliver(payload, "interaction");
    if (result.status === 200) result.problems.push(...validateOptionsResponse(result.body).map((error) => `Slack refuses the options: ${error}`));
    return result;
  }

  /** A message shortcut (with `message`) or a global shortcut. */
  async sendShortcut(options: ShortcutOptions): Promise<SendResult<MessageShortcut | GlobalShortcut>> {
    const userId = this.userId(options.userId);
    const triggerId = this.workspace.issueTrigger(userId);
    const common = {
      token: this.config.verificationToken,
      action_ts: this.workspace.nextTs(),
      team: this.team(),
      user: this.user(userId),
      callback_id: options.callbackId,
      trigger_id: triggerId,
      is_enterprise_install: false,
    };
    if (!options.message) {
      const payload: GlobalShortcut = { type: "shortcut", ...common };
      return { ...(await this.deliver(payload, "interaction")), triggerId };
    }
    const { message } = this.resolveMessage(options.message);
    if (!message) throw new Error("Slack offers message shortcuts on channel messages only, not ephemeral ones");
    const channel = this.channel(message.channel, userId);
    const responseUrl = this.workspace.issueResponseUrl("actions", { channel: channel.id, userId });
    const { channel: _channel, ...fields } = message;
    const payload: MessageShortcut = {
      type: "message_action",
      ...common,
      channel,
      message_ts: message.ts,
      message: structuredClone(fields),
      response_url: responseUrl,
    };
    return { ...(await this.deliver(payload, "interaction")), responseUrl, triggerId };
  }

  /**
   * An Events API delivery. Missing fields get Slack's defaults; a user's `message` or
   * `app_mention` also lands in the channel's history, where `conversations.replies` finds it.
   */
  async sendEvent(event: FakeEventInput, options: EventOptions = {}): Promise<EventResult> {
    const filled = this.fillEvent(event);
    const eventId = options.eventId ?? this.workspace.nextId("Ev");
    const payload: EnvelopedEvent = {
      token: this.config.verificationToken,
      team_id: this.config.teamId,
      context_team_id: this.config.teamId,
      api_app_id: this.config.appId,
      event: filled,
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(this.workspace.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: this.config.teamId, user_id: this.config.botUserId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    };
    return this.deliverEvent(payload, options);
  }

  /**
   * Slack's retry of an earlier delivery: the same body, with X-Slack-Retry-Num and -Reason (Socket
   * Mode: `retry_attempt` and `retry_reason`, whose reason for a missing ack is "timeout").
   */
  redeliverEvent(previous: EventResult, { retryNum = 1, retryReason = this.transport === "socket" ? "timeout" : "http_timeout" } = {}): Promise<EventResult> {
    return this.deliverEvent(previous.payload, { retryNum, retryReason });
  }

  private async deliverEvent(payload: EnvelopedEvent, options: EventOptions): Promise<EventResult> {
    const result = await this.deliver(payload, "event", options);
    return { ...result, eventId: payload.event_id };
  }

  private fillEvent(event: FakeEventInput): FakeEventInput {
    const filled: FakeEventInput = { ...event };
    if (event.type === "app_home_opened") {
      const user = this.userId(event.user as string | undefined);
      const home = this.workspace.homeView(user);
      Object.assign(filled, { user, channel: this.workspace.dmChannelFor(user), tab: "home", ...(home ? { view: home } : {}) }, event);
    }
    const isUserMessage = (event.type === "message" && (event.subtype === undefined || event.subtype === "thread_broadcast")) || event.type === "app_mention";
    if (isUserMessage) {
      const user = (event.user as string | undefined) ?? this.userId();
      const channel = (event.channel as string | undefined) ?? this.channel(undefined, user).id;
      const ts = (event.ts as string | undefined) ?? this.workspace.nextTs();
      const channelType = event.type === "message" ? { channel_type: { C: "channel", G: "group", D: "im" }[channel[0]] ?? "channel" } : {};
      Object.assign(filled, { user, channel, ts, text: "", team: this.config.teamId, ...channelType }, event);
      const pick = (key: string) => (filled[key] === undefined ? {} : { [key]: filled[key] });
      this.workspace.addMessage({
        type: "message",
        channel,
        ts,
        user,
        text: String(filled.text),
        team: String(filled.team),
        ...pick("thread_ts"),
        ...pick("blocks"),
        ...pick("bot_id"),
        ...pick("app_id"),
      });
      this.workspace.notify();
    }
    filled.event_ts ??= filled.ts ?? this.workspace.nextTs();
    return filled;
  }
}
