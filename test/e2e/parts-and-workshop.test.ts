// Issue 4/5: parts on loan (R14) and bench repairs (R11), through the real HTTP endpoint against
// the Slack fake: `/repair parts` borrow and return through the modals, and a bench-repair cycle
// from the workshop register to the return with the customer's signature.
import { DISPATCH, deskSteps, useDeskApp } from "../support/desk";
import { createPart } from "../support/factories/data";
import { issueCustodyReceipt } from "../../src/services/workshop/issue-custody-receipt";
import { ACTIONS, BLOCKS, INPUTS } from "../../src/views/ids";

const app = useDeskApp();
const { seedDesk, registerCall } = deskSteps(app);

async function replyTo(responseUrl: string) {
  const [reply] = await app.current.slack.waitFor((fake) => (fake.responsesTo(responseUrl).length ? fake.responsesTo(responseUrl) : undefined));
  return reply;
}

/** The newest ephemeral message the user sees whose text matches. */
async function ephemeral(userId: string, text: RegExp) {
  return app.current.slack.waitFor((fake) => fake.ephemeralsFor(userId).filter((e) => text.test(JSON.stringify(e.blocks))).at(-1));
}

describe("parts on loan and the workshop (end to end)", () => {
  it("R14: `/repair parts` lists the stock; Borrow refuses more than is in stock inline, then lends; Return brings the unused units back", async () => {
    const { branch } = await seedDesk();
    const { slack } = app.current;
    const prisma = app.current.database.prisma;
    const part = await createPart(prisma, { partNo: "P-1001", name: "Fan motor", stock: [{ branchId: branch.id, quantity: 3 }] });

    const command = await slack.driver.sendCommand({ text: "parts P-10", userId: "U0TECH1", channelId: DISPATCH });
    expect(command.problems).toEqual([]);
    const listed = JSON.stringify((await replyTo(command.responseUrl!)).body);
    expect(listed).toContain("P-1001");
    expect(listed).toContain("3 in stock");
    expect(listed).toContain("no parts on loan");

    const message = await ephemeral("U0TECH1", /Fan motor/);
    await slack.driver.sendBlockActions({ userId: "U0TECH1", message, actions: [{ action_id: ACTIONS.partsBorrowOpen }] });
    const modal = await slack.waitFor((fake) => fake.openModal("U0TECH1"));
    const suggestion = await slack.driver.sendBlockSuggestion({ userId: "U0TECH1", view: modal, actionId: ACTIONS.partsBorrowPartSelect, blockId: BLOCKS.partsBorrowPart, value: "fan" });
    expect(suggestion.problems).toEqual([]);
    expect(JSON.stringify(suggestion.body)).toContain("P-1001 Fan motor (3 in stock)");

    const tooMany = await slack.driver.sendViewSubmission({
      userId: "U0TECH1",
      view: modal,
      values: { [BLOCKS.partsBorrowPart]: { [ACTIONS.partsBorrowPartSelect]: String(part.id) }, [BLOCKS.partsBorrowQuantity]: { [INPUTS.partsQuantity]: "5" } },
    });
    expect(tooMany.problems).toEqual([]);
    expect(tooMany.body).toMatchObject({ response_action: "errors", errors: { [BLOCKS.partsBorrowQuantity]: "Only 3 in stock." } });
    expect(await prisma.partLoan.count()).toBe(0);

    const borrow = await slack.driver.sendViewSubmission({
      userId: "U0TECH1",
      view: modal,
      values: { [BLOCKS.partsBorrowPart]: { [ACTIONS.partsBorrowPartSelect]: String(part.id) }, [BLOCKS.partsBorrowQuantity]: { [INPUTS.partsQuantity]: "2" } },
    });
    expect(borrow.problems).toEqual([]);
    expect(JSON.stringify(borrow.body)).toContain("You borrowed 2");
    const loan = await prisma.partLoan.findFirstOrThrow();
    expect(loan).toMatchObject({ partId: part.id, quantity: 2, status: "OUT" });
    expect(await prisma.partStock.findFirstOrThrow({ where: { partId: part.id } })).toMatchObject({ quantity: 1 });

    const again = await slack.driver.sendCommand({ text: "parts", userId: "U0TECH1", channelId: DISPATCH });
    expect(JSON.stringify((await replyTo(again.responseUrl!)).body)).toContain("left 2");
    const withLoan = await ephemeral("U0TECH1", /left 2/);
    await slack.driver.sendBlockActions({ userId: "U0TECH1", message: withLoan, actions: [{ action_id: ACTIONS.partsReturnOpen }] });
    const returnModal = await slack.waitFor((fake) => {
      const view = fake.openModal("U0TECH1");
      return view && JSON.stringify(view).includes(`${BLOCKS.partsReturnLinePrefix}${loan.id}`) ? view : undefined;
    });
    const returned = await slack.driver.sendViewSubmission({
      userId: "U0TECH1",
      view: returnModal,
      values: { [`${BLOCKS.partsReturnLinePrefix}${loan.id}`]: { [INPUTS.partsReturnQuantity]: "1" } },
    });
    expect(returned.problems).toEqual([]);
    expect(JSON.stringify(returned.body)).toContain("Returned to the stock: 1 × P-1001");
    expect(await prisma.partLoan.findUniqueOrThrow({ where: { id: loan.id } })).toMatchObject({ quantityReturned: 1, status: "OUT" });
    expect(await prisma.partStock.findFirstOrThrow({ where: { partId: part.id } })).toMatchObject({ quantity: 2 });
  });

  it("R11: an item in the workshop is shown in `/repair register`, its state is changed there, and it goes back signed: receipt void, call resolved", async () => {
    const { ticket, tech1 } = await registerCall();
    const { slack } = app.current;
    const prisma = app.current.database.prisma;
    // The visit took the item back to the workshop (the Report work modal's outcome).
    await prisma.ticket.update({ where: { id: ticket.id }, data: { status: "IN_WORKSHOP", assignedTechnicianId: tech1.id } });
    const receipt = await prisma.$transaction((tx) =>
      issueCustodyReceipt(tx, {
        ticketId: ticket.id,
        voucherNo: ticket.voucherNo,
        receivedById: tech1.id,
        actorSlackUserId: tech1.slackUserId,
        receipt: { items: "AC-900 compressor unit", condition: "Dented side panel" },
        at: new Date("2026-11-23T00:30:00Z"),
      }),
    );
    const ticketMessage = slack.messagesIn(DISPATCH)[0];
    const thread = () => slack.messagesIn(DISPATCH, ticketMessage.ts).filter((m) => m.ts !== ticketMessage.ts);

    const register = await slack.driver.sendCommand({ text: "register", userId: "U0TECH1", channelId: DISPATCH });
    expect(register.problems).toEqual([]);
    const shown = JSON.stringify((await replyTo(register.responseUrl!)).body);
    expect(shown).toContain(receipt.number);
    expect(shown).toContain("Hanbit Foods");
    expect(shown).toContain("Waiting for repair");

    const listing = await ephemeral("U0TECH1", new RegExp(receipt.number));
    const select = await slack.driver.sendBlockActions({
      userId: "U0TECH1",
      message: listing,
      actions: [{ action_id: ACTIONS.registerStateSelect, block_id: `${BLOCKS.registerItemPrefix}${receipt.id}`, value: `${receipt.id}:REPAIRED` }],
    });
    expect(select.problems).toEqual([]);
    await slack.waitFor(() => thread().find((m) => m.text.includes(`${receipt.number} is now *Repaired*`)));
    expect(await prisma.custodyReceipt.findUniqueOrThrow({ where: { id: receipt.id } })).toMatchObject({ state: "REPAIRED" });

    await slack.driver.sendBlockActions({ userId: "U0TECH1", actions: [{ action_id: ACTIONS.ticketReturnItem, value: String(ticket.id) }] });
    const modal = await slack.waitFor((fake) => {
      const view = fake.openModal("U0TECH1");
      return view && JSON.stringify(view).includes(BLOCKS.custodyReturnSignedBy) ? view : undefined;
    });
    const submit = await slack.driver.sendViewSubmission({
      userId: "U0TECH1",
      view: modal,
      values: { [BLOCKS.custodyReturnSignedBy]: { [INPUTS.custodySignedBy]: "Choi Mina" }, [BLOCKS.custodyReturnNote]: { [INPUTS.custodyNote]: "Tested for an hour" } },
    });
    expect(submit.problems).toEqual([]);
    await slack.waitFor(() => thread().find((m) => m.text.includes("signed by Choi Mina") && m.text.includes("void")));
    expect(await prisma.custodyReceipt.findUniqueOrThrow({ where: { id: receipt.id } })).toMatchObject({ state: "RETURNED", returnSignedBy: "Choi Mina" });
    expect((await prisma.custodyReceipt.findUniqueOrThrow({ where: { id: receipt.id } })).voidedAt).not.toBeNull();
    expect(await prisma.goodsMovement.count({ where: { receiptId: receipt.id, direction: "OUT" } })).toBe(1);
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "RESOLVED" });

    const after = await slack.driver.sendCommand({ text: "register", userId: "U0DISP", channelId: DISPATCH });
    const afterText = JSON.stringify((await replyTo(after.responseUrl!)).body);
    expect(afterText).toContain("Nothing is in the workshop");
    expect(afterText).toContain("Returned in the last 7 days");
  });
});
