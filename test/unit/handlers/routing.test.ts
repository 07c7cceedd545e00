import type { HandlerRegistry } from "../../../src/handlers";
import { routedById } from "../../../src/handlers/routing";

/** A registry that keeps what Bolt would be given. */
function boltLike() {
  const registered: { kind: string; constraint: unknown; listeners: ((args: unknown) => Promise<void>)[] }[] = [];
  const record = (kind: string) => (constraint: unknown, ...listeners: ((args: unknown) => Promise<void>)[]) => registered.push({ kind, constraint, listeners });
  const registry = {
    use: () => undefined,
    command: record("command"),
    event: record("event"),
    message: record("message"),
    action: record("action"),
    view: record("view"),
    shortcut: record("shortcut"),
    options: record("options"),
  } as unknown as HandlerRegistry;
  return { registry, registered };
}

describe("listeners routed by id", () => {
  it("gives Bolt one listener per kind, which calls the listener of the request's id only", async () => {
    const { registry, registered } = boltLike();
    const calls: string[] = [];
    const routed = routedById(registry);
    routed.action("ticket_assign", (async () => void calls.push("assign")) as never);
    routed.action("ticket_cancel", (async () => void calls.push("cancel")) as never);
    routed.view("intake_modal", (async () => void calls.push("intake")) as never);
    routed.shortcut("create_repair_call", (async () => void calls.push("shortcut")) as never);
    routed.options("customer_select", (async () => void calls.push("options")) as never);

    expect(registered.map((r) => r.kind)).toEqual(["action", "view", "shortcut", "options"]);
    const [action, view, shortcut, options] = registered.map((r) => r.listeners[0]);
    await action({ payload: { action_id: "ticket_cancel" } });
    await action({ payload: { action_id: "someone_elses_button" } });
    await view({ payload: { callback_id: "intake_modal" } });
    await shortcut({ payload: { callback_id: "create_repair_call" } });
    await options({ payload: { action_id: "customer_select" } });
    expect(calls).toEqual(["cancel", "intake", "shortcut", "options"]);
  });

  it("refuses two listeners for one id, and leaves other constraints and kinds to Bolt", () => {
    const { registry, registered } = boltLike();
    const routed = routedById(registry);
    const listener = (async () => undefined) as never;
    routed.action("ticket_assign", listener);
    expect(() => routed.action("ticket_assign", listener)).toThrow("two action listeners for ticket_assign");
    routed.action({ block_id: "actions", action_id: "x" } as never, listener);
    routed.command("/repair", listener);
    routed.event("app_home_opened", listener);
    expect(registered.map((r) => [r.kind, r.constraint])).toEqual([
      ["action", /^/],
      ["action", { block_id: "actions", action_id: "x" }],
      ["command", "/repair"],
      ["event", "app_home_opened"],
    ]);
  });
});
