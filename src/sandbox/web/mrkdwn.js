// @ts-check
// Slack's mrkdwn, rendered as Slack's clients show it: *bold*, _italic_, ~strike~, `code`, ```pre```,
// > quotes, <url|links>, <@U…> mentions by name, <#C…> channels and <!date^…> in the reader's zone.

/** @param {string} text */
export function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * @typedef {{ userName(id: string): string, channelName(id: string): string, timeZone: string, now: Date }} MrkdwnContext
 */

const DAY_MS = 86_400_000;

/** The emoji codes the bot's messages use; any other code stays as written, as the issue allows. */
const EMOJI = {
  warning: "⚠️", white_check_mark: "✅", rotating_light: "🚨", hourglass_flowing_sand: "⏳", hourglass: "⌛", telephone_receiver: "📞",
  round_pushpin: "📍", red_circle: "🔴", white_circle: "⚪", large_green_circle: "🟢", arrow_double_up: "⏫", wrench: "🔧",
  leftwards_arrow_with_hook: "↩️", alarm_clock: "⏰", x: "❌", tada: "🎉", speech_balloon: "💬", receipt: "🧾", package: "📦",
  outbox_tray: "📤", no_entry_sign: "🚫", no_entry: "⛔", mute: "🔇", memo: "📝", grey_question: "❔", calendar: "📆",
  arrows_counterclockwise: "🔄",
};

/** @param {string} html */
function emoji(html) {
  return html.replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] ?? whole);
}

/** @param {Date} date @param {string} timeZone @param {Intl.DateTimeFormatOptions} options */
function fmt(date, timeZone, options) {
  return new Intl.DateTimeFormat("en-US", { timeZone, ...options }).format(date);
}

/** The local calendar day as a number, to say "today" / "yesterday" / "tomorrow" as Slack's pretty formats do. @param {Date} date @param {string} timeZone */
function dayNumber(date, timeZone) {
  const [m, d, y] = fmt(date, timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).split("/").map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** @param {Date} date @param {MrkdwnContext} context @param {string} base */
function pretty(date, context, base) {
  const delta = dayNumber(date, context.timeZone) - dayNumber(context.now, context.timeZone);
  if (delta === 0) return "today";
  if (delta === -1) return "yesterday";
  if (delta === 1) return "tomorrow";
  return base;
}

/** Slack's `<!date^unix^format|fallback>` tokens, in the reader's zone. */
export function formatDateToken(unix, format, context) {
  const date = new Date(unix * 1000);
  const tz = context.timeZone;
  const dateNum = fmt(date, tz, { year: "numeric", month: "2-digit", day: "2-digit" }).replace(/(\d+)\/(\d+)\/(\d+)/, "$3-$1-$2");
  const dateShort = fmt(date, tz, { month: "short", day: "numeric", year: "numeric" });
  const dateLong = fmt(date, tz, { weekday: "long", month: "long", day: "numeric", year: "numeric" });
  const dateLongNoYear = fmt(date, tz, { weekday: "long", month: "long", day: "numeric" });
  const time = fmt(date, tz, { hour: "numeric", minute: "2-digit" });
  const timeSecs = fmt(date, tz, { hour: "numeric", minute: "2-digit", second: "2-digit" });
  /** @type {Record<string, string>} */
  const tokens = {
    date_num: dateNum,
    date: fmt(date, tz, { month: "long", day: "numeric", year: "numeric" }),
    date_short: dateShort,
    date_long: dateLong,
    date_long_full: dateLong,
    date_long_pretty: pretty(date, context, dateLong),
    date_pretty: pretty(date, context, fmt(date, tz, { month: "long", day: "numeric", year: "numeric" })),
    date_short_pretty: pretty(date, context, dateShort),
    date_long_no_year: dateLongNoYear,
    time,
    time_secs: timeSecs,
    ago: ago(date, context.now),
  };
  return format.replace(/\{(\w+)\}/g, (whole, name) => tokens[name] ?? whole);
}

/** @param {Date} date @param {Date} now */
function ago(date, now) {
  const minutes = Math.round((now.getTime() - date.getTime()) / 60_000);
  const abs = Math.abs(minutes);
  const [n, unit] = abs < 60 ? [abs, "minute"] : abs < 1440 ? [Math.round(abs / 60), "hour"] : [Math.round(abs / 1440), "day"];
  const words = `${n} ${unit}${n === 1 ? "" : "s"}`;
  return minutes >= 0 ? `${words} ago` : `in ${words}`;
}

/**
 * One line's inline formatting. Angle-bracket tokens are taken out first (their text may hold
 * asterisks and underscores), then formatted text is marked up, then the tokens are put back.
 * @param {string} line @param {MrkdwnContext} context
 */
function inline(line, context) {
  /** @type {string[]} */
  const held = [];
  const hold = (html) => `\uE000${held.push(html) - 1}\uE000`;
  let text = line.replace(/`([^`]+)`/g, (_, code) => hold(`<code>${escapeHtml(code)}</code>`));
  text = text.replace(/<([^<>]+)>/g, (_, token) => hold(renderToken(token, context)));
  text = escapeHtml(text);
  text = text.replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])/g, "$1<b>$2</b>");
  text = text.replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,:;!?])/g, "$1<i>$2</i>");
  text = text.replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,:;!?])/g, "$1<s>$2</s>");
  text = emoji(text);
  return text.replace(/\uE000(\d+)\uE000/g, (_, index) => held[Number(index)]);
}

/** @param {string} token @param {MrkdwnContext} context */
function renderToken(token, context) {
  const [target, label] = splitLabel(token);
  if (target.startsWith("@")) return `<span class="mention">@${escapeHtml(context.userName(target.slice(1)))}</span>`;
  if (target.startsWith("#")) return `<span class="mention">#${escapeHtml(label ?? context.channelName(target.slice(1)))}</span>`;
  if (target.startsWith("!date^")) {
    const [, unix, format] = target.split("^");
    const text = Number.isFinite(Number(unix)) ? formatDateToken(Number(unix), format ?? "{date_short}", context) : (label ?? "");
    return `<time class="date-token" title="${escapeHtml(new Date(Number(unix) * 1000).toISOString())}">${escapeHtml(text)}</time>`;
  }
  if (target.startsWith("!")) return `<span class="mention">@${escapeHtml(label ?? target.slice(1).split("^")[0])}</span>`;
  if (/^(https?:|mailto:|tel:)/.test(target)) return `<a href="${escapeHtml(target)}" target="_blank" rel="noreferrer">${escapeHtml(label ?? target)}</a>`;
  return escapeHtml(`<${token}>`);
}

/** @param {string} token @returns {[string, string | undefined]} */
function splitLabel(token) {
  const bar = token.indexOf("|");
  return bar < 0 ? [token, undefined] : [token.slice(0, bar), token.slice(bar + 1)];
}

/** Slack's text entities arrive escaped (&lt; &gt; &amp;); they are read back before rendering. */
function unescapeSlack(text) {
  return text.replace(/&lt;/g, "\uE001").replace(/&gt;/g, "\uE002").replace(/&amp;/g, "&");
}

/** @param {string} text @param {MrkdwnContext} context @returns {string} HTML */
export function renderMrkdwn(text, context) {
  const parts = String(text).split("```");
  return parts
    .map((part, index) => {
      if (index % 2 === 1) return `<pre>${escapeHtml(part.replace(/^\n/, ""))}</pre>`;
      const lines = part.split("\n").map((line) => {
        const quote = /^(&gt;|>)\s?(.*)$/.exec(line);
        const body = inline(unescapeSlack(quote ? quote[2] : line), context).replace(/\uE001/g, "&lt;").replace(/\uE002/g, "&gt;");
        return quote ? `<blockquote>${body}</blockquote>` : body;
      });
      return lines.join("<br>").replace(/<\/blockquote><br><blockquote>/g, "<br>");
    })
    .join("");
}

/** @param {string} text @returns {string} HTML of plain text (emoji codes left as written). */
export function renderPlain(text) {
  return emoji(escapeHtml(String(text))).replace(/\n/g, "<br>");
}
