// The sandbox's page and the small HTTP API it talks to: what a persona sees (channels, threads,
// ephemeral messages, App Home, open modals) and what they do (commands, replies, clicks, picks,
// submissions), passed to the Slack stand-in's driver, which delivers them to the bot as Slack would.
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ClockMove, Desk } from "./desk";
import { closeHttpServer, type ActionInput, type MessageRef, type SendResult, type TypedValues } from "./slack";

type Json = Record<string, unknown>;

/** A refusal or a problem, as the page's banner shows it. */
export interface SandboxProblem {
  seq: number;
  at: string;
  text: string;
}

/** src/sandbox/web, from the sources (tsx) or from dist/src/sandbox (the build). */
export function webDir(from = __dirname): string {
  for (let dir = from; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "src", "sandbox", "web");
    if (existsSync(path.join(dir, "package.json")) && existsSync(candidate)) return candidate;
  }
  return path.join(from, "web");
}

const STATIC: Record<string, string> = { "/": "index.html", "/app.js": "app.js", "/mrkdwn.js": "mrkdwn.js", "/style.css": "style.css" };
const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

class BadRequest extends Error {}

function readJson(request: IncomingMessage): Promise<Json> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      try {
        const raw = Buffer.concat(chunks).toString();
        const body: unknown = raw === "" ? {} : JSON.parse(raw);
        if (typeof body !== "object" || body === null || Array.isArray(body)) return reject(new BadRequest("a JSON object is expected"));
        resolve(body as Json);
      } catch {
        reject(new BadRequest("invalid JSON"));
      }
    });
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
}

function text(value: unknown, field: string): string {
  if (typeof value !== "string" || value === "") throw new BadRequest(`${field} is required`);
  return value;
}

/** "+1 hour" ({ by: ms }), "to 18:30" ({ to }), "next working day 09:00" ({ nextWorkingDayAt }) or an instant ({ at }). */
function clockMove(body: Json): ClockMove {
  if (typeof body.by === "number" && body.by > 0) return { by: body.by };
  if (typeof body.to === "string") return { to: body.to };
  if (typeof body.nextWorkingDayAt === "string") return { nextWorkingDayAt: body.nextWorkingDayAt };
  if (typeof body.at === "string" && !Number.isNaN(Date.parse(body.at))) return { at: new Date(body.at) };
  throw new BadRequest("by (ms, positive), to, nextWorkingDayAt or at is required");
}

/** Names this machine answers to: another name is a web page elsewhere reaching in by DNS rebinding. */
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

export class SandboxPages {
  private server?: Server;
  private readonly problems: SandboxProblem[] = [];
  private seq = 0;
  /** How far the stand-in's recorded Web API calls have been looked through for refusals. */
  private callsSeen = 0;

  constructor(
    private readonly desk: Desk,
    private readonly dir = webDir(),
  ) {}

  async listen(port: number): Promise<string> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (error instanceof BadRequest) return send(response, 400, { error: error.message });
        const message = error instanceof Error ? error.message : String(error);
        // What the stand-in's client refuses (a required input left empty...) the visitor should see.
        this.problem(message);
        send(response, 422, { error: message });
      });
    });
    // Loopback only: the sandbox signs requests as anyone, so it must not be reachable from elsewhere.
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    this.server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await closeHttpServer(server);
  }

  private problem(text: string): void {
    this.problems.push({ seq: ++this.seq, at: this.desk.clock.now().toISOString(), text });
    if (this.problems.length > 50) this.problems.shift();
  }

  /** Web API calls the stand-in refused (as real Slack would) since last looked, as problems. */
  private collectRefusals(): void {
    const calls = this.desk.slack.calls;
    for (; this.callsSeen < calls.length; this.callsSeen++) {
      const call = calls[this.callsSeen];
      if (call.response && call.response.ok === false) {
        const details = (call.response.response_metadata as { messages?: string[] } | undefined)?.messages ?? [];
        this.problem(`Slack refused ${call.method}: ${String(call.response.error)}${details.length ? ` (${details.join("; ")})` : ""}`);
      }
    }
  }

  private report(result: SendResult): Json {
    for (const problem of result.problems) this.problem(problem);
    return { status: result.status, body: result.body ?? null, problems: result.problems };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!LOOPBACK_HOST.test(String(request.headers.host ?? ""))) return send(response, 403, { error: "the sandbox answers on 127.0.0.1 and localhost only" });
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const file = STATIC[url.pathname];
    if (request.method === "GET" && file) {
      const body = await fs.readFile(path.join(this.dir, file));
      response.writeHead(200, { "content-type": TYPES[path.extname(file)], "cache-control": "no-store" });
      return void response.end(body);
    }
    if (request.method === "GET" && url.pathname === "/api/state") return send(response, 200, this.state(url.searchParams.get("persona") ?? ""));
    if (request.method !== "POST" || !url.pathname.startsWith("/api/")) return send(response, 404, { error: "not found" });
    // JSON only: a form on another site cannot post it without the browser asking first (CORS), and nothing here allows that.
    if (!String(request.headers["content-type"] ?? "").startsWith("application/json")) return send(response, 415, { error: "send JSON" });
    const body = await readJson(request);
    const result = await this.act(url.pathname.slice("/api/".length), body);
    this.collectRefusals();
    send(response, 200, result);
  }

  private persona(body: Json): string {
    const id = text(body.persona, "persona");
    if (!this.desk.personas.some((persona) => persona.id === id)) throw new BadRequest(`no persona ${id}`);
    return id;
  }

  private async act(what: string, body: Json): Promise<Json> {
    const { driver } = this.desk.slack;
    switch (what) {
      case "command": {
        const userId = this.persona(body);
        const [command, ...rest] = text(body.text, "text").trim().split(/\s+/);
        if (!command.startsWith("/")) throw new BadRequest("a command starts with /");
        return this.report(await driver.sendCommand({ userId, command, text: rest.join(" "), channelId: text(body.channel, "channel") }));
      }
      case "message": {
        const userId = this.persona(body);
        const threadTs = typeof body.threadTs === "string" && body.threadTs ? { thread_ts: body.threadTs } : {};
        return this.report(await driver.sendEvent({ type: "message", user: userId, channel: text(body.channel, "channel"), text: text(body.text, "text"), ...threadTs }));
      }
      case "home":
        return this.report(await driver.sendEvent({ type: "app_home_opened", user: this.persona(body) }));
      case "action": {
        const userId = this.persona(body);
        const action = body.action as ActionInput;
        if (!action || typeof action.action_id !== "string") throw new BadRequest("action.action_id is required");
        const values = (body.values ?? undefined) as TypedValues | undefined;
        if (typeof body.viewId === "string") return this.report(await driver.sendBlockActions({ userId, view: body.viewId, actions: [action], values }));
        const message = body.message as MessageRef | undefined;
        if (!message || typeof message.channel !== "string" || typeof message.ts !== "string") throw new BadRequest("message {channel, ts} or viewId is required");
        return this.report(await driver.sendBlockActions({ userId, message: this.messageRef(message, userId), actions: [action], values }));
      }
      case "suggest": {
        const userId = this.persona(body);
        const result = await driver.sendBlockSuggestion({
          userId,
          actionId: text(body.actionId, "actionId"),
          blockId: typeof body.blockId === "string" ? body.blockId : undefined,
          value: typeof body.value === "string" ? body.value : "",
          ...(typeof body.viewId === "string" ? { view: body.viewId } : { message: body.message as MessageRef }),
        });
        return this.report(result);
      }
      case "submit": {
        const userId = this.persona(body);
        return this.report(await driver.sendViewSubmission({ userId, view: text(body.viewId, "viewId"), values: (body.values ?? undefined) as TypedValues | undefined }));
      }
      case "close": {
        const userId = this.persona(body);
        const viewId = text(body.viewId, "viewId");
        const view = this.desk.slack.view(viewId);
        if (view?.notify_on_close) return this.report(await driver.sendViewClosed({ userId, view: viewId }));
        driver.closeModal({ userId, view: viewId });
        return { status: 200 };
      }
      case "clock": {
        const move = clockMove(body);
        // "to 18:30" and "next working day" as the persona's branch reads them.
        const branch = this.desk.personas.find((persona) => persona.id === body.persona)?.branch;
        const now = await this.desk.moveClock(move, branch);
        return { now: now.toISOString() };
      }
      default:
        throw new BadRequest(`no action ${what}`);
    }
  }

  /** The stored message or ephemeral the persona acted on (ephemerals live in the persona's list only). */
  private messageRef(ref: MessageRef, userId: string): MessageRef {
    const stored = this.desk.slack.messagesIn(ref.channel).find((message) => message.ts === ref.ts);
    if (stored) return stored;
    return this.desk.slack.ephemeralsFor(userId).find((ephemeral) => ephemeral.ts === ref.ts) ?? ref;
  }

  private state(personaId: string): Json {
    this.collectRefusals();
    const { slack, personas, channels, clock } = this.desk;
    const persona = personas.find((candidate) => candidate.id === personaId) ?? personas[0];
    // The stand-in names a DM after its person ("U0DEMO002" ↔ "D0DEMO002").
    const dm = `D${persona.id.slice(1)}`;
    const visible = [...channels.map((channel) => channel.id), dm];
    return {
      now: clock.now().toISOString(),
      bot: { id: slack.config.botUserId, name: "Service Desk" },
      persona: persona.id,
      personas,
      channels: [...channels, { id: dm, name: "Service Desk (DM)", branch: persona.branch, dm: true }],
      messages: Object.fromEntries(visible.map((channel) => [channel, slack.messagesIn(channel)])),
      ephemerals: slack.ephemeralsFor(persona.id),
      home: slack.homeView(persona.id) ?? null,
      modals: slack.modalStack(persona.id),
      problems: this.problems,
    };
  }
}
