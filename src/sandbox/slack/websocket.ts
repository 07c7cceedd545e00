/**
 * The server side of a WebSocket (RFC 6455), just what Socket Mode needs: text messages, ping/pong
 * and the close handshake. Written here because @slack/socket-mode 3 connects with undici's
 * WebSocket client, so no WebSocket server (`ws`) comes with the dependencies.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

const HANDSHAKE_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
/** How long a peer gets to answer our close frame before the socket is destroyed. */
const CLOSE_TIMEOUT_MS = 1_000;

const Opcode = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** Refuses an upgrade with a plain HTTP answer, as a server does before the handshake. */
export function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Completes the opening handshake, or refuses a request that is not a WebSocket one (400). */
export function acceptWebSocket(request: IncomingMessage, socket: Duplex, head: Buffer): WebSocketConnection | undefined {
  const key = request.headers["sec-websocket-key"];
  if (String(request.headers.upgrade).toLowerCase() !== "websocket" || typeof key !== "string" || request.headers["sec-websocket-version"] !== "13") {
    rejectUpgrade(socket, 400, "Bad Request");
    return undefined;
  }
  const accept = createHash("sha1").update(key + HANDSHAKE_GUID).digest("base64");
  // No Sec-WebSocket-Extensions in the answer: permessage-deflate stays off.
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  return new WebSocketConnection(socket, head);
}

export class WebSocketConnection {
  /** A complete text message from the peer. */
  onMessage: (text: string) => void = () => undefined;
  /** The peer started the close handshake: the connection takes no more messages. */
  onCloseFrame: () => void = () => undefined;
  /** Resolves once the TCP connection is gone, however it ended. */
  readonly closed: Promise<void>;
  private buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private closeSent = false;
  private closeReceived = false;

  constructor(
    private readonly socket: Duplex,
    head: Buffer,
  ) {
    this.closed = new Promise((resolve) => socket.once("close", () => resolve()));
    // A reset peer, or one that ends TCP without a close frame, is a closed connection, not a failure.
    socket.on("error", () => socket.destroy());
    socket.on("end", () => socket.destroy());
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    if (head.length > 0) this.receive(head);
  }

  /** Open for messages both ways: no close frame sent or received yet. */
  get isOpen(): boolean {
    return !this.closeSent && !this.closeReceived && !this.socket.destroyed;
  }

  sendText(text: string): void {
    if (this.isOpen) this.sendFrame(Opcode.text, Buffer.from(text));
  }

  /** Starts the close handshake; the socket is destroyed if the peer does not answer. */
  close(code = 1000, reason = ""): Promise<void> {
    if (!this.closeSent && !this.socket.destroyed) {
      const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
      payload.writeUInt16BE(code, 0);
      payload.write(reason, 2);
      this.sendFrame(Opcode.close, payload);
      this.closeSent = true;
      this.destroyLater();
    }
    return this.closed;
  }

  private destroyLater(): void {
    const timer = setTimeout(() => this.socket.destroy(), CLOSE_TIMEOUT_MS);
    void this.closed.then(() => clearTimeout(timer));
  }

  private sendFrame(opcode: number, payload: Buffer): void {
    // Server frames are never masked (RFC 6455 §5.1).
    const length = payload.length;
    const header = Buffer.alloc(length < 126 ? 2 : length < 65_536 ? 4 : 10);
    header[0] = 0x80 | opcode;
    if (length < 126) {
      header[1] = length;
    } else if (length < 65_536) {
      header[1] = 126;
      header.writeUInt16BE(length, 2);
    } else {
      header[1] = 127;
      header.writeBigUInt64BE(BigInt(length), 2);
    }
    this.socket.write(Buffer.concat([header, payload]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const frame = this.nextFrame();
      if (!frame) return;
      this.handleFrame(frame.fin, frame.opcode, frame.payload);
    }
  }

  private nextFrame(): { fin: boolean; opcode: number; payload: Buffer } | undefined {
    const buffer = this.buffer;
    if (buffer.length < 2) return undefined;
    let length = buffer[1] & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (buffer.length < 4) return undefined;
      length = buffer.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (buffer.length < 10) return undefined;
      length = Number(buffer.readBigUInt64BE(2));
      offset = 10;
    }
    const masked = (buffer[1] & 0x80) !== 0;
    const mask = buffer.subarray(offset, offset + 4);
    if (masked) offset += 4;
    if (buffer.length < offset + length) return undefined;
    const payload = Buffer.from(buffer.subarray(offset, offset + length));
    if (masked) for (let i = 0; i < payload.length; i += 1) payload[i] ^= mask[i % 4];
    this.buffer = buffer.subarray(offset + length);
    return { fin: (buffer[0] & 0x80) !== 0, opcode: buffer[0] & 0x0f, payload };
  }

  private handleFrame(fin: boolean, opcode: number, payload: Buffer): void {
    switch (opcode) {
      case Opcode.text:
      case Opcode.binary:
      case Opcode.continuation:
        this.fragments.push(payload);
        if (fin) this.onMessage(Buffer.concat(this.fragments.splice(0)).toString());
        return;
      case Opcode.ping:
        // The SocketModeClient pings every few seconds and drops a connection whose pongs stop.
        if (!this.closeSent) this.sendFrame(Opcode.pong, payload);
        return;
      case Opcode.close:
        this.closeReceived = true;
        // Echo the peer's close frame, then end the TCP connection: the server closes first.
        if (!this.closeSent) this.sendFrame(Opcode.close, payload.subarray(0, 2));
        this.closeSent = true;
        this.socket.end();
        this.destroyLater();
        this.onCloseFrame();
        return;
      default:
        // Pongs: the fake sends no pings.
        return;
    }
  }
}
