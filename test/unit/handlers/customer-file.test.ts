// R23: the customer's file listeners with a fake ack and client: inside a modal a refusal or a bad
// value is pushed as a notice (there is no response_url); a pick in the type-ahead updates the
// view in place, and a refusal there keeps the type-ahead with why.
import type { ModalView } from "@slack/types";
import { AppError } from "../../../src/errors";
import { customerFileButton, customerFileChosen } from "../../../src/handlers/actions/customer-file";
import type { HandlerDeps } from "../../../src/handlers/types";
import type { Log } from "../../../src/logger";
import type { CustomerFile } from "../../../src/services/customers/models";
import { ACTIONS, BLOCKS, VIEWS } from "../../../src/views/ids";

const log: Log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const forbidden = new AppError("FORBIDDEN", { message: "not allowed: customer.view-file", details: { action: "customer.view-file", rolesAllowed: ["DISPATCHER", "DIRECTOR", "MANAGER"] } });

const file: CustomerFile = {
  customer: { id: 5, code: "CU5", name: "Hanbit Foods", grade: "A", phone: "02-555-0101", address: "1 Main St", contactPerson: null, area: "URBAN", branchName: "Seoul" },
  timeZone: "Asia/Seoul",
  currency: "KRW",
  equipment: [],
  contracts: [],
  openCalls: [],
  closedCalls: [],
  surveys: [],
  complaints: [],
  totals: { equipment: 0, contracts: 0, openCalls: 0, closedCalls: 0, surveys: 0, complaints: 0 },
};

function depsWith(getCustomerFile: () => Promise<CustomerFile>): HandlerDeps {
  const services = { resolveActor: async () => ({ slackUserId: "U1" }), getCustomerFile };
  return { services, log, clock: { now: () => new Date() }, jobNames: [] } as unknown as HandlerDeps;
}

function fakeClient() {
  const pushed: ModalView[] = [];
  const updated: { view_id: string; hash?: string; view: ModalView }[] = [];
  const client = {
    views: {
      push: async ({ view }: { view: ModalView }) => void pushed.push(view),
      update: async (args: { view_id: string; hash?: string; view: ModalView }) => void updated.push(args),
      open: async () => ({ ok: true, view: { id: "V0NEW" } }),
    },
    chat: { postMessage: async () => ({ ok: true }) },
  };
  return { client, pushed, updated };
}

const inModal = { id: "V0INTAKE", hash: "h1", callback_id: VIEWS.intake };

describe("customer's file listeners (R23)", () => {
  it("R23: Customer's file inside the intake modal pushes the file", async () => {
    const { client, pushed } = fakeClient();
    const ack = jest.fn(async () => undefined);
    const body = { user: { id: "U1" }, trigger_id: "T1", view: inModal, actions: [{ action_id: ACTIONS.customerFileOpen, value: "5" }] };
    await customerFileButton(depsWith(async () => file))({ ack, body, client } as never);
    expect(ack).toHaveBeenCalled();
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({ callback_id: VIEWS.customerFile, private_metadata: "5" });
  });

  it("R23: a refusal inside a modal is pushed as a notice naming who may", async () => {
    const { client, pushed } = fakeClient();
    const body = { user: { id: "U1" }, trigger_id: "T1", view: inModal, actions: [{ action_id: ACTIONS.customerFileOpen, value: "5" }] };
    await customerFileButton(depsWith(async () => Promise.reject(forbidden)))({ ack: async () => undefined, body, client } as never);
    expect(JSON.stringify(pushed[0].blocks)).toContain("can open a customer's file");
  });

  it("R23: a value that is not a customer id is told as a failure, not thrown", async () => {
    const { client, pushed } = fakeClient();
    const body = { user: { id: "U1" }, trigger_id: "T1", view: inModal, actions: [{ action_id: ACTIONS.customerFileOpen, value: "drop table" }] };
    await customerFileButton(depsWith(async () => file))({ ack: async () => undefined, body, client } as never);
    expect(JSON.stringify(pushed[0].blocks)).toContain("Sorry, that failed");
  });

  it("R23: the type-ahead's pick updates the modal in place; a refusal keeps the type-ahead; 'no match' changes nothing", async () => {
    const view = { id: "V0FILE", hash: "h2", callback_id: VIEWS.customerFile };
    const pick = (value: string) => ({ user: { id: "U1" }, view, actions: [{ action_id: ACTIONS.customerFileSelect, selected_option: { value } }] });

    const ok = fakeClient();
    await customerFileChosen(depsWith(async () => file))({ ack: async () => undefined, body: pick("5"), client: ok.client } as never);
    expect(ok.updated).toEqual([expect.objectContaining({ view_id: "V0FILE", hash: "h2", view: expect.objectContaining({ private_metadata: "5" }) })]);

    const refused = fakeClient();
    await customerFileChosen(depsWith(async () => Promise.reject(forbidden)))({ ack: async () => undefined, body: pick("6"), client: refused.client } as never);
    expect(refused.updated[0].view.blocks[0]).toMatchObject({ block_id: BLOCKS.customerFileFinder });
    expect(JSON.stringify(refused.updated[0].view.blocks)).toContain("can open a customer's file");

    const none = fakeClient();
    await customerFileChosen(depsWith(async () => file))({ ack: async () => undefined, body: pick("none"), client: none.client } as never);
    expect(none.updated).toEqual([]);
  });
});
