// Bolt runs the matching middleware of every registered listener for every request. With our ~50
// listeners that doubled what an ack costs in CPU next to an app of five (measured: 0.29 → 0.61 ms
// per request with 60 listeners added to a bare Bolt app). So each kind of interaction keyed by an
// id — actions, view submissions, shortcuts, options — gets one Bolt listener, which finds the
// listener registered for the request's id in a map. Commands, events and messages (one listener
// each) go to Bolt as they are.
import type { HandlerRegistry } from "./index";

type KeyedKind = "action" | "view" | "shortcut" | "options";
type Register = (constraint: unknown, ...listeners: unknown[]) => unknown;
type Listener = (args: RoutedArgs) => Promise<void>;
type RoutedArgs = { payload?: { action_id?: unknown; callback_id?: unknown } };

/** Matches every id: the safety net (middleware/safety-net.ts) has already answered the ids nobody listens to. */
const ANY_ID = /^/;

/** Registers on `registry` itself, whatever its method's precise Bolt type. */
export function registerOn(registry: HandlerRegistry, kind: KeyedKind): Register {
  return (constraint, ...listeners) => (registry[kind] as Register).call(registry, constraint, ...listeners);
}

/** `registry` with the registration of its keyed kinds replaced by `replace(kind)`; commands, events and messages as they are. */
export function replacingKeyedKinds(registry: HandlerRegistry, replace: (kind: KeyedKind) => Register): HandlerRegistry {
  return {
    use: registry.use.bind(registry),
    command: registry.command.bind(registry),
    event: registry.event.bind(registry),
    message: registry.message.bind(registry),
    action: replace("action") as HandlerRegistry["action"],
    view: replace("view") as HandlerRegistry["view"],
    shortcut: replace("shortcut") as HandlerRegistry["shortcut"],
    options: replace("options") as HandlerRegistry["options"],
  };
}

// block_actions: the payload is the action; block_suggestion: the request, with its action_id;
// view_submission: the payload is the view; shortcuts: the shortcut.
const ID_OF: Record<KeyedKind, (args: RoutedArgs) => unknown> = {
  action: (args) => args.payload?.action_id,
  options: (args) => args.payload?.action_id,
  view: (args) => args.payload?.callback_id,
  shortcut: (args) => args.payload?.callback_id,
};

/** `registry` with its keyed kinds routed by id through one Bolt listener each. */
export function routedById(registry: HandlerRegistry): HandlerRegistry {
  return replacingKeyedKinds(registry, (kind) => {
    const register = registerOn(registry, kind);
    const listeners = new Map<string, Listener>();
    return (constraint, ...chain) => {
      // Anything but "one listener for one id" keeps Bolt's own matching.
      if (typeof constraint !== "string" || chain.length !== 1) return register(constraint, ...chain);
      if (listeners.has(constraint)) throw new Error(`two ${kind} listeners for ${constraint}`);
      if (listeners.size === 0) {
        register(ANY_ID, async (args: RoutedArgs) => {
          const id = ID_OF[kind](args);
          const listener = typeof id === "string" ? listeners.get(id) : undefined;
          if (listener) await listener(args);
        });
      }
      listeners.set(constraint, chain[0] as Listener);
      return registry;
    };
  });
}
