import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import YAML from "yaml";
import { registerHandlers, type HandlerDeps, type HandlerRegistry } from "../../src/handlers";
import * as ids from "../../src/views/ids";

const root = path.resolve(__dirname, "../..");
const manifest = YAML.parse(fs.readFileSync(path.join(root, "manifest.yml"), "utf8"));

/** Registers the real handlers on a recorder, to learn what the code listens to. */
function recordListeners() {
  const seen = { commands: [] as string[], actions: [] as string[], views: [] as string[], events: [] as string[], shortcuts: [] as string[], options: [] as string[], messages: 0 };
  const idOf = (constraint: unknown) => (typeof constraint === "string" ? constraint : String((constraint as { action_id?: string; callback_id?: string }).action_id ?? (constraint as { callback_id?: string }).callback_id));
  const recorder = {
    use: () => recorder,
    command: (name: unknown) => seen.commands.push(String(name)),
    action: (c: unknown) => seen.actions.push(idOf(c)),
    view: (c: unknown) => seen.views.push(idOf(c)),
    event: (name: unknown) => seen.events.push(String(name)),
    shortcut: (c: unknown) => seen.shortcuts.push(idOf(c)),
    options: (c: unknown) => seen.options.push(idOf(c)),
    message: () => (seen.messages += 1),
  } as unknown as HandlerRegistry;
  registerHandlers(recorder, {} as HandlerDeps);
  return seen;
}

function schemaFor(majorVersion: number) {
  // Slack's published schemas, kept in the project with their licence (test/fixtures/slack-manifest-schema/README.md).
  const file = path.join(root, "test/fixtures/slack-manifest-schema", `manifest.schema.${majorVersion === 2 ? "2.0.0" : "1.0.0"}.json`);
  const schema = JSON.parse(fs.readFileSync(file, "utf8"));
  delete schema.$schema; // points at a remote URL that cannot be fetched here
  return schema;
}

describe("manifest.yml", () => {
  const listeners = recordListeners();

  it("is valid against Slack's published manifest schema", () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schemaFor(manifest._metadata?.major_version ?? 1));
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("declares every slash command the code listens to", () => {
    const declared = (manifest.features.slash_commands ?? []).map((c: { command: string }) => c.command);
    expect(listeners.commands.length).toBeGreaterThan(0);
    expect(declared).toEqual(expect.arrayContaining(listeners.commands));
    expect(declared.sort()).toEqual([...new Set(listeners.commands)].sort());
  });

  it("subscribes to every event the code listens to, with the scopes they need", () => {
    const botEvents: string[] = manifest.settings.event_subscriptions.bot_events;
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    expect(botEvents).toEqual(expect.arrayContaining(listeners.events));
    if (listeners.messages > 0) {
      expect(botEvents).toEqual(expect.arrayContaining(["message.channels", "message.groups", "message.im"]));
    }
    const scopeFor: Record<string, string> = { "message.channels": "channels:history", "message.groups": "groups:history", "message.im": "im:history", app_mention: "app_mentions:read" };
    for (const event of botEvents) if (scopeFor[event]) expect(scopes).toContain(scopeFor[event]);
    expect(scopes).toEqual(expect.arrayContaining(["commands", "chat:write"]));
  });

  it("declares every shortcut callback id and enables interactivity for buttons, modals and menus", () => {
    const declared = (manifest.features.shortcuts ?? []).map((s: { callback_id: string }) => s.callback_id);
    expect(declared.sort()).toEqual([...new Set(listeners.shortcuts)].sort());
    if (listeners.actions.length + listeners.views.length + listeners.options.length + listeners.shortcuts.length > 0) {
      expect(manifest.settings.interactivity.is_enabled).toBe(true);
    }
  });

  it("runs in Socket Mode with the App Home tab on", () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it("only listens to action, view, shortcut and option ids defined in views/ids.ts, each within Slack's 255 characters", () => {
    const known = new Set<string>([ids.ACTIONS, ids.VIEWS, ids.SHORTCUTS].flatMap((group) => Object.values(group) as string[]));
    for (const id of [...listeners.actions, ...listeners.views, ...listeners.shortcuts, ...listeners.options]) {
      expect(known).toContain(id);
      expect(id.length).toBeLessThanOrEqual(255);
    }
    const allIds = [ids.ACTIONS, ids.VIEWS, ids.SHORTCUTS, ids.BLOCKS].flatMap((group) => Object.values(group) as string[]);
    expect(new Set(allIds).size).toBe(allIds.length);
  });
});
