import { validateView } from "../../../src/sandbox/slack/block-kit-validator";
import { buildAssignModal, readAssignSubmission } from "../../../src/views/assign-modal";
import { buildCancelModal, readCancelSubmission } from "../../../src/views/cancel-modal";
import { BLOCKS, INPUTS, VIEWS } from "../../../src/views/ids";
import { buildScheduleModal, readScheduleSubmission } from "../../../src/views/schedule-modal";
import { readTicketModalMetadata } from "../../../src/views/ticket-modal-common";
import { NOW, person, submitted, technician, textOf, ticketCard } from "./fixtures";

type Options = { text: { text: string }; value: string; description?: { text: string } }[];
const technicianOptions = (view: ReturnType<typeof buildAssignModal>) =>
  (view.blocks.find((b) => b.block_id === BLOCKS.assignTechnician) as unknown as { element: { type: string; options: Options } }).element;

describe("assign modal (R5)", () => {
  it("lists technicians most suitable first with today's load and area, away ones last and marked", () => {
    const away = technician({ name: "Park Away", available: false });
    const kim = technician({ name: "Kim Minsu", openTickets: 2, visitsToday: 1, areas: ["URBAN"] });
    const lee = technician({ name: "Lee Suburb", openTickets: 0, visitsToday: 0, areas: ["SUBURBAN"], coversArea: false, skills: [] });
    const card = ticketCard();
    const view = buildAssignModal({ card, suggestions: [away, kim, lee], now: NOW });
    expect(validateView(view)).toEqual([]);
    expect(view.callback_id).toBe(VIEWS.assign);
    const element = technicianOptions(view);
    expect(element.type).toBe("radio_buttons");
    expect(element.options.map((o) => o.text.text)).toEqual([
      "Kim Minsu · 2 open · 1 visit today · urban",
      "Lee Suburb · 0 open · 0 visits today · suburban",
      "Park Away · 2 open · 1 visit today · urban (away)",
    ]);
    expect(element.options[1].description?.text).toBe("does not cover this area");
    expect(element.options[0].description?.text).toBe("Skills: compressors");
    expect(textOf(view.blocks)).toContain(card.voucherNo);
    expect(textOf(view.blocks)).toContain("Arrival deadline: <!date^");
    expect(readTicketModalMetadata(view.private_metadata)).toEqual({ ticketId: card.id, channelId: "C0DISPATCH", messageTs: card.slackMessage!.ts });
  });

  it("says Re-assign and marks the current technician", () => {
    const current = person({ name: "Kim Minsu" });
    const view = buildAssignModal({ card: ticketCard({ status: "ASSIGNED", technician: current }), suggestions: [technician({ name: "Kim Minsu", currentlyAssigned: true })], now: NOW });
    expect(view.title.text).toBe("Re-assign technician");
    expect(technicianOptions(view).options[0].text.text).toContain("(current)");
    expect(textOf(view.blocks)).toContain(`Now assigned to <@${current.slackUserId}>`);
  });

  it("switches to a select for more than 10 technicians and stays inside Slack's limits with 120 long-named ones", () => {
    const suggestions = Array.from({ length: 120 }, (_, i) => technician({ name: `Technician with a very very long name number ${i} `.repeat(3), available: i % 2 === 0, areas: ["URBAN", "SUBURBAN"], openTickets: 12, visitsToday: 10 }));
    const view = buildAssignModal({ card: ticketCard({ faultDescription: "F".repeat(5000) }), suggestions, now: NOW });
    expect(validateView(view)).toEqual([]);
    const element = technicianOptions(view);
    expect(element.type).toBe("static_select");
    expect(element.options).toHaveLength(100);
    expect(element.options.every((o) => o.text.text.length <= 75)).toBe(true);
    expect(element.options.at(-1)!.text.text).toContain("(away)");
    expect(textOf(view.blocks)).toContain("20 more technicians are not listed");
  });

  it("says so when the branch has no technicians, without a submit button", () => {
    const view = buildAssignModal({ card: ticketCard(), suggestions: [], now: NOW });
    expect(validateView(view)).toEqual([]);
    expect(view.submit).toBeUndefined();
    expect(textOf(view.blocks)).toContain("no technicians");
  });

  describe("readAssignSubmission", () => {
    const card = ticketCard();
    const tech = technician();
    const view = buildAssignModal({ card, suggestions: [tech], now: NOW });

    it("reads the technician, a note and an appointment window", () => {
      const values = submitted(view.blocks, {
        [BLOCKS.assignTechnician]: String(tech.staffId),
        [BLOCKS.assignNote]: " Bring a spare E4 board ",
        [BLOCKS.assignAppointmentStart]: 1772438400,
        [BLOCKS.assignAppointmentEnd]: 1772445600,
      });
      expect(readAssignSubmission(values, view.private_metadata!)).toEqual({
        ok: true,
        ticketId: card.id,
        technicianStaffId: tech.staffId,
        note: "Bring a spare E4 board",
        appointment: { start: new Date(1772438400 * 1000), end: new Date(1772445600 * 1000) },
      });
    });

    it("needs a technician, and both ends of an appointment or none", () => {
      expect(readAssignSubmission(submitted(view.blocks, { [BLOCKS.assignAppointmentStart]: 1772438400 }), view.private_metadata!)).toEqual({
        ok: false,
        errors: { [BLOCKS.assignTechnician]: "Choose a technician.", [BLOCKS.assignAppointmentEnd]: expect.stringContaining("both") },
      });
    });

    it("refuses an appointment that ends before it starts", () => {
      const values = submitted(view.blocks, { [BLOCKS.assignTechnician]: String(tech.staffId), [BLOCKS.assignAppointmentStart]: 1772445600, [BLOCKS.assignAppointmentEnd]: 1772438400 });
      expect(readAssignSubmission(values, view.private_metadata!)).toEqual({ ok: false, errors: { [BLOCKS.assignAppointmentEnd]: "The appointment must end after it starts." } });
    });
  });
});

describe("schedule visit modal", () => {
  const card = ticketCard({ appointment: { start: new Date("2026-03-03T01:00:00Z"), end: new Date("2026-03-03T03:00:00Z") } });
  const view = buildScheduleModal({ card, now: NOW });

  it("starts from the current appointment and is accepted by Slack", () => {
    expect(validateView(view)).toEqual([]);
    expect(view.callback_id).toBe(VIEWS.schedule);
    expect(textOf(view.blocks)).toContain('"initial_date_time":1772499600');
    expect(readScheduleSubmission(submitted(view.blocks), view.private_metadata!)).toEqual({ ok: true, ticketId: card.id, start: card.appointment!.start, end: card.appointment!.end });
  });

  it("needs both ends, the end after the start", () => {
    const empty = buildScheduleModal({ card: ticketCard(), now: NOW });
    expect(readScheduleSubmission(submitted(empty.blocks), empty.private_metadata!)).toEqual({ ok: false, errors: { [BLOCKS.scheduleStart]: expect.any(String), [BLOCKS.scheduleEnd]: expect.any(String) } });
    const backwards = submitted(view.blocks, { [BLOCKS.scheduleEnd]: 1772496000 });
    expect(readScheduleSubmission(backwards, view.private_metadata!)).toEqual({ ok: false, errors: { [BLOCKS.scheduleEnd]: "The visit must end after it starts." } });
  });
});

describe("cancel modal", () => {
  const card = ticketCard({ customer: { ...ticketCard().customer, name: "<b>&Co" } });
  const view = buildCancelModal({ card });

  it("asks for a reason and is accepted by Slack", () => {
    expect(validateView(view)).toEqual([]);
    expect(view.callback_id).toBe(VIEWS.cancel);
    expect(textOf(view.blocks)).toContain(`Cancel *${card.voucherNo}* for &lt;b&gt;&amp;Co?`);
  });

  it("requires the reason", () => {
    expect(readCancelSubmission(submitted(view.blocks, { [BLOCKS.cancelReason]: "   " }), view.private_metadata!)).toEqual({ ok: false, errors: { [BLOCKS.cancelReason]: "Say why the call is cancelled." } });
    expect(readCancelSubmission(submitted(view.blocks, { [BLOCKS.cancelReason]: "Customer fixed it" }), view.private_metadata!)).toEqual({ ok: true, ticketId: card.id, reason: "Customer fixed it" });
  });

  it("treats a view without its ticket id as a bug, not as the user's mistake", () => {
    expect(() => readCancelSubmission({ [BLOCKS.cancelReason]: { [INPUTS.cancelReason]: { type: "plain_text_input", value: "x" } } }, "{}")).toThrow(/private_metadata/);
  });
});
