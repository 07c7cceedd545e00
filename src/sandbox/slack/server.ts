/**
 * A local Slack for end-to-end tests: the Web API under `/api/`, response_urls under
 * `/commands/…` and `/actions/…`, Socket Mode links under `/link/`, and a driver that sends
 * Slack's requests to the app over HTTP or Socket Mode.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { ViewOutput } from "@slack/bolt";
import { SlackDriver, type Transport } from "./driver";
import { SocketModeServer, type DisconnectReason } from "./socket-mode";
import { webApiMethods, type WebApiMethod } from "./web-api";
import {
  SlackApiError,
  Workspace,
  type FakeChannel,
  type FakeEphemeral,
  type FakeMessage,
  type FakeUser,
  type ResponseUrlPost,
  type WorkspaceConfig,
  type WorkspaceSnapshot,
} from "./workspace";

type Json = Record<string, unknown>;

export interface SlackFakeOptions {
  signingSecret?: string;
  botToken?: string;
  /** The app-level token (`xapp-…`) that `apps.connections.open` accepts. */
  appToken?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  teamId?: string;
  teamDomain?: string;
  /** Where the app listens; can also be set later with `setAppUrl`. */
  appUrl?: string;
  /** How the driver delivers: signed HTTP requests to `appUrl` (default) or Socket Mode envelopes. */
  transport?: Transport;
  /** Default: one user, U0FAKEUSER. The first one is the driver's default actor. */
  users?: Record<string, FakeUser>;
  /** Default: one public channel, C0FAKECHAN (#service-desk). DMs exist for every user. */
  channels?: Record<string, FakeChannel>;
  /** The fake's clock in ms (trigger and response_url expiry, ts, event_time). Default Date.now. */
  now?: () => number;
  /** Deliver each bot message back to the app as a `message` event, as Slack does in subscribed channels. */
  echoBotMessages?: boolean;
}

export interface ApiCall {
  method: string;
  /** Arguments as Slack parsed them (JSON fields decoded), without the token. */
  args: Json;
  /** The fake's clock when the call arrived. */
  at: number;
  status?: number;
  response?: Json;
}

export interface CallCondition {
  method: string;
  /** Default 1. */
  count?: number;
  where?: (args: Json) => boolean;
}

/** Fields of a Web API body that the WebClient JSON-encodes in its form posts. */
const JSON_FIELDS = ["blocks", "attachments", "view", "metadata"];

/** Methods that take the app-level token; every other one takes the bot token. */
const APP_TOKEN_METHODS = new Set(["apps.connections.open"]);

type Injection =
  | { kind: "fail"; error: string }
  | { kind: "ratelimit"; retryAfterSeconds: number }
  | { kind: "server-error"; status: number }
  | { kind: "delay"; ms: number };

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString()));
    request.on("error", reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  response.end(JSON.stringify(body));
}

function defaultConfig(options: SlackFakeOptions): WorkspaceConfig {
  return {
    signingSecret: options.signingSecret ?? "fake-signing-secret",
    botToken: options.botToken ?? "xoxb-fake-bot-token",
    appToken: options.appToken ?? "xapp-1-A0FAKEAPP-1-fake-app-token",
    botUserId: options.botUserId ?? "U0FAKEBOT",
    botId: options.botId ?? "B0FAKEBOT",
    appId: options.appId ?? "A0FAKEAPP",
    teamId: options.teamId ?? "T0FAKE",
    teamDomain: options.teamDomain ?? "fake-service-desk",
    verificationToken: "fake-verification-token",
    users: new Map(Object.entries(options.users ?? { U0FAKEUSER: { name: "fake.user" } })),
    channels: new Map(Object.entries(options.channels ?? { C0FAKECHAN: { name: "service-desk" } })),
    now: options.now ?? Date.now,
  };
}

export class SlackFake {
  readonly driver: SlackDriver;
  private readonly workspace: Workspace;
  private readonly socketMode: SocketModeServer;
  private readonly methods: Record<string, WebApiMethod>;
  private readonly recorded: ApiCall[] = [];
  private readonly injections = new Map<string, Injection[]>();
  private readonly waiters = new Set<(error: Error) => void>();
  private server?: Server;
  private origin = "";

  constructor(private readonly options: SlackFakeOptions = {}) {
    this.workspace = new Workspace(defaultConfig(options));
    this.socketMode = new SocketModeServer(this.workspace.config.appId, () => this.workspace.notify());
    this.driver = new SlackDriver(this.workspace, this.socketMode);
    this.driver.appUrl = options.appUrl;
    this.driver.transport = options.transport ?? "http";
    this.methods = { ...webApiMethods, "apps.connections.open": () => ({ ok: true, url: this.socketMode.issueUrl(this.origin) }) };
    this.workspace.onBotMessage = (message) => this.echo(message);
  }

  /** Ends with "/api/": pass it as the WebClient's `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  get config(): Readonly<WorkspaceConfig> {
    return this.workspace.config;
  }

  async listen(): Promise<this> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => sendJson(response, 500, { ok: false, error: "fatal_error", detail: String(error) }));
    });
    server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => this.socketMode.handleUpgrade(request, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", resolve);
    });
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.workspace.origin = this.origin;
    return this;
  }

  /**
   * Waits for in-flight deliveries, cancels pending waitFor calls, closes Socket Mode connections
   * and stops the server. Stop the app first: a Socket Mode client that loses its connection
   * reconnects, and would keep calling a fake that is gone.
   */
  async close(): Promise<void> {
    await this.driver.settle();
    for (const cancel of [...this.waiters]) cancel(new Error("the Slack fake was closed"));
    await this.socketMode.close();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await closeHttpServer(server);
  }

  setAppUrl(url: string): void {
    this.driver.appUrl = url;
  }

  /** Switches how the driver delivers from now on; see `SlackFakeOptions.transport`. */
  setTransport(transport: Transport): void {
    this.driver.transport = transport;
  }

  /** Open Socket Mode connections: 1 once the app has started, 0 once it has stopped. */
  get socketConnections(): number {
    return this.socketMode.connectionCount;
  }

  /**
   * Sends Slack's `disconnect` message on every Socket Mode connection, as Slack does before it
   * recycles a link (`refresh_requested`) or when Socket Mode is turned off (`link_disabled`).
   */
  requestReconnect(reason: DisconnectReason = "refresh_requested"): void {
    this.socketMode.requestReconnect(reason);
  }

  addUser(userId: string, user: FakeUser): void {
    this.workspace.config.users.set(userId, user);
  }

  addChannel(channelId: string, channel: FakeChannel): void {
    this.workspace.config.channels.set(channelId, channel);
  }

  /** Forgets calls, messages, views, triggers, response_urls and injected failures; keeps the config. */
  /** A trigger_id as Slack would send with an interaction, for requests built outside the driver (the bench). */
  issueTrigger(userId: string): string {
    return this.workspace.issueTrigger(userId);
  }

  /** A response_url the fake serves, for requests built outside the driver (the bench). */
  issueResponseUrl(kind: "commands" | "actions", target: { channel: string; userId: string }): string {
    return this.workspace.issueResponseUrl(kind, target);
  }

  /**
   * A person's message, stored as Slack stores it before it delivers the event, for events built
   * outside the driver (the bench); returns its ts. Bot messages come from the Web API.
   */
  addUserMessage(message: { channel: string; user: string; text: string; threadTs?: string }): string {
    const ts = this.workspace.nextTs();
    this.workspace.addMessage({ type: "message", channel: message.channel, ts, user: message.user, text: message.text, team: this.workspace.config.teamId, ...(message.threadTs ? { thread_ts: message.threadTs } : {}) });
    return ts;
  }

  /** The workspace's lasting state (messages, ephemerals, Home tabs, counters); see `WorkspaceSnapshot`. */
  snapshot(): WorkspaceSnapshot {
    return this.workspace.snapshot();
  }

  /** Takes up a snapshot: what a restarted sandbox had before. Open modals stay closed. */
  restore(snapshot: WorkspaceSnapshot): void {
    this.workspace.restore(snapshot);
    this.workspace.notify();
  }

  /** Called after each change the workspace may have seen (a Web API call, a delivery); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    return this.workspace.subscribe(listener);
  }

  /** Forgets the calls recorded so far, keeping the workspace (its channels and messages) as it is. */
  forgetCalls(): void {
    this.recorded.length = 0;
  }

  reset(): void {
    this.recorded.length = 0;
    this.injections.clear();
    this.workspace.reset();
  }

  // --- what the app did --------------------------------------------------------------------

  get calls(): readonly ApiCall[] {
    return this.recorded;
  }

  callsTo(method: string): ApiCall[] {
    return this.recorded.filter((call) => call.method === method);
  }

  lastCall(method: string): ApiCall | undefined {
    return this.callsTo(method).at(-1);
  }

  /** Channel messages, oldest first (thread replies included; pass `threadTs` for one thread). */
  messagesIn(channel: string, threadTs?: string): FakeMessage[] {
    const messages = this.workspace.messagesIn(channel);
    return threadTs === undefined ? messages : messages.filter((message) => message.ts === threadTs || message.thread_ts === threadTs);
  }

  /** Everything the bot has shown (messages, replies, ephemerals, views, Home tabs), e.g. for test/support/untranslated.ts. */
  shownByBot(): { where: string; payload: unknown }[] {
    return this.workspace.shownByBot();
  }

  /** Ephemeral messages shown to a user (chat.postEphemeral, response_urls, acks). */
  ephemeralsFor(userId: string): FakeEphemeral[] {
    return this.workspace.ephemeralsFor(userId);
  }

  homeView(userId: string): ViewOutput | undefined {
    return this.workspace.homeView(userId);
  }

  /** The user's open modal stack, root first. */
  modalStack(userId: string): ViewOutput[] {
    return this.workspace.modalStack(userId);
  }

  /** The modal the user is looking at, if any. */
  openModal(userId: string): ViewOutput | undefined {
    return this.modalStack(userId).at(-1);
  }

  view(viewId: string): ViewOutput | undefined {
    return this.workspace.view(viewId);
  }

  responsesTo(responseUrl: string): ResponseUrlPost[] {
    return this.workspace.responsesTo(responseUrl);
  }

  /**
   * Resolves once the app has made the calls (with `{ method, count }`, resolving to them) or once
   * `probe(fake)` returns something truthy (resolving to it). Apps call Slack after acking, so
   * tests wait for the effect instead of sleeping. The default wait is generous (10 s): a loaded CI
   * machine can take seconds to deliver what takes milliseconds here; only a failing test waits it out.
   */
  waitFor(condition: CallCondition, timeoutMs?: number): Promise<ApiCall[]>;
  waitFor<T>(probe: (fake: SlackFake) => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  waitFor<T>(condition: CallCondition | ((fake: SlackFake) => T | undefined | null | false), timeoutMs = 10_000): Promise<unknown> {
    const probe =
      typeof condition === "function"
        ? () => condition(this)
        : () => {
            const calls = this.callsTo(condition.method).filter((call) => !condition.where || condition.where(call.args));
            return calls.length >= (condition.count ?? 1) ? calls : undefined;
          };
    const wanted = typeof condition === "function" ? "the probe" : `${condition.count ?? 1} × ${condition.method}`;
    return new Promise((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        unsubscribe();
        this.waiters.delete(cancel);
        settle();
      };
      const cancel = (error: Error) => finish(() => reject(error));
      const check = () => {
        try {
          const value = probe();
          // A promise is always truthy: an async probe would "succeed" at once (use eventually()).
          if (value instanceof Promise) throw new Error("waitFor's probe must be synchronous; poll the database with eventually()");
          if (value) finish(() => resolve(value));
        } catch (error) {
          finish(() => reject(error));
        }
      };
      const timer = setTimeout(() => {
        const seen = this.recorded.map((call) => call.method).join(", ") || "none";
        cancel(new Error(`waitFor(${wanted}) timed out after ${timeoutMs} ms; Web API calls so far: ${seen}`));
      }, timeoutMs);
      const unsubscribe = this.workspace.subscribe(check);
      this.waiters.add(cancel);
      check();
    });
  }

  // --- failure injection -------------------------------------------------------------------

  /** The next call to `method` answers HTTP 200 `{ ok: false, error }`. */
  failNext(method: string, error: string): void {
    this.inject(method, { kind: "fail", error });
  }

  /** The next call to `method` answers HTTP 429 with `Retry-After`, as Slack's rate limiter does. */
  rateLimitNext(method: string, retryAfterSeconds: number): void {
    this.inject(method, { kind: "ratelimit", retryAfterSeconds });
  }

  /** The next call to `method` answers an HTTP error (500 by default) with no JSON, as Slack's edge does in an incident. */
  serverErrorNext(method: string, status = 500): void {
    this.inject(method, { kind: "server-error", status });
  }

  /** The next call to `method` is answered as usual, but only after `ms` (a slow Slack, a request still in flight). */
  delayNext(method: string, ms: number): void {
    this.inject(method, { kind: "delay", ms });
  }

  private inject(method: string, injection: Injection): void {
    this.injections.set(method, [...(this.injections.get(method) ?? []), injection]);
  }

  // --- HTTP ----------------------------------------------------------------------------------

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", this.origin);
    const raw = await readBody(request);
    if (url.pathname.startsWith("/api/")) return this.handleApi(url, request, raw, response);
    if (request.method === "POST" && /^\/(commands|actions)\//.test(url.pathname)) return this.handleResponseUrl(url.pathname, request, raw, response);
    sendJson(response, 404, { ok: false, error: "not_found" });
  }

  /** Form bodies (what the WebClient sends, JSON fields encoded) or JSON bodies (token in the header only). */
  private parseArgs(url: URL, request: IncomingMessage, raw: string): { args: Json; token?: string } {
    const contentType = String(request.headers["content-type"] ?? "").split(";")[0].trim();
    const bearer = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ""))?.[1];
    if (contentType === "application/json") {
      const body: unknown = raw === "" ? {} : JSON.parse(raw);
      if (typeof body !== "object" || body === null || Array.isArray(body)) throw new SlackApiError("invalid_json");
      const { token: _ignored, ...args } = body as Json;
      return { args: { ...Object.fromEntries(url.searchParams), ...args }, token: bearer };
    }
    const fields: Json = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(new URLSearchParams(raw)) };
    for (const field of JSON_FIELDS) {
      if (typeof fields[field] !== "string") continue;
      try {
        fields[field] = JSON.parse(fields[field] as string);
      } catch {
        // Left as a string: the method reports it as Slack would (invalid_blocks_format...).
      }
    }
    const { token, ...args } = fields;
    return { args, token: bearer ?? (typeof token === "string" ? token : undefined) };
  }

  private async handleApi(url: URL, request: IncomingMessage, raw: string, response: ServerResponse): Promise<void> {
    const method = url.pathname.slice("/api/".length);
    let parsed: { args: Json; token?: string };
    try {
      parsed = this.parseArgs(url, request, raw);
    } catch {
      return sendJson(response, 200, { ok: false, error: "invalid_json" });
    }
    const call: ApiCall = { method, args: parsed.args, at: this.workspace.now() };
    this.recorded.push(call);
    const answer = (status: number, body: Json, headers: Record<string, string> = {}) => {
      call.status = status;
      call.response = body;
      sendJson(response, status, body, headers);
      this.workspace.notify();
    };

    const run = this.methods[method];
    if (!run) return answer(200, { ok: false, error: "unknown_method" });
    if (!parsed.token) return answer(200, { ok: false, error: "not_authed" });
    const { botToken, appToken } = this.workspace.config;
    if (parsed.token !== botToken && parsed.token !== appToken) return answer(200, { ok: false, error: "invalid_auth" });
    // Slack tells a known token used on the wrong kind of method apart from an unknown one.
    if ((parsed.token === appToken) !== APP_TOKEN_METHODS.has(method)) return answer(200, { ok: false, error: "not_allowed_token_type" });
    const injection = this.injections.get(method)?.shift();
    if (injection?.kind === "ratelimit") {
      return answer(429, { ok: false, error: "ratelimited" }, { "retry-after": String(injection.retryAfterSeconds) });
    }
    if (injection?.kind === "fail") return answer(200, { ok: false, error: injection.error });
    if (injection?.kind === "server-error") {
      response.writeHead(injection.status, { "content-type": "text/html" });
      return void response.end("<html><body>Internal Server Error</body></html>");
    }
    if (injection?.kind === "delay") {
      // waitFor sees the call while it waits for its answer (its `status` is still undefined).
      this.workspace.notify();
      await new Promise((resolve) => setTimeout(resolve, injection.ms));
    }
    try {
      answer(200, run(parsed.args, this.workspace));
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      answer(200, { ok: false, error: error.error, ...error.extra });
    }
  }

  /** Bolt's respond() posts JSON; a `payload=` form is accepted too. */
  private handleResponseUrl(pathname: string, request: IncomingMessage, raw: string, response: ServerResponse): void {
    let body: unknown;
    try {
      const isForm = String(request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
      body = JSON.parse(isForm ? (new URLSearchParams(raw).get("payload") ?? "") : raw);
    } catch {
      body = raw;
    }
    const { status, json } = this.workspace.postToResponseUrl(pathname, body);
    sendJson(response, status, json);
    this.workspace.notify();
  }

  /** Slack sends the bot's own messages back as events, carrying its user and bot_id (Bolt's ignoreSelf relies on them). */
  private echo(message: FakeMessage): void {
    if (!this.options.echoBotMessages || !this.driver.canDeliver) return;
    const { channel, ...fields } = message;
    const event = {
      ...fields,
      channel,
      bot_profile: { id: message.bot_id, app_id: message.app_id, name: "service-desk-bot", team_id: message.team },
    };
    const delivery = new Promise((resolve) => setImmediate(resolve)).then(() => this.driver.sendEvent(event));
    void this.driver.track(delivery).catch(() => undefined);
  }
}

/** Starts a fake Slack on 127.0.0.1 (random port). Close it in afterAll/afterEach. */
export function startSlackFake(options: SlackFakeOptions = {}): Promise<SlackFake> {
  return new SlackFake(options).listen();
}

/** Stops listening and ends the kept-alive connections too, so the close does not wait for them. */
export function closeHttpServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
