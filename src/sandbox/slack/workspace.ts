/**
 * The fake's in-memory Slack workspace: channels, users, messages, views, trigger_ids and
 * response_urls, with the rules Slack applies to them. The Web API and the driver both go through
 * it, so a modal opened by `views.open` is the one a `view_submission` later submits.
 */
import { randomBytes } from "node:crypto";
import type { AnyBlock } from "@slack/types";
import type { ViewOutput } from "@slack/bolt";
import { MAX_MESSAGE_BLOCK_TEXT, MAX_VIEW_BYTES, blockTextLength, validateBlocks, validateView } from "./block-kit-validator";
import { buildState, type StateValues } from "./view-state";

type Json = Record<string, unknown>;

/** A Web API error as Slack words it: `{ ok: false, error, ...extra }`. */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Json = {},
  ) {
    super(error);
  }

  static invalidArguments(messages: string[]): SlackApiError {
    return new SlackApiError("invalid_arguments", { response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) } });
  }
}

export interface FakeUser {
  name: string;
  realName?: string;
  email?: string;
  /** IANA time zone, as Slack reports it in `users.info`. Default "UTC". */
  tz?: string;
  isBot?: boolean;
  /** The user's Slack language, e.g. "ko-KR"; `users.info` reports it only with `include_locale`. Default "en-US". */
  locale?: string;
}

export interface FakeChannel {
  name: string;
  isPrivate?: boolean;
}

export interface WorkspaceConfig {
  signingSecret: string;
  botToken: string;
  /** App-level token (`xapp-…`): only `apps.connections.open` takes it. */
  appToken: string;
  botUserId: string;
  botId: string;
  appId: string;
  teamId: string;
  teamDomain: string;
  /** The deprecated `token` field Slack still puts in payloads. */
  verificationToken: string;
  users: Map<string, FakeUser>;
  channels: Map<string, FakeChannel>;
  now: () => number;
}

export interface FakeReaction {
  name: string;
  users: string[];
  count: number;
}

/** A message as `conversations.history` returns it, plus the `channel` it lives in. */
export interface FakeMessage {
  type: "message";
  channel: string;
  ts: string;
  user: string;
  text: string;
  team: string;
  bot_id?: string;
  app_id?: string;
  subtype?: string;
  blocks?: AnyBlock[];
  attachments?: unknown[];
  metadata?: unknown;
  thread_ts?: string;
  reply_broadcast?: boolean;
  edited?: { user: string; ts: string };
  reactions?: FakeReaction[];
  reply_count?: number;
  reply_users?: string[];
  reply_users_count?: number;
  latest_reply?: string;
}

/** A message only `user` sees (chat.postEphemeral, a response_url or an ack); never in history. */
export interface FakeEphemeral {
  channel: string;
  user: string;
  ts: string;
  text: string;
  blocks?: AnyBlock[];
  attachments?: unknown[];
  thread_ts?: string;
}

export interface MessageContent {
  text: string;
  blocks?: AnyBlock[];
  attachments?: unknown[];
}

/** Where a response (ack body or response_url post) lands, and the message it may replace. */
export interface ResponseTarget {
  channel: string;
  userId: string;
  original?: { ts: string; ephemeral: boolean };
}

export interface ResponseUrlPost {
  body: unknown;
  at: number;
  status: number;
  error?: string;
}

interface ResponseUrlRecord extends ResponseTarget {
  url: string;
  createdAt: number;
  uses: number;
  posts: ResponseUrlPost[];
}

interface Trigger {
  userId: string;
  issuedAt: number;
  used: boolean;
  /** The modal the interaction came from: `views.push` stacks onto it. */
  viewId?: string;
}

interface StoredView {
  output: ViewOutput;
  userId: string;
}

/**
 * What outlives a restart of the sandbox (src/sandbox/slack-state-file.ts writes it): the messages,
 * ephemerals and Home tabs, and the counters, so no ts or id is handed out twice. Open modals,
 * trigger_ids and response_urls are left out: a restart closes them, as Slack does when an app restarts.
 */
export interface WorkspaceSnapshot {
  counters: { id: number; ts: number; lastTsSecond: number };
  /** Per conversation, oldest first, as stored (thread summaries are derived again). */
  messages: Record<string, FakeMessage[]>;
  ephemerals: FakeEphemeral[];
  /** Each user's Home tab, by user id. */
  homes: Record<string, ViewOutput>;
}

/** Slack: a trigger_id works once, within 3 seconds. */
const TRIGGER_TTL_MS = 3_000;
/** Slack: a response_url works 5 times within 30 minutes. */
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60_000;
/** Slack truncates chat.postMessage text past 40,000 characters. */
const POST_TEXT_MAX = 40_000;
/** Slack: a modal stack is its root view plus at most 2 pushed views. */
const MAX_STACK = 3;

function compareTs(a: string, b: string): number {
  const [aSec, aMicro = "0"] = a.split(".");
  const [bSec, bMicro = "0"] = b.split(".");
  return Number(aSec) - Number(bSec) || Number(aMicro) - Number(bMicro);
}

function randomId(length: number): string {
  return randomBytes(length).toString("base64url").slice(0, length);
}

/**
 * Slack fills in a random block_id / action_id where the app gave none, which is why typed input
 * is lost on update unless the app sets stable ids.
 */
function withSlackIds(blocks: AnyBlock[]): AnyBlock[] {
  const withActionId = (element: unknown) =>
    typeof element === "object" && element !== null && "type" in element && element.type !== "image" && !("action_id" in element)
      ? { ...element, action_id: randomId(5) }
      : element;
  return (structuredClone(blocks) as unknown as Json[]).map((block) => {
    const copy: Json = { ...block, block_id: block.block_id ?? randomId(5) };
    if (copy.accessory) copy.accessory = withActionId(copy.accessory);
    if (copy.element) copy.element = withActionId(copy.element);
    if (copy.type === "actions" && Array.isArray(copy.elements)) copy.elements = copy.elements.map(withActionId);
    return copy as unknown as AnyBlock;
  });
}

export class Workspace {
  private idCounter = 0;
  private tsCounter = 99;
  private lastTsSecond = 0;
  private messages = new Map<string, FakeMessage[]>();
  private ephemerals: FakeEphemeral[] = [];
  private views = new Map<string, StoredView>();
  /** Each user's open modal stack, root first. */
  private stacks = new Map<string, string[]>();
  private homes = new Map<string, string>();
  private triggers = new Map<string, Trigger>();
  private responseUrls = new Map<string, ResponseUrlRecord>();
  private readonly listeners = new Set<() => void>();
  /** Called for every message the bot posts, so the fake can echo it as an event. */
  onBotMessage?: (message: FakeMessage) => void;
  /** Base of the response_urls, set once the server listens. */
  origin = "http://127.0.0.1";

  constructor(readonly config: WorkspaceConfig) {}

  // --- time, ids, change notification -------------------------------------------------------

  now(): number {
    return this.config.now();
  }

  /** Unique and increasing, shaped like Slack's "1732320000.000100". */
  nextTs(): string {
    this.lastTsSecond = Math.max(this.lastTsSecond, Math.floor(this.now() / 1000));
    this.tsCounter += 1;
    return `${this.lastTsSecond}.${String(this.tsCounter % 1_000_000).padStart(6, "0")}`;
  }

  /** Unique per fake (never reused after reset), shaped like Slack ids: "V0000000A1". */
  nextId(prefix: string): string {
    this.idCounter += 1;
    return `${prefix}${this.idCounter.toString(36).toUpperCase().padStart(9, "0")}`;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  reset(): void {
    this.messages.clear();
    this.ephemerals = [];
    this.views.clear();
    this.stacks.clear();
    this.homes.clear();
    this.triggers.clear();
    this.responseUrls.clear();
  }

  snapshot(): WorkspaceSnapshot {
    const homes: Record<string, ViewOutput> = {};
    for (const [userId, viewId] of this.homes) {
      const stored = this.views.get(viewId);
      if (stored) homes[userId] = stored.output;
    }
    return structuredClone({
      counters: { id: this.idCounter, ts: this.tsCounter, lastTsSecond: this.lastTsSecond },
      messages: Object.fromEntries(this.messages),
      ephemerals: this.ephemerals,
      homes,
    });
  }

  /** Takes up a snapshot in place of what is held; counters only move forward. */
  restore(snapshot: WorkspaceSnapshot): void {
    const copy = structuredClone(snapshot);
    this.reset();
    this.idCounter = Math.max(this.idCounter, copy.counters.id);
    this.tsCounter = Math.max(this.tsCounter, copy.counters.ts);
    this.lastTsSecond = Math.max(this.lastTsSecond, copy.counters.lastTsSecond);
    for (const [channel, list] of Object.entries(copy.messages)) {
      this.messages.set(channel, [...list].sort((a, b) => compareTs(a.ts, b.ts)));
    }
    this.ephemerals = copy.ephemerals;
    for (const [userId, output] of Object.entries(copy.homes)) {
      this.views.set(output.id, { output, userId });
      this.homes.set(userId, output.id);
    }
  }

  // --- users and conversations ----------------------------------------------------------------

  user(userId: string): FakeUser | undefined {
    if (userId === this.config.botUserId) return { name: "service-desk-bot", isBot: true };
    return this.config.users.get(userId);
  }

  /** A stable DM id per user, like Slack's: "U0FAKEUSER" talks to the bot in "D0FAKEUSER". */
  dmChannelFor(userId: string): string {
    return `D${userId.slice(1)}`;
  }

  conversation(channelId: string): { id: string; name: string; isPrivate: boolean; dmUser?: string } | undefined {
    const channel = this.config.channels.get(channelId);
    if (channel) return { id: channelId, name: channel.name, isPrivate: channel.isPrivate ?? false };
    const dmUser = [...this.config.users.keys()].find((userId) => this.dmChannelFor(userId) === channelId);
    return dmUser ? { id: channelId, name: "directmessage", isPrivate: true, dmUser } : undefined;
  }

  /** Slack accepts a user id as `channel` for chat.postMessage and posts to the app's DM with them. */
  resolveChannel(channel: unknown, { acceptUserId = false } = {}): string {
    if (typeof channel !== "string" || channel === "") throw new SlackApiError("channel_not_found");
    if (acceptUserId && this.config.users.has(channel)) return this.dmChannelFor(channel);
    if (!this.conversation(channel)) throw new SlackApiError("channel_not_found");
    return channel;
  }

  // --- messages --------------------------------------------------------------------------------

  /**
   * The checks Slack runs on text and blocks. `missing_text_fallback` is our project policy, not
   * Slack's: Slack only warns when blocks come without `text`, which leaves notifications and
   * screen readers with "This content can't be displayed".
   */
  checkContent(input: Json, { maxText }: { maxText?: number } = {}): MessageContent {
    const { blocks, attachments } = input;
    let text = typeof input.text === "string" ? input.text : "";
    if (blocks !== undefined && !Array.isArray(blocks)) throw new SlackApiError("invalid_blocks_format");
    if (Array.isArray(blocks) && blocks.length > 0) {
      const errors = validateBlocks(blocks, "message");
      if (errors.length > 0) {
        throw new SlackApiError("invalid_blocks", { errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } });
      }
      if (blockTextLength(blocks) > MAX_MESSAGE_BLOCK_TEXT) throw new SlackApiError("msg_blocks_too_long");
    }
    const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
    const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
    if (text === "" && !hasBlocks && !hasAttachments) throw new SlackApiError("no_text");
    if (text === "" && hasBlocks) throw new SlackApiError("missing_text_fallback");
    if (maxText !== undefined && text.length > maxText) throw new SlackApiError("msg_too_long");
    text = text.slice(0, POST_TEXT_MAX);
    return {
      text,
      ...(hasBlocks ? { blocks: withSlackIds(blocks as AnyBlock[]) } : {}),
      ...(hasAttachments ? { attachments: attachments as unknown[] } : {}),
    };
  }

  /** Messages visible in the channel, oldest first, with thread summaries on parents. */
  messagesIn(channel: string): FakeMessage[] {
    const all = this.messages.get(channel) ?? [];
    // Replies grouped once, so a channel with thousands of messages (the bench) stays linear.
    const replies = new Map<string, FakeMessage[]>();
    for (const message of all) {
      if (message.thread_ts === undefined || message.thread_ts === message.ts) continue;
      const group = replies.get(message.thread_ts) ?? [];
      group.push(message);
      replies.set(message.thread_ts, group);
    }
    return all.map((message) => this.withThreadSummary(message, replies.get(message.ts) ?? []));
  }

  findMessage(channel: string, ts: string): FakeMessage | undefined {
    const all = this.messages.get(channel) ?? [];
    const message = all.find((candidate) => candidate.ts === ts);
    return message && this.withThreadSummary(message, all.filter((reply) => reply.thread_ts === ts && reply.ts !== ts));
  }

  private stored(channel: string, ts: string): FakeMessage {
    const message = this.messages.get(channel)?.find((candidate) => candidate.ts === ts);
    if (!message) throw new SlackApiError("message_not_found");
    return message;
  }

  /** `replies`: the message's thread replies, oldest first. */
  private withThreadSummary(message: FakeMessage, replies: FakeMessage[]): FakeMessage {
    if (replies.length === 0) return { ...message };
    const replyUsers = [...new Set(replies.map((reply) => reply.user))];
    return {
      ...message,
      thread_ts: message.ts,
      reply_count: replies.length,
      reply_users: replyUsers,
      reply_users_count: replyUsers.length,
      latest_reply: replies[replies.length - 1].ts,
    };
  }

  /** Stores a message (the bot's or, through the driver, a user's) in timestamp order. */
  addMessage(message: FakeMessage): FakeMessage {
    const list = this.messages.get(message.channel) ?? [];
    if (!list.some((existing) => existing.ts === message.ts)) {
      const last = list[list.length - 1];
      list.push(message);
      // Almost always the newest already; sort only when a message arrives out of order.
      if (last && compareTs(last.ts, message.ts) > 0) list.sort((a, b) => compareTs(a.ts, b.ts));
      this.messages.set(message.channel, list);
    }
    return message;
  }

  /** A reply to a reply joins the parent's thread, as in Slack. */
  private threadRoot(channel: string, threadTs: string | undefined): string | undefined {
    if (threadTs === undefined || threadTs === "") return undefined;
    const parent = this.messages.get(channel)?.find((message) => message.ts === threadTs);
    return parent?.thread_ts ?? threadTs;
  }

  postBotMessage(channel: string, content: MessageContent, extra: { threadTs?: string; replyBroadcast?: boolean; metadata?: unknown } = {}): FakeMessage {
    const threadTs = this.threadRoot(channel, extra.threadTs);
    const message = this.addMessage({
      type: "message",
      channel,
      ts: this.nextTs(),
      user: this.config.botUserId,
      bot_id: this.config.botId,
      app_id: this.config.appId,
      team: this.config.teamId,
      ...content,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...(extra.replyBroadcast ? { reply_broadcast: true } : {}),
      ...(extra.metadata !== undefined ? { metadata: extra.metadata } : {}),
    });
    this.onBotMessage?.(message);
    return message;
  }

  /** `keep` names the parts the caller omitted and Slack retains (chat.update without `blocks`). */
  updateMessage(channel: string, ts: string, content: MessageContent, keep: ("blocks" | "attachments")[] = []): FakeMessage {
    const message = this.stored(channel, ts);
    if (message.user !== this.config.botUserId) throw new SlackApiError("cant_update_message");
    if (!keep.includes("blocks")) delete message.blocks;
    if (!keep.includes("attachments")) delete message.attachments;
    Object.assign(message, content, { edited: { user: this.config.botUserId, ts: this.nextTs() } });
    return message;
  }

  deleteMessage(channel: string, ts: string): void {
    const message = this.stored(channel, ts);
    if (message.user !== this.config.botUserId) throw new SlackApiError("cant_delete_message");
    this.messages.set(channel, (this.messages.get(channel) ?? []).filter((candidate) => candidate !== message));
  }

  addReaction(channel: string, ts: string, name: string, userId: string): void {
    // Slack wants the bare emoji name: "white_check_mark", not ":white_check_mark:".
    if (!/^[a-z0-9_+\-']+(::skin-tone-\d)?$/.test(name)) throw new SlackApiError("invalid_name");
    const message = this.stored(channel, ts);
    message.reactions ??= [];
    let reaction = message.reactions.find((candidate) => candidate.name === name);
    if (reaction?.users.includes(userId)) throw new SlackApiError("already_reacted");
    if (!reaction) {
      reaction = { name, users: [], count: 0 };
      message.reactions.push(reaction);
    }
    reaction.users.push(userId);
    reaction.count += 1;
  }

  postEphemeral(channel: string, userId: string, content: MessageContent, threadTs?: string): FakeEphemeral {
    const ephemeral: FakeEphemeral = { channel, user: userId, ts: this.nextTs(), ...content, ...(threadTs ? { thread_ts: threadTs } : {}) };
    this.ephemerals.push(ephemeral);
    return ephemeral;
  }

  findEphemeral(ts: string): FakeEphemeral | undefined {
    return this.ephemerals.find((ephemeral) => ephemeral.ts === ts);
  }

  ephemeralsFor(userId: string): FakeEphemeral[] {
    return this.ephemerals.filter((ephemeral) => ephemeral.user === userId);
  }

  /**
   * What Slack does with a message response (an ack body or a response_url post):
   * `delete_original`, `replace_original`, else a new message — ephemeral unless `in_channel`.
   */
  applyResponse(target: ResponseTarget, body: Json): { ts: string; ephemeral: boolean } | undefined {
    const { original } = target;
    if (body.delete_original === true || body.delete_original === "true") {
      if (!original) return undefined;
      if (original.ephemeral) this.ephemerals = this.ephemerals.filter((candidate) => candidate.ts !== original.ts);
      else this.deleteMessage(target.channel, original.ts);
      return undefined;
    }
    const content = this.checkContent(body);
    if (original && (body.replace_original === true || body.replace_original === "true")) {
      if (!original.ephemeral) this.updateMessage(target.channel, original.ts, content);
      else {
        const ephemeral = this.ephemerals.find((candidate) => candidate.ts === original.ts);
        if (ephemeral) Object.assign(ephemeral, { blocks: undefined, attachments: undefined }, content);
      }
      return original;
    }
    const threadTs = typeof body.thread_ts === "string" ? body.thread_ts : undefined;
    if (body.response_type === "in_channel") {
      return { ts: this.postBotMessage(target.channel, content, { threadTs }).ts, ephemeral: false };
    }
    return { ts: this.postEphemeral(target.channel, target.userId, content, threadTs).ts, ephemeral: true };
  }

  // --- trigger_ids and response_urls -----------------------------------------------------------

  issueTrigger(userId: string, viewId?: string): string {
    const triggerId = `${this.idCounter + 10_000}.${Math.floor(this.now() / 1000) % 100_000}.${randomBytes(16).toString("hex")}`;
    this.idCounter += 1;
    this.triggers.set(triggerId, { userId, issuedAt: this.now(), used: false, viewId });
    return triggerId;
  }

  private exchangeTrigger(triggerId: unknown): Trigger {
    const trigger = typeof triggerId === "string" ? this.triggers.get(triggerId) : undefined;
    if (!trigger) throw new SlackApiError("invalid_trigger_id");
    // Slack's words for a second use: "The trigger_id was already exchanged in a previous call."
    if (trigger.used) throw new SlackApiError("exchanged_trigger_id");
    if (this.now() - trigger.issuedAt > TRIGGER_TTL_MS) throw new SlackApiError("expired_trigger_id");
    trigger.used = true;
    return trigger;
  }

  issueResponseUrl(kind: "commands" | "actions", target: ResponseTarget): string {
    const url = `${this.origin}/${kind}/${this.config.teamId}/${this.idCounter + 1_000_000}/${randomBytes(12).toString("hex")}`;
    this.idCounter += 1;
    this.responseUrls.set(new URL(url).pathname, { ...target, url, createdAt: this.now(), uses: 0, posts: [] });
    return url;
  }

  responsesTo(url: string): ResponseUrlPost[] {
    return this.responseUrls.get(new URL(url, this.origin).pathname)?.posts ?? [];
  }

  /** A POST to a response_url. Slack answers refusals with a non-2xx status, so Bolt's respond() throws. */
  postToResponseUrl(pathname: string, body: unknown): { status: number; json: Json } {
    const record = this.responseUrls.get(pathname);
    if (!record) return { status: 404, json: { ok: false, error: "invalid_url" } };
    const answer = (status: number, json: Json) => {
      record.posts.push({ body, at: this.now(), status, ...(json.ok ? {} : { error: String(json.error) }) });
      return { status, json };
    };
    if (this.now() - record.createdAt > RESPONSE_URL_TTL_MS) return answer(404, { ok: false, error: "expired_url" });
    if (record.uses >= RESPONSE_URL_USES) return answer(404, { ok: false, error: "used_url" });
    record.uses += 1;
    if (typeof body !== "object" || body === null) return answer(400, { ok: false, error: "invalid_payload" });
    try {
      const posted = this.applyResponse(record, body as Json);
      // A command has no original message: a later replace_original replaces what this URL posted.
      if (posted && !record.original) record.original = posted;
      return answer(200, { ok: true });
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      return answer(400, { ok: false, error: error.error, ...error.extra });
    }
  }

  // --- views ---------------------------------------------------------------------------------

  private checkView(view: unknown, type?: "modal" | "home"): Json {
    if (typeof view !== "object" || view === null) throw SlackApiError.invalidArguments(["missing required field: view"]);
    if (JSON.stringify(view).length > MAX_VIEW_BYTES) throw new SlackApiError("view_too_large");
    const errors = validateView(view);
    if (type && (view as Json).type !== type) errors.push(`must be "${type}" for this method [json-pointer:/view/type]`);
    if (errors.length > 0) throw SlackApiError.invalidArguments(errors);
    return view as Json;
  }

  private checkExternalId(view: Json, exceptViewId?: string): void {
    if (view.external_id === undefined) return;
    const taken = [...this.views.values()].some((stored) => stored.output.external_id === view.external_id && stored.output.id !== exceptViewId);
    if (taken) throw new SlackApiError("duplicate_external_id");
  }

  private render(view: Json, id: string, links: { root: string | null; previous: string | null }, state: StateValues = {}): ViewOutput {
    const blocks = withSlackIds(view.blocks as AnyBlock[]);
    const plain = (value: unknown) => (value === undefined ? null : { emoji: true, ...(value as { type: "plain_text"; text: string }) });
    return {
      id,
      team_id: this.config.teamId,
      type: String(view.type),
      // Slack reports a placeholder title on Home tabs.
      title: plain(view.title) ?? { type: "plain_text", text: "View Title", emoji: true },
      close: plain(view.close),
      submit: plain(view.submit),
      blocks,
      private_metadata: String(view.private_metadata ?? ""),
      callback_id: String(view.callback_id ?? ""),
      external_id: String(view.external_id ?? ""),
      state: { values: buildState(blocks, state) },
      hash: `${Math.floor(this.now() / 1000)}.${randomBytes(4).toString("hex")}`,
      clear_on_close: view.clear_on_close === true,
      notify_on_close: view.notify_on_close === true,
      root_view_id: links.root,
      previous_view_id: links.previous,
      app_id: this.config.appId,
      app_installed_team_id: this.config.teamId,
      bot_id: this.config.botId,
    };
  }

  view(viewId: string): ViewOutput | undefined {
    return this.views.get(viewId)?.output;
  }

  modalStack(userId: string): ViewOutput[] {
    return (this.stacks.get(userId) ?? []).map((viewId) => this.views.get(viewId)!.output);
  }

  homeView(userId: string): ViewOutput | undefined {
    const viewId = this.homes.get(userId);
    return viewId ? this.view(viewId) : undefined;
  }

  /**
   * Everything the bot has shown so far: its messages and thread replies in every conversation,
   * ephemerals, the views it opened (latest version of each) and Home tabs. For checks over a whole
   * run, such as test/support/untranslated.ts in the en-XA pseudo-locale.
   */
  shownByBot(): { where: string; payload: unknown }[] {
    const messages = [...this.messages.entries()].flatMap(([channel, list]) =>
      list.filter((message) => message.user === this.config.botUserId).map((message) => ({ where: `message ${channel}/${message.ts}`, payload: message })),
    );
    const ephemerals = this.ephemerals.map((ephemeral) => ({ where: `ephemeral ${ephemeral.channel}/${ephemeral.ts} for ${ephemeral.user}`, payload: ephemeral }));
    const views = [...this.views.values()].map(({ output, userId }) => ({ where: `${output.type} ${output.id} of ${userId}`, payload: output }));
    return [...messages, ...ephemerals, ...views];
  }

  /** views.open: a new modal stack for the trigger's user (replacing any open one). */
  openModal(viewInput: unknown, triggerId: unknown): ViewOutput {
    const view = this.checkView(viewInput, "modal");
    this.checkExternalId(view);
    const { userId } = this.exchangeTrigger(triggerId);
    this.closeStack(userId);
    const id = this.nextId("V");
    const output = this.render(view, id, { root: id, previous: null });
    this.views.set(id, { output, userId });
    this.stacks.set(userId, [id]);
    return output;
  }

  /** views.push or `response_action: "push"`: onto the stack the interaction came from. */
  pushModal(viewInput: unknown, from: { triggerId: unknown } | { userId: string }): ViewOutput {
    const view = this.checkView(viewInput, "modal");
    this.checkExternalId(view);
    let userId: string;
    if ("triggerId" in from) {
      const trigger = this.exchangeTrigger(from.triggerId);
      userId = trigger.viewId ? (this.views.get(trigger.viewId)?.userId ?? trigger.userId) : trigger.userId;
    } else userId = from.userId;
    const stack = this.stacks.get(userId);
    if (!stack || stack.length === 0) throw SlackApiError.invalidArguments(["no modal is open to push onto"]);
    if (stack.length >= MAX_STACK) throw new SlackApiError("push_limit_reached");
    const id = this.nextId("V");
    const output = this.render(view, id, { root: stack[0], previous: stack[stack.length - 1] });
    this.views.set(id, { output, userId });
    stack.push(id);
    return output;
  }

  /** views.update: same id, new hash; typed values survive where block_id/action_id match. */
  updateView(viewInput: unknown, by: { viewId?: unknown; externalId?: unknown; hash?: unknown }): ViewOutput {
    const stored = [...this.views.values()].find(({ output }) =>
      by.viewId !== undefined ? output.id === by.viewId : by.externalId !== undefined && output.external_id === by.externalId,
    );
    if (!stored) throw new SlackApiError("not_found");
    // Slack forgets a modal once it is closed (the user's Cancel, a submission, another views.open
    // replacing the stack): updating it answers not_found (slackapi/bolt-js#1309).
    if (stored.output.type === "modal" && !this.stacks.get(stored.userId)?.includes(stored.output.id)) throw new SlackApiError("not_found");
    return this.rewrite(stored, viewInput, by.hash);
  }

  private rewrite(stored: StoredView, viewInput: unknown, hash: unknown): ViewOutput {
    if (hash !== undefined && hash !== "" && hash !== stored.output.hash) throw new SlackApiError("hash_conflict");
    const view = this.checkView(viewInput, stored.output.type as "modal" | "home");
    this.checkExternalId(view, stored.output.id);
    const { id, root_view_id, previous_view_id } = stored.output;
    stored.output = this.render(view, id, { root: root_view_id, previous: previous_view_id }, stored.output.state.values);
    return stored.output;
  }

  /** views.publish: the user's Home tab. */
  publishHome(viewInput: unknown, userId: unknown, hash: unknown): ViewOutput {
    if (typeof userId !== "string" || !this.config.users.has(userId)) {
      throw SlackApiError.invalidArguments(["user_id is not a user of this workspace [json-pointer:/user_id]"]);
    }
    const view = this.checkView(viewInput, "home");
    const existingId = this.homes.get(userId);
    const existing = existingId ? this.views.get(existingId) : undefined;
    if (existing && hash !== undefined && hash !== "" && hash !== existing.output.hash) throw new SlackApiError("hash_conflict");
    this.checkExternalId(view, existingId);
    const id = existingId ?? this.nextId("V");
    const output = this.render(view, id, { root: null, previous: null }, existing?.output.state.values);
    this.views.set(id, { output, userId });
    this.homes.set(userId, id);
    return output;
  }

  /** What the user typed, before an interaction reports it. */
  setViewState(viewId: string, values: StateValues): ViewOutput {
    const stored = this.views.get(viewId);
    if (!stored) throw new Error(`no view ${viewId} in the fake`);
    for (const [blockId, actions] of Object.entries(values)) {
      stored.output.state.values[blockId] = { ...stored.output.state.values[blockId], ...actions };
    }
    return stored.output;
  }

  /** Closes a modal view: the whole stack when it is the root or `clear` is asked, else pops it. */
  closeView(viewId: string, { clear = false } = {}): void {
    const stored = this.views.get(viewId);
    const stack = stored ? this.stacks.get(stored.userId) : undefined;
    if (!stored || !stack) return;
    const index = stack.indexOf(viewId);
    if (index === -1) return;
    if (index === 0 || clear) this.closeStack(stored.userId);
    else stack.splice(index);
  }

  private closeStack(userId: string): void {
    this.stacks.delete(userId);
  }

  /**
   * `response_action: "update"`: replaces the submitted view in place, keeping its id. The person is
   * looking at it (a double submission comes from a view still on screen), so it is never "closed".
   */
  replaceView(viewId: string, viewInput: unknown): ViewOutput {
    const stored = this.views.get(viewId);
    if (!stored) throw new SlackApiError("not_found");
    return this.rewrite(stored, viewInput, undefined);
  }
}
