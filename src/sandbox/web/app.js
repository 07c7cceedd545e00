// @ts-check
// The sandbox's page: a small Slack client for one persona at a time. It polls the sandbox for what
// the persona sees and posts what they do; the Slack stand-in turns that into Slack's requests.
import { escapeHtml, renderMrkdwn, renderPlain } from "./mrkdwn.js";

/** @typedef {Record<string, any>} Json */

const POLL_MS = 700;
const HOME = "__home__";

const ui = {
  /** @type {Json | null} */ state: null,
  persona: new URLSearchParams(location.search).get("persona") ?? localStorage.getItem("sandbox.persona") ?? "",
  channel: "",
  /** @type {string | null} */ threadTs: null,
  /** What the persona typed into the open modal, by view id, then block_id and action_id. @type {Record<string, Record<string, Record<string, any>>>} */
  typed: {},
  /** response_action errors of the last submission, by view id then block_id. @type {Record<string, Record<string, string>>} */
  errors: {},
  renderedModal: "",
  renderedMessages: "",
  renderedThread: "",
  problemsSeen: Number(sessionStorage.getItem("sandbox.problemsSeen") ?? 0),
  homeOpened: "",
};

/** @param {string} id @returns {HTMLElement} */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @param {string} what @param {Json} body */
async function post(what, body) {
  const response = await fetch(`/api/${what}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ persona: ui.persona, ...body }) });
  const json = await response.json().catch(() => ({}));
  await refresh();
  return json;
}

function personaOf(id) {
  return ui.state?.personas.find((/** @type {Json} */ p) => p.id === id);
}

function mrkdwnContext() {
  const me = personaOf(ui.persona);
  return {
    userName: (/** @type {string} */ id) => (id === ui.state?.bot.id ? ui.state.bot.name : personaOf(id)?.name ?? id),
    channelName: (/** @type {string} */ id) => ui.state?.channels.find((/** @type {Json} */ c) => c.id === id)?.name ?? id,
    timeZone: me?.timeZone ?? "UTC",
    now: new Date(ui.state?.now ?? Date.now()),
  };
}

/** @param {Json | undefined} textObject */
function textHtml(textObject) {
  if (!textObject) return "";
  return textObject.type === "mrkdwn" ? renderMrkdwn(textObject.text, mrkdwnContext()) : renderPlain(textObject.text);
}

// --- blocks ------------------------------------------------------------------------------------

/**
 * Where blocks live: a message (channel + ts, ephemeral or not) or a view (modal or Home).
 * @typedef {{ message?: { channel: string, ts: string }, viewId?: string, state?: Json }} Place
 */

/** @param {Json[]} blocks @param {Place} place */
function renderBlocks(blocks, place) {
  const container = document.createElement("div");
  for (const block of blocks ?? []) {
    const element = renderBlock(block, place);
    if (element) container.append(element);
  }
  return container;
}

/** @param {Json} block @param {Place} place @returns {HTMLElement | null} */
function renderBlock(block, place) {
  const div = document.createElement("div");
  div.className = `block block-${block.type}`;
  if (block.block_id) div.dataset.blockId = block.block_id;
  switch (block.type) {
    case "header":
      div.innerHTML = textHtml(block.text);
      return div;
    case "divider":
      return Object.assign(document.createElement("hr"), { className: "block block-divider" });
    case "section": {
      div.classList.add("section");
      const body = document.createElement("div");
      if (block.text) body.innerHTML = textHtml(block.text);
      if (block.fields) {
        const fields = document.createElement("div");
        fields.className = "fields";
        for (const field of block.fields) fields.insertAdjacentHTML("beforeend", `<div>${textHtml(field)}</div>`);
        body.append(fields);
      }
      div.append(body);
      if (block.accessory) div.append(renderElement(block.accessory, block, place));
      return div;
    }
    case "context":
      div.innerHTML = (block.elements ?? []).map((/** @type {Json} */ e) => (e.type === "image" ? `<span title="${escapeHtml(e.alt_text ?? "")}">▣</span>` : textHtml(e))).join(" ");
      return div;
    case "actions":
      div.classList.add("actions");
      for (const element of block.elements ?? []) div.append(renderElement(element, block, place));
      return div;
    case "input": {
      div.classList.add("input-block");
      const error = place.viewId ? ui.errors[place.viewId]?.[block.block_id] : undefined;
      if (error) div.classList.add("has-error");
      const label = document.createElement("label");
      label.className = "input-label";
      label.innerHTML = textHtml(block.label) + (block.optional ? ' <span class="hint">(optional)</span>' : "");
      div.append(label, renderElement(block.element, block, place));
      if (block.hint) div.insertAdjacentHTML("beforeend", `<div class="hint">${textHtml(block.hint)}</div>`);
      if (error) div.insertAdjacentHTML("beforeend", `<div class="field-error">${escapeHtml(error)}</div>`);
      return div;
    }
    case "image":
      div.textContent = `[image: ${block.alt_text ?? ""}]`;
      return div;
    case "rich_text":
    case "markdown":
      div.innerHTML = renderMrkdwn(block.text ?? "", mrkdwnContext());
      return div;
    default:
      div.textContent = `[${block.type} block]`;
      return div;
  }
}

/** The value Slack keeps for an element: what was typed here, else the view's state, else its initial value. */
function currentValue(element, block, place) {
  const typed = place.viewId ? ui.typed[place.viewId]?.[block.block_id]?.[element.action_id] : undefined;
  if (typed !== undefined) return typed;
  const state = place.state?.values?.[block.block_id]?.[element.action_id];
  if (state) {
    if ("selected_option" in state) return state.selected_option ? (element.type === "external_select" ? { selected_option: state.selected_option } : state.selected_option.value) : null;
    if ("selected_options" in state) return (state.selected_options ?? []).map((/** @type {Json} */ o) => o.value);
    if ("selected_user" in state) return state.selected_user;
    if ("selected_date" in state) return state.selected_date;
    if ("selected_time" in state) return state.selected_time;
    if ("selected_date_time" in state) return state.selected_date_time;
    if ("value" in state) return state.value;
  }
  return undefined;
}

/** Elements whose change Slack sends at once: in an actions block, a section's accessory, or an input with dispatch_action. */
function dispatches(block) {
  return block.type === "actions" || block.type === "section" || (block.type === "input" && block.dispatch_action === true);
}

/** @param {Place} place @param {Json} block @param {Json} element @param {any} value */
function changed(place, block, element, value) {
  if (place.viewId) {
    ui.typed[place.viewId] ??= {};
    ui.typed[place.viewId][block.block_id] ??= {};
    ui.typed[place.viewId][block.block_id][element.action_id] = value;
  }
  if (dispatches(block)) void act(place, { action_id: element.action_id, block_id: block.block_id, value }, element.confirm);
}

/** @param {Place} place @param {Json} action @param {Json | undefined} confirm */
async function act(place, action, confirm) {
  if (confirm && !(await confirmed(confirm))) return;
  const where = place.viewId ? { viewId: place.viewId, values: typedFor(place.viewId) } : { message: place.message };
  await post("action", { action, ...where });
}

/** @param {string} viewId */
function typedFor(viewId) {
  return ui.typed[viewId] ?? {};
}

/** Slack's confirmation dialog. @param {Json} confirm @returns {Promise<boolean>} */
function confirmed(confirm) {
  const layer = $("confirm-layer");
  layer.innerHTML = `<div class="modal" id="confirm"><header>${textHtml(confirm.title)}</header><div class="modal-body">${textHtml(confirm.text)}</div>
    <footer><button id="confirm-no" type="button">${textHtml(confirm.deny ?? { type: "plain_text", text: "Cancel" })}</button><button id="confirm-yes" class="submit" type="button">${textHtml(confirm.confirm ?? { type: "plain_text", text: "Yes" })}</button></footer></div>`;
  layer.hidden = false;
  return new Promise((resolve) => {
    const done = (/** @type {boolean} */ answer) => {
      layer.hidden = true;
      layer.innerHTML = "";
      resolve(answer);
    };
    $("confirm-yes").onclick = () => done(true);
    $("confirm-no").onclick = () => done(false);
  });
}

/** @param {Json} element @param {Json} block @param {Place} place @returns {HTMLElement} */
function renderElement(element, block, place) {
  const wrap = document.createElement("div");
  wrap.className = `element element-${element.type}`;
  wrap.dataset.actionId = element.action_id ?? "";
  const value = currentValue(element, block, place);
  const options = optionsOf(element);
  const placeholder = element.placeholder?.text ?? "";
  switch (element.type) {
    case "button": {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `block-button ${element.style ?? ""}`;
      button.innerHTML = textHtml(element.text);
      button.dataset.actionId = element.action_id;
      button.onclick = () => {
        if (element.url) window.open(element.url, "_blank");
        void act(place, { action_id: element.action_id, block_id: block.block_id, ...(element.value !== undefined ? { value: element.value } : {}) }, element.confirm);
      };
      return button;
    }
    case "static_select":
    case "overflow":
    case "users_select":
    case "multi_static_select": {
      const select = document.createElement("select");
      select.multiple = element.type === "multi_static_select";
      const choices = element.type === "users_select" ? (ui.state?.personas ?? []).map((/** @type {Json} */ p) => ({ value: p.id, text: { type: "plain_text", text: p.name } })) : options;
      if (!select.multiple) select.append(new Option(element.type === "overflow" ? "⋯" : placeholder || "Choose…", ""));
      for (const option of choices) select.append(new Option(option.text.text, option.value));
      const initial = value ?? (element.type === "users_select" ? element.initial_user : select.multiple ? (element.initial_options ?? []).map((/** @type {Json} */ o) => o.value) : element.initial_option?.value);
      for (const option of select.options) option.selected = Array.isArray(initial) ? initial.includes(option.value) : option.value === (initial ?? "");
      select.onchange = () => changed(place, block, element, select.multiple ? [...select.selectedOptions].map((o) => o.value) : select.value || null);
      wrap.append(select);
      return wrap;
    }
    case "external_select":
    case "multi_external_select":
      return externalSelect(wrap, element, block, place, value);
    case "radio_buttons":
    case "checkboxes": {
      const multiple = element.type === "checkboxes";
      const chosen = value ?? (multiple ? (element.initial_options ?? []).map((/** @type {Json} */ o) => o.value) : element.initial_option?.value);
      const name = `${block.block_id}.${element.action_id}.${Math.random()}`;
      for (const option of options) {
        const label = document.createElement("label");
        label.className = "choice";
        const input = document.createElement("input");
        input.type = multiple ? "checkbox" : "radio";
        input.name = name;
        input.value = option.value;
        input.checked = multiple ? (chosen ?? []).includes(option.value) : chosen === option.value;
        input.onchange = () => {
          const picked = [...wrap.querySelectorAll("input")].filter((i) => i.checked).map((i) => i.value);
          changed(place, block, element, multiple ? picked : picked[0] ?? null);
        };
        label.append(input, " ");
        label.insertAdjacentHTML("beforeend", textHtml(option.text) + (option.description ? ` <span class="hint">${textHtml(option.description)}</span>` : ""));
        wrap.append(label);
      }
      return wrap;
    }
    case "datepicker":
    case "timepicker":
    case "datetimepicker":
    case "plain_text_input":
    case "number_input":
    case "email_text_input":
    case "url_text_input": {
      const multiline = element.type === "plain_text_input" && element.multiline;
      const input = multiline ? document.createElement("textarea") : document.createElement("input");
      if (input instanceof HTMLInputElement) input.type = { datepicker: "date", timepicker: "time", datetimepicker: "datetime-local", number_input: "number", email_text_input: "email", url_text_input: "url" }[element.type] ?? "text";
      if (input instanceof HTMLInputElement && element.type === "number_input") input.step = element.is_decimal_allowed ? "any" : "1";
      input.placeholder = placeholder;
      const initial = value ?? element.initial_value ?? element.initial_date ?? element.initial_time ?? element.initial_date_time ?? "";
      input.value = element.type === "datetimepicker" && initial !== "" && initial !== null ? toLocalInput(Number(initial)) : initial ?? "";
      const read = () => (element.type === "datetimepicker" ? (input.value ? fromLocalInput(input.value) : null) : input.value === "" ? null : input.value);
      // Text is sent with the next submission or action; pickers, like Slack's, act when they change.
      input.oninput = () => {
        if (place.viewId) {
          ui.typed[place.viewId] ??= {};
          ui.typed[place.viewId][block.block_id] ??= {};
          ui.typed[place.viewId][block.block_id][element.action_id] = read();
        }
      };
      input.onchange = () => changed(place, block, element, read());
      wrap.append(input);
      return wrap;
    }
    default:
      wrap.textContent = `[${element.type}]`;
      return wrap;
  }
}

/** @param {Json} element */
function optionsOf(element) {
  if (element.options) return element.options;
  return (element.option_groups ?? []).flatMap((/** @type {Json} */ g) => g.options ?? []);
}

/** Type-ahead through the bot's options endpoint, as Slack's client does (block_suggestion). */
function externalSelect(wrap, element, block, place, value) {
  const input = document.createElement("input");
  input.type = "text";
  input.className = "external-input";
  input.placeholder = element.placeholder?.text ?? "Type to search…";
  const chosen = document.createElement("div");
  chosen.className = "ext-chosen";
  const current = value?.selected_option ?? element.initial_option;
  if (current) chosen.innerHTML = `✓ ${textHtml(current.text)}`;
  const list = document.createElement("ul");
  list.className = "ext-options";
  list.hidden = true;
  let timer = 0;
  let asked = 0;
  const ask = async () => {
    const mine = ++asked;
    const result = await post("suggest", { actionId: element.action_id, blockId: block.block_id, value: input.value, ...(place.viewId ? { viewId: place.viewId } : { message: place.message }) });
    if (mine !== asked) return;
    const body = result.body ?? {};
    list.innerHTML = "";
    const groups = body.option_groups ?? [{ options: body.options ?? [] }];
    for (const group of groups) {
      if (group.label) list.insertAdjacentHTML("beforeend", `<li class="group">${textHtml(group.label)}</li>`);
      for (const option of group.options ?? []) {
        const item = document.createElement("li");
        item.className = "ext-option";
        item.innerHTML = textHtml(option.text);
        item.dataset.value = option.value;
        item.onclick = () => {
          list.hidden = true;
          chosen.innerHTML = `✓ ${textHtml(option.text)}`;
          input.value = "";
          changed(place, block, element, { selected_option: { text: option.text, value: option.value } });
        };
        list.append(item);
      }
    }
    if (!list.children.length) list.insertAdjacentHTML("beforeend", `<li class="group">No matches</li>`);
    list.hidden = false;
  };
  const minLength = element.min_query_length ?? 3;
  input.oninput = () => {
    clearTimeout(timer);
    if (input.value.length < minLength) return void (list.hidden = true);
    timer = window.setTimeout(() => void ask(), 250);
  };
  wrap.classList.add("external");
  wrap.append(input, list, chosen);
  return wrap;
}

/** Epoch seconds ↔ the persona's wall clock, for datetime pickers (Slack shows them in the user's zone). */
function zoneParts(epochMs, timeZone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .formatToParts(new Date(epochMs))
      .map((p) => [p.type, p.value]),
  );
  return parts;
}
function toLocalInput(seconds) {
  const p = zoneParts(seconds * 1000, mrkdwnContext().timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
function fromLocalInput(text) {
  const tz = mrkdwnContext().timeZone;
  const guess = Date.parse(`${text}:00Z`);
  const offsetAt = (/** @type {number} */ ms) => {
    const p = zoneParts(ms, tz);
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute) - Math.floor(ms / 60000) * 60000;
  };
  const first = guess - offsetAt(guess);
  return Math.round((guess - offsetAt(first)) / 1000);
}

// --- messages ------------------------------------------------------------------------------------

/** @param {Json} message @param {{ ephemeral?: boolean, inThread?: boolean }} options */
function renderMessage(message, options = {}) {
  const div = document.createElement("div");
  div.className = `message${options.ephemeral ? " ephemeral" : ""}`;
  div.dataset.ts = message.ts;
  const author = message.bot_id || options.ephemeral ? ui.state?.bot.name : personaOf(message.user)?.name ?? message.user;
  const when = new Intl.DateTimeFormat("en-US", { timeZone: mrkdwnContext().timeZone, weekday: "short", hour: "numeric", minute: "2-digit" }).format(new Date(Number(message.ts) * 1000));
  div.innerHTML = `<span class="author">${escapeHtml(author ?? "")}</span><span class="when">${escapeHtml(when)}</span>${options.ephemeral ? ' <span class="ephemeral-note">Only visible to you</span>' : ""}`;
  const place = { message: { channel: message.channel, ts: message.ts } };
  if (message.blocks?.length) div.append(renderBlocks(message.blocks, place));
  else div.insertAdjacentHTML("beforeend", `<div class="text">${renderMrkdwn(message.text ?? "", mrkdwnContext())}</div>`);
  for (const attachment of message.attachments ?? []) {
    const box = document.createElement("div");
    box.className = "block";
    box.style.borderLeft = `4px solid ${attachment.color ?? "#ddd"}`;
    box.style.paddingLeft = "8px";
    if (attachment.blocks) box.append(renderBlocks(attachment.blocks, place));
    else box.innerHTML = renderMrkdwn(attachment.text ?? attachment.fallback ?? "", mrkdwnContext());
    div.append(box);
  }
  if (message.reactions?.length) div.insertAdjacentHTML("beforeend", `<div class="reactions">${message.reactions.map((/** @type {Json} */ r) => `<span class="reaction">:${escapeHtml(r.name)}: ${r.count}</span>`).join(" ")}</div>`);
  if (!options.inThread && message.reply_count) {
    const link = document.createElement("button");
    link.type = "button";
    link.className = "replies-link";
    link.textContent = `${message.reply_count} ${message.reply_count === 1 ? "reply" : "replies"}`;
    link.onclick = () => openThread(message.ts);
    div.append(link);
  } else if (!options.inThread && !options.ephemeral) {
    const link = document.createElement("button");
    link.type = "button";
    link.className = "replies-link reply-start";
    link.textContent = "Reply in thread";
    link.onclick = () => openThread(message.ts);
    div.append(link);
  }
  return div;
}

/** @param {string} ts */
function openThread(ts) {
  ui.threadTs = ts;
  ui.renderedThread = "";
  render();
}

function channelMessages() {
  return /** @type {Json[]} */ (ui.state?.messages[ui.channel] ?? []);
}

function renderChannel() {
  const box = $("messages");
  if (ui.channel === HOME) {
    const home = ui.state?.home;
    const key = JSON.stringify(["home", home?.id, home?.hash, ui.state?.persona, ui.typed[home?.id ?? ""] ? 1 : 0]);
    if (key === ui.renderedMessages) return;
    ui.renderedMessages = key;
    box.innerHTML = "";
    if (!home) return void (box.innerHTML = '<div class="empty">App Home is opening…</div>');
    const div = document.createElement("div");
    div.className = "home";
    div.append(renderBlocks(home.blocks, { viewId: home.id, state: home.state }));
    box.append(div);
    return;
  }
  const top = channelMessages().filter((m) => !m.thread_ts || m.thread_ts === m.ts || m.reply_broadcast);
  const ephemerals = (ui.state?.ephemerals ?? []).filter((/** @type {Json} */ e) => e.channel === ui.channel && !e.thread_ts);
  const key = JSON.stringify([ui.channel, top, ephemerals, ui.state?.persona]);
  if (key === ui.renderedMessages) return;
  const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 40;
  ui.renderedMessages = key;
  box.innerHTML = "";
  const all = [...top.map((m) => ({ m, ephemeral: false })), ...ephemerals.map((/** @type {Json} */ m) => ({ m, ephemeral: true }))].sort((a, b) => Number(a.m.ts) - Number(b.m.ts));
  if (!all.length) box.innerHTML = '<div class="empty">No messages yet.</div>';
  for (const { m, ephemeral } of all) box.append(renderMessage(m, { ephemeral }));
  if (atBottom) box.scrollTop = box.scrollHeight;
}

function renderThread() {
  const pane = $("thread");
  if (!ui.threadTs || ui.channel === HOME) {
    pane.hidden = true;
    return;
  }
  pane.hidden = false;
  const replies = channelMessages().filter((m) => m.ts === ui.threadTs || m.thread_ts === ui.threadTs);
  const ephemerals = (ui.state?.ephemerals ?? []).filter((/** @type {Json} */ e) => e.channel === ui.channel && e.thread_ts === ui.threadTs);
  const key = JSON.stringify([ui.threadTs, replies, ephemerals]);
  if (key === ui.renderedThread) return;
  ui.renderedThread = key;
  const box = $("thread-messages");
  box.innerHTML = "";
  const all = [...replies.map((m) => ({ m, ephemeral: false })), ...ephemerals.map((/** @type {Json} */ m) => ({ m, ephemeral: true }))].sort((a, b) => Number(a.m.ts) - Number(b.m.ts));
  for (const { m, ephemeral } of all) box.append(renderMessage(m, { ephemeral, inThread: true }));
  box.scrollTop = box.scrollHeight;
}

// --- modals ------------------------------------------------------------------------------------

function renderModal() {
  const layer = $("modal-layer");
  const view = ui.state?.modals.at(-1);
  const key = view ? JSON.stringify([view.id, view.hash, ui.errors[view.id] ?? null]) : "";
  if (key === ui.renderedModal) return;
  ui.renderedModal = key;
  layer.innerHTML = "";
  if (!view) {
    layer.hidden = true;
    return;
  }
  layer.hidden = false;
  const modal = document.createElement("div");
  modal.className = "modal";
  modal.id = "modal";
  modal.dataset.viewId = view.id;
  modal.dataset.callbackId = view.callback_id ?? "";
  modal.innerHTML = `<header><span class="modal-title">${textHtml(view.title)}</span><button type="button" id="modal-x" aria-label="close">×</button></header>`;
  const body = document.createElement("div");
  body.className = "modal-body";
  body.append(renderBlocks(view.blocks, { viewId: view.id, state: view.state }));
  const footer = document.createElement("footer");
  footer.innerHTML = `<button type="button" id="modal-close">${textHtml(view.close ?? { type: "plain_text", text: "Cancel" })}</button>${view.submit ? `<button type="button" class="submit" id="modal-submit">${textHtml(view.submit)}</button>` : ""}`;
  modal.append(body, footer);
  layer.append(modal);
  const close = () => void post("close", { viewId: view.id });
  $("modal-x").onclick = close;
  $("modal-close").onclick = close;
  const submit = document.getElementById("modal-submit");
  if (submit) submit.onclick = () => void submitView(view);
}

/** @param {Json} view */
async function submitView(view) {
  const result = await post("submit", { viewId: view.id, values: typedFor(view.id) });
  if (result.body?.response_action === "errors") {
    ui.errors[view.id] = result.body.errors ?? {};
  } else if (result.error) {
    return;
  } else {
    delete ui.errors[view.id];
  }
  ui.renderedModal = "";
  renderModal();
}

// --- the frame -----------------------------------------------------------------------------------

function renderSidebar() {
  const state = ui.state;
  if (!state) return;
  const select = /** @type {HTMLSelectElement} */ ($("persona"));
  if (select.options.length !== state.personas.length) {
    select.innerHTML = "";
    for (const p of state.personas) select.append(new Option(`${p.name} — ${p.roles.join(", ")} (${p.branch})`, p.id));
  }
  select.value = ui.persona;
  const me = personaOf(ui.persona);
  $("persona-roles").textContent = me ? `${me.roles.join(", ")} · ${me.branch} · ${me.timeZone}` : "";
  const list = $("channels");
  const items = [...state.channels.map((/** @type {Json} */ c) => ({ id: c.id, label: c.dm ? c.name : `# ${c.name}` })), { id: HOME, label: "App Home" }];
  const key = JSON.stringify(items) + ui.channel;
  if (list.dataset.key !== key) {
    list.dataset.key = key;
    list.innerHTML = "";
    for (const item of items) {
      const li = document.createElement("li");
      li.textContent = item.label;
      li.dataset.channel = item.id;
      li.className = item.id === ui.channel ? "active" : "";
      li.onclick = () => selectChannel(item.id);
      list.append(li);
    }
  }
  const now = new Date(state.now);
  $("clock-now").textContent = new Intl.DateTimeFormat("en-GB", { timeZone: me?.timeZone ?? "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }).format(now);
  const channel = state.channels.find((/** @type {Json} */ c) => c.id === ui.channel);
  $("channel-header").textContent = ui.channel === HOME ? "App Home — Service Desk" : channel ? (channel.dm ? channel.name : `# ${channel.name}`) : "";
  $("composer").hidden = ui.channel === HOME;
}

function renderProblems() {
  const banner = $("banner");
  const fresh = (ui.state?.problems ?? []).filter((/** @type {Json} */ p) => p.seq > ui.problemsSeen);
  if (!fresh.length) {
    banner.hidden = true;
    return;
  }
  banner.hidden = false;
  banner.innerHTML = `<button type="button" id="banner-dismiss">Dismiss</button><strong>Real Slack would refuse this:</strong>${fresh.map((/** @type {Json} */ p) => `<div class="problem">${escapeHtml(p.text)}</div>`).join("")}`;
  $("banner-dismiss").onclick = () => {
    ui.problemsSeen = Math.max(...fresh.map((/** @type {Json} */ p) => p.seq));
    sessionStorage.setItem("sandbox.problemsSeen", String(ui.problemsSeen));
    renderProblems();
  };
}

function render() {
  renderSidebar();
  renderChannel();
  renderThread();
  renderModal();
  renderProblems();
}

/** @param {string} id */
function selectChannel(id) {
  ui.channel = id;
  ui.threadTs = null;
  ui.renderedMessages = "";
  if (id === HOME && ui.homeOpened !== ui.persona) {
    ui.homeOpened = ui.persona;
    void post("home", {});
  }
  render();
}

async function refresh() {
  const response = await fetch(`/api/state?persona=${encodeURIComponent(ui.persona)}`);
  ui.state = await response.json();
  if (!ui.persona || ui.persona !== ui.state?.persona) ui.persona = ui.state?.persona ?? "";
  if (!ui.channel) ui.channel = ui.state?.channels[0]?.id ?? "";
  render();
}

function wire() {
  $("persona").onchange = () => {
    ui.persona = /** @type {HTMLSelectElement} */ ($("persona")).value;
    localStorage.setItem("sandbox.persona", ui.persona);
    ui.homeOpened = "";
    ui.renderedMessages = "";
    ui.renderedModal = "";
    ui.renderedThread = "";
    const dm = ui.state?.channels.find((/** @type {Json} */ c) => c.dm);
    if (dm && ui.channel === dm.id) ui.channel = `D${ui.persona.slice(1)}`;
    void refresh().then(() => ui.channel === HOME && selectChannel(HOME));
  };
  $("composer").onsubmit = (event) => {
    event.preventDefault();
    const input = /** @type {HTMLInputElement} */ ($("composer-text"));
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    void post(text.startsWith("/") ? "command" : "message", { channel: ui.channel, text });
  };
  $("thread-composer").onsubmit = (event) => {
    event.preventDefault();
    const input = /** @type {HTMLInputElement} */ ($("thread-text"));
    const text = input.value.trim();
    if (!text || !ui.threadTs) return;
    input.value = "";
    void post("message", { channel: ui.channel, threadTs: ui.threadTs, text });
  };
  $("thread-close").onclick = () => {
    ui.threadTs = null;
    render();
  };
  const moveClock = async (/** @type {Json} */ body) => {
    document.body.classList.add("clock-moving");
    await post("clock", body);
    document.body.classList.remove("clock-moving");
  };
  $("clock-plus-hour").onclick = () => void moveClock({ by: 3_600_000 });
  $("clock-to").onclick = () => void moveClock({ to: /** @type {HTMLInputElement} */ ($("clock-to-time")).value });
  $("clock-next-day").onclick = () => void moveClock({ nextWorkingDayAt: "09:00" });
}

wire();
void refresh();
setInterval(() => void refresh().catch(() => undefined), POLL_MS);
