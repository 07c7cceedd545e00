/**
 * The Web API methods the bot calls, answering with Slack's shapes and error codes. Each method
 * takes the parsed arguments and returns the JSON body, or throws SlackApiError.
 */
import { SlackApiError, type FakeMessage, type Workspace } from "./workspace";

type Json = Record<string, unknown>;
export type WebApiMethod = (args: Json, workspace: Workspace) => Json;

function optionalString(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function isTrue(value: unknown): boolean {
  return value === true || value === "true" || value === "1" || value === 1;
}

/** Messages as the API returns them: without the fake's own `channel` field. */
function apiMessage({ channel: _channel, ...message }: FakeMessage): Json {
  return message;
}

/** conversations.history and .replies return message metadata only with `include_all_metadata`. */
function listedMessage(message: FakeMessage, args: Json): Json {
  const { metadata, ...rest } = apiMessage(message) as Json & { metadata?: unknown };
  return isTrue(args.include_all_metadata) && metadata !== undefined ? { ...rest, metadata } : rest;
}

/** Slack's cursor pagination over an already ordered list. */
function paginate<T>(items: T[], args: Json, defaultLimit: number): { page: T[]; has_more: boolean; response_metadata: { next_cursor: string } } {
  const limit = Math.max(1, Number(args.limit ?? defaultLimit) || defaultLimit);
  const cursor = optionalString(args.cursor);
  const offset = cursor ? Number(Buffer.from(cursor, "base64").toString().replace("offset:", "")) : 0;
  if (Number.isNaN(offset)) throw new SlackApiError("invalid_cursor");
  const page = items.slice(offset, offset + limit);
  const hasMore = offset + limit < items.length;
  return { page, has_more: hasMore, response_metadata: { next_cursor: hasMore ? Buffer.from(`offset:${offset + limit}`).toString("base64") : "" } };
}

function inRange(ts: string, args: Json): boolean {
  const value = Number(ts);
  const inclusive = isTrue(args.inclusive);
  const oldest = optionalString(args.oldest);
  const latest = optionalString(args.latest);
  if (oldest !== undefined && (inclusive ? value < Number(oldest) : value <= Number(oldest))) return false;
  if (latest !== undefined && (inclusive ? value > Number(latest) : value >= Number(latest))) return false;
  return true;
}

function tzOffsetSeconds(timeZone: string, at: number): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((part) => part.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
  return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60) : 0;
}

const chatPostMessage: WebApiMethod = (args, workspace) => {
  const channel = workspace.resolveChannel(args.channel, { acceptUserId: true });
  const content = workspace.checkContent(args);
  const message = workspace.postBotMessage(channel, content, {
    threadTs: optionalString(args.thread_ts),
    replyBroadcast: isTrue(args.reply_broadcast),
    metadata: args.metadata,
  });
  return { ok: true, channel, ts: message.ts, message: apiMessage(message) };
};

const chatPostEphemeral: WebApiMethod = (args, workspace) => {
  const channel = workspace.resolveChannel(args.channel);
  const user = optionalString(args.user);
  if (!user || !workspace.user(user)) throw new SlackApiError("user_not_in_channel");
  const content = workspace.checkContent(args);
  return { ok: true, message_ts: workspace.postEphemeral(channel, user, content, optionalString(args.thread_ts)).ts };
};

const chatUpdate: WebApiMethod = (args, workspace) => {
  const channel = workspace.resolveChannel(args.channel);
  const ts = optionalString(args.ts);
  if (!ts || !workspace.findMessage(channel, ts)) throw new SlackApiError("message_not_found");
  // Slack: chat.update refuses text over 4,000 characters (msg_too_long).
  const content = workspace.checkContent(args, { maxText: 4_000 });
  // Slack retains what chat.update omits; an empty array removes it.
  const keep = (["blocks", "attachments"] as const).filter((key) => args[key] === undefined);
  const message = workspace.updateMessage(channel, ts, content, [...keep]);
  return { ok: true, channel, ts, text: message.text, message: apiMessage(message) };
};

const chatDelete: WebApiMethod = (args, workspace) => {
  const channel = workspace.resolveChannel(args.channel);
  const ts = optionalString(args.ts);
  if (!ts) throw new SlackApiError("message_not_found");
  workspace.deleteMessage(channel, ts);
  return { ok: true, channel, ts };
};

const chatGetPermalink: WebApiMethod = (args, workspace) => {
  const channel = workspace.resolveChannel(args.channel);
  const message = workspace.findMessage(channel, optionalString(args.message_ts) ?? "");
  if (!message) throw new SlackApiError("message_not_found");
  const base = `https://${workspace.config.teamDomain}.slack.com/archives/${channel}/p${message.ts.replace(".", "")}`;
  const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  return { ok: true, channel, permalink: isReply ? `${base}?thread_ts=${message.thread_ts}&cid=${channel}` : base };
};

const reactionsAdd: WebApiMethod = (args, workspace) => {
  const channel = workspace.resolveChannel(args.channel);
  const ts = optionalString(args.timestamp);
  if (!ts) throw new SlackApiError("no_item_specified");
  workspace.addReaction(channel, ts, String(args.name ?? ""), workspace.config.botUserId);
  return { ok: true };
};

const usersInfo: WebApiMethod = (args, workspace) => {
  const id = optionalString(args.user) ?? "";
  const user = workspace.user(id);
  if (!user) throw new SlackApiError("user_not_found");
  const tz = user.tz ?? "UTC";
  return {
    ok: true,
    user: {
      id,
      team_id: workspace.config.teamId,
      name: user.name,
      deleted: false,
      real_name: user.realName ?? user.name,
      tz,
      tz_label: tz,
      tz_offset: tzOffsetSeconds(tz, workspace.now()),
      is_bot: user.isBot ?? false,
      is_app_user: false,
      updated: Math.floor(workspace.now() / 1000),
      // Slack adds the user's language only when asked (`include_locale: true`).
      ...(isTrue(args.include_locale) ? { locale: user.locale ?? "en-US" } : {}),
      profile: {
        real_name: user.realName ?? user.name,
        display_name: user.name,
        ...(user.email ? { email: user.email } : {}),
        team: workspace.config.teamId,
      },
    },
  };
};

const conversationsOpen: WebApiMethod = (args, workspace) => {
  const channel = optionalString(args.channel);
  if (channel) return { ok: true, channel: { id: workspace.resolveChannel(channel) } };
  const users = (optionalString(args.users) ?? "").split(",").filter(Boolean);
  if (users.length === 0) throw new SlackApiError("users_list_not_supplied");
  if (users.length > 1) throw SlackApiError.invalidArguments(["the Slack fake opens 1:1 DMs only"]);
  if (!workspace.config.users.has(users[0])) throw new SlackApiError("user_not_found");
  return { ok: true, channel: { id: workspace.dmChannelFor(users[0]) } };
};

const conversationsInfo: WebApiMethod = (args, workspace) => {
  const found = workspace.conversation(optionalString(args.channel) ?? "");
  if (!found) throw new SlackApiError("channel_not_found");
  const created = 1_600_000_000;
  if (found.dmUser) {
    return { ok: true, channel: { id: found.id, created, is_im: true, is_org_shared: false, user: found.dmUser, is_open: true } };
  }
  return {
    ok: true,
    channel: {
      id: found.id,
      name: found.name,
      created,
      is_channel: !found.isPrivate,
      is_group: found.isPrivate,
      is_im: false,
      is_private: found.isPrivate,
      is_archived: false,
      is_member: true,
      context_team_id: workspace.config.teamId,
    },
  };
};

const conversationsHistory: WebApiMethod = (args, workspace) => {
  const channel = workspace.resolveChannel(args.channel);
  const topLevel = workspace
    .messagesIn(channel)
    .filter((message) => (message.thread_ts === undefined || message.thread_ts === message.ts || message.reply_broadcast) && inRange(message.ts, args))
    .reverse();
  const { page, ...rest } = paginate(topLevel, args, 100);
  return { ok: true, messages: page.map((message) => listedMessage(message, args)), pin_count: 0, ...rest };
};

const conversationsReplies: WebApiMethod = (args, workspace) => {
  const channel = workspace.resolveChannel(args.channel);
  const ts = optionalString(args.ts);
  const all = workspace.messagesIn(channel);
  const parent = all.find((message) => message.ts === ts);
  if (!ts || !parent) throw new SlackApiError("thread_not_found");
  const root = parent.thread_ts ?? parent.ts;
  const thread = all.filter((message) => (message.ts === root || message.thread_ts === root) && inRange(message.ts, args));
  const { page, ...rest } = paginate(thread, args, 1000);
  return { ok: true, messages: page.map((message) => listedMessage(message, args)), ...rest };
};

export const webApiMethods: Record<string, WebApiMethod> = {
  "auth.test": (_args, workspace) => ({
    ok: true,
    url: `https://${workspace.config.teamDomain}.slack.com/`,
    team: workspace.config.teamDomain,
    user: "service-desk-bot",
    team_id: workspace.config.teamId,
    user_id: workspace.config.botUserId,
    bot_id: workspace.config.botId,
    is_enterprise_install: false,
  }),
  "chat.postMessage": chatPostMessage,
  "chat.postEphemeral": chatPostEphemeral,
  "chat.update": chatUpdate,
  "chat.delete": chatDelete,
  "chat.getPermalink": chatGetPermalink,
  "reactions.add": reactionsAdd,
  "views.open": (args, workspace) => ({ ok: true, view: workspace.openModal(args.view, args.trigger_id) }),
  "views.push": (args, workspace) => ({ ok: true, view: workspace.pushModal(args.view, { triggerId: args.trigger_id }) }),
  "views.update": (args, workspace) => ({
    ok: true,
    view: workspace.updateView(args.view, { viewId: optionalString(args.view_id), externalId: optionalString(args.external_id), hash: optionalString(args.hash) }),
  }),
  "views.publish": (args, workspace) => ({ ok: true, view: workspace.publishHome(args.view, args.user_id, optionalString(args.hash)) }),
  "users.info": usersInfo,
  "conversations.open": conversationsOpen,
  "conversations.info": conversationsInfo,
  "conversations.history": conversationsHistory,
  "conversations.replies": conversationsReplies,
};
