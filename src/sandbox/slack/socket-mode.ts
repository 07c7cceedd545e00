/**
 * Slack's side of Socket Mode: `apps.connections.open` hands out single-use `wss://…/link/?ticket=`
 * URLs (here ws://), each connection is greeted with `hello`, and deliveries go out as envelopes
 * the app acks with `{ envelope_id, payload }`. Shapes follow what @slack/socket-mode reads.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { acceptWebSocket, rejectUpgrade, type WebSocketConnection } from "./websocket";

type Json = Record<string, unknown>;

export type EnvelopeType = "events_api" | "slash_commands" | "interactive";

export interface SocketModeEnvelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: unknown;
  accepts_response_payload: boolean;
  /** Events only: 0 and "" on the first delivery. */
  retry_attempt?: number;
  retry_reason?: string;
}

/** Why Slack sends `disconnect`: a refresh soon, a refresh now, or Socket Mode turned off. */
export type DisconnectReason = "warning" | "refresh_requested" | "link_disabled";

export interface EnvelopeAck {
  /** The ack's `payload` (`{}` for a bare ack); undefined when none came in time. */
  payload?: Json;
  problem?: string;
  /** The envelope's id, which the app names the request by in its logs. */
  envelopeId: string;
}

const DEBUG_INFO = { host: "applink-fake-1", build_number: 1, approximate_connection_time: 18_060 };

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class SocketModeServer {
  private readonly tickets = new Set<string>();
  private readonly connections: WebSocketConnection[] = [];
  private readonly pendingAcks = new Map<string, (payload: Json) => void>();
  private turn = 0;
  private closing = false;

  constructor(
    private readonly appId: string,
    /** Called when connections come and go, so `fake.waitFor` probes rerun. */
    private readonly onChange: () => void,
  ) {}

  /** Connections that take envelopes: open, and no close frame sent or received. */
  get connectionCount(): number {
    return this.openConnections().length;
  }

  /** What `apps.connections.open` returns: a URL good for one connection. */
  issueUrl(httpOrigin: string): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${httpOrigin.replace(/^http/, "ws")}/link/?ticket=${ticket}&app_id=${this.appId}`;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? "/", "http://fake");
    if (this.closing) return rejectUpgrade(socket, 503, "Service Unavailable");
    if (url.pathname !== "/link/") return rejectUpgrade(socket, 404, "Not Found");
    // A ticket works once: a reconnecting client must call apps.connections.open again.
    if (!this.tickets.delete(url.searchParams.get("ticket") ?? "")) return rejectUpgrade(socket, 401, "Unauthorized");
    const connection = acceptWebSocket(request, socket, head);
    if (!connection) return;
    this.connections.push(connection);
    connection.onMessage = (text) => this.receive(text);
    connection.onCloseFrame = this.onChange;
    void connection.closed.then(() => {
      this.connections.splice(this.connections.indexOf(connection), 1);
      this.onChange();
    });
    connection.sendText(JSON.stringify({ type: "hello", num_connections: this.connectionCount, debug_info: DEBUG_INFO, connection_info: { app_id: this.appId } }));
    this.onChange();
  }

  /**
   * Sends one envelope on one connection (Slack picks one per delivery; here in turn) and resolves
   * with the app's ack, or with a problem when none came within `ackTimeoutMs` or the connection
   * closed first. Throws when no app is connected, as posting to a closed port would.
   */
  deliver(type: EnvelopeType, payload: unknown, ackTimeoutMs: number, retry = { attempt: 0, reason: "" }): Promise<EnvelopeAck> {
    const open = this.openConnections();
    if (open.length === 0) throw new Error("no Socket Mode connection: start the app (it calls apps.connections.open) before sending");
    const connection = open[this.turn++ % open.length];
    const envelope: SocketModeEnvelope = {
      envelope_id: randomUUID(),
      type,
      payload,
      // Events are acked empty; commands and interactions may answer in the ack.
      accepts_response_payload: type !== "events_api",
      ...(type === "events_api" ? { retry_attempt: retry.attempt, retry_reason: retry.reason } : {}),
    };
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: Omit<EnvelopeAck, "envelopeId">) => {
        const result: EnvelopeAck = { ...outcome, envelopeId: envelope.envelope_id };
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.pendingAcks.delete(envelope.envelope_id);
        resolve(result);
      };
      const timer = setTimeout(() => finish({ problem: `the app did not ack the ${type} envelope within ${ackTimeoutMs} ms: Slack shows the user an error (or retries an event)` }), ackTimeoutMs);
      this.pendingAcks.set(envelope.envelope_id, (ack) => finish({ payload: ack }));
      void connection.closed.then(() => finish({ problem: `the connection closed before the app acked the ${type} envelope` }));
      connection.sendText(JSON.stringify(envelope));
    });
  }

  /** Sends Slack's `disconnect` message to every connection; the client is expected to reconnect. */
  requestReconnect(reason: DisconnectReason): void {
    for (const connection of this.openConnections()) connection.sendText(JSON.stringify({ type: "disconnect", reason, debug_info: { host: DEBUG_INFO.host } }));
  }

  /** Refuses new connections and closes the open ones (1001 Going Away), waiting for each to end. */
  async close(): Promise<void> {
    this.closing = true;
    this.tickets.clear();
    await Promise.all(this.connections.map((connection) => connection.close(1001, "going away")));
  }

  private openConnections(): WebSocketConnection[] {
    return this.connections.filter((connection) => connection.isOpen);
  }

  /** Acks are the only thing a client sends; late or unknown ones are ignored, as Slack does. */
  private receive(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!isObject(message) || typeof message.envelope_id !== "string") return;
    this.pendingAcks.get(message.envelope_id)?.(isObject(message.payload) ? message.payload : {});
  }
}
