/**
 * A stand-in for the app when a test is about the fake, not about Bolt: it records what Slack
 * (the driver) sent and answers what the test scripts.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** The interaction payload, the event envelope, or the command's fields. */
  payload: Record<string, unknown>;
}

export interface Answer {
  status?: number;
  body?: unknown;
}

export interface RecordingApp {
  url: string;
  requests: RecordedRequest[];
  /** What the next requests get: 200 with no body unless told otherwise. */
  answer: (request: RecordedRequest) => Answer;
  close: () => Promise<void>;
}

function parse(contentType: string | undefined, body: string): Record<string, unknown> {
  if (contentType === "application/json") return JSON.parse(body) as Record<string, unknown>;
  const form = Object.fromEntries(new URLSearchParams(body));
  return form.payload ? (JSON.parse(form.payload) as Record<string, unknown>) : form;
}

export async function startRecordingApp(): Promise<RecordingApp> {
  const app: RecordingApp = { url: "", requests: [], answer: () => ({}), close: async () => undefined };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString();
      const recorded = { headers: request.headers, body, payload: parse(request.headers["content-type"], body) };
      app.requests.push(recorded);
      const { status = 200, body: answer } = app.answer(recorded);
      if (answer === undefined) {
        response.writeHead(status);
        response.end();
      } else {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(answer));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  app.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app.close = () => new Promise((resolve) => server.close(() => resolve()));
  return app;
}
