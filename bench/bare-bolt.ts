// The baseline of `npm run bench`, a process of its own like the bot: Bolt with nothing of ours,
// acking the same requests with the same bodies (/repair help answered with the help message, the
// intake and Report work submissions, the Assign button and message events acked empty).
// Started by bench/processes.ts (`node --import tsx bench/bare-bolt.ts`) with the bot's variables:
// SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL and PORT (0: any); prints `listening <port>`.
import type { AddressInfo, Server } from "node:net";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { buildHelpMessage } from "../src/views/help";
import { ACTIONS, VIEWS } from "../src/views/ids";

async function main(): Promise<void> {
  const signingSecret = process.env.SLACK_SIGNING_SECRET ?? "";
  const receiver = new HTTPReceiver({ signingSecret });
  const app = new App({
    token: process.env.SLACK_BOT_TOKEN,
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL, retryConfig: { retries: 0 } },
  });
  app.command("/repair", async ({ ack }) => {
    const help = buildHelpMessage();
    await ack({ response_type: "ephemeral", text: help.text, blocks: help.blocks });
  });
  app.view(VIEWS.intake, async ({ ack }) => ack());
  app.action(ACTIONS.ticketAssign, async ({ ack }) => ack());
  app.view(VIEWS.reportWork, async ({ ack }) => ack());
  app.message(async () => {});
  const server = (await receiver.start(Number(process.env.PORT ?? 0))) as Server;
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
  const stop = () => void app.stop().then(() => process.exit(0), () => process.exit(1));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`bare Bolt could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
