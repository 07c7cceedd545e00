// The newcomer's tour of `npm run sandbox` in a real browser: the demo company's people use the desk
// through the page, the bot answers through the Slack stand-in, and the sandbox's clock brings the
// evening's jobs. Screenshots of each step go to sandbox-screenshots/ (README, "Sandbox").
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { silentLog } from "../../src/logger";
import { startDesk, type Desk } from "../../src/sandbox/desk";
import { SandboxPages } from "../../src/sandbox/page-server";
import { ACTIONS, BLOCKS } from "../../src/views/ids";
import { useBrowser } from "../support/browser";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { eventually } from "../support/eventually";

const SCREENSHOTS = path.join(__dirname, "..", "..", "sandbox-screenshots");
const DISPATCHER = "U0DEMO002"; // 이서연, Seoul
const DIRECTOR = "U0DEMO001"; // 김민준, Seoul
const MANAGER = "U0DEMO015"; // 한승우
const SEOUL_DISPATCH = "C0DEMOSEL1";
const SEOUL_DIRECTORS = "C0DEMOSEL2";
/** Monday 23 November 2026, 10:00 in Seoul: a working morning. */
const MONDAY_MORNING = new Date("2026-11-23T10:00:00+09:00");
/** A whole tour in one test: a few dozen page actions, each waiting on the bot. */
const TOUR_TIMEOUT_MS = 180_000;

const browser = useBrowser();
let database: TestDatabase;
let desk: Desk;
let pages: SandboxPages;
let address: string;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  database = await createTestDatabase();
  desk = await startDesk({ databaseUrl: database.url, now: MONDAY_MORNING, log: silentLog });
  pages = new SandboxPages(desk);
  address = await pages.listen(0);
}, 120_000);

afterAll(async () => {
  await pages?.close();
  await desk?.stop();
  await database?.close();
});

async function openPage(): Promise<Page> {
  const context = await browser.current.newContext({ viewport: { width: 1400, height: 900 }, timezoneId: "Asia/Seoul" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(address);
  await page.waitForSelector("#channels li");
  return page;
}

async function as(page: Page, persona: string): Promise<void> {
  await page.selectOption("#persona", persona);
  // Page-side expressions as strings: this file is compiled without the DOM's types.
  await page.waitForFunction(`document.getElementById("persona").value === ${JSON.stringify(persona)} && document.getElementById("persona-roles").textContent !== ""`);
}

async function channel(page: Page, id: string): Promise<void> {
  await page.click(`#channels li[data-channel="${id}"]`);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** The message in the open channel whose text matches, newest first. */
function message(page: Page, text: string | RegExp) {
  return page.locator("#messages .message", { hasText: text }).last();
}

async function modal(page: Page, title: string | RegExp) {
  const found = page.locator("#modal", { has: page.locator(".modal-title", { hasText: title }) });
  await found.waitFor();
  return found;
}

async function submitModal(page: Page): Promise<void> {
  const viewId = await page.getAttribute("#modal", "data-view-id");
  await page.click("#modal-submit");
  try {
    await page.waitForFunction(`document.getElementById("modal")?.dataset.viewId !== ${JSON.stringify(viewId)}`);
  } catch (error) {
    const errors = await page.locator("#modal .field-error").allTextContents();
    const problems = await page.locator("#banner .problem").allTextContents();
    throw new Error(`the modal stayed open: field errors ${JSON.stringify(errors)}, banner ${JSON.stringify(problems)} (${String(error)})`);
  }
}

/** Opens /repair in the dispatch channel and fills it in; the caller submits. */
async function registerCall(page: Page, customer: string, fault: string): Promise<void> {
  await channel(page, SEOUL_DISPATCH);
  await page.fill("#composer-text", "/repair");
  await page.click("#send");
  const intake = await modal(page, "New repair call");
  // The customer type-ahead goes through the bot's options endpoint (block_suggestion).
  await intake.locator(`[data-block-id="${BLOCKS.intakeCustomer}"] .external-input`).fill(customer);
  await intake.locator(".ext-option").first().click();
  const equipment = intake.locator(`[data-block-id="${BLOCKS.intakeEquipment}"] select`);
  await equipment.waitFor();
  await equipment.selectOption({ index: 1 });
  await page.waitForTimeout(500);
  await intake.locator(`[data-block-id="${BLOCKS.intakeFault}"] textarea`).fill(fault);
}

describe("npm run sandbox: the newcomer's tour in a browser", () => {
  it(
    "dispatcher registers, director assigns, technician works and closes, the evening brings the summary and an overdue alert",
    async () => {
      const page = await openPage();
      const banner = () => page.locator("#banner .problem").allTextContents();

      // 1. The dispatcher registers a call, finding the customer by typing.
      await as(page, DISPATCHER);
      await registerCall(page, "한빛", "Compressor trips after 10 minutes");
      await shot(page, "01-dispatcher-intake");
      await submitModal(page);
      const ticket = message(page, "SV-2026-000001");
      await ticket.waitFor();
      await ticket.locator("text=Compressor trips after 10 minutes").waitFor();
      // mrkdwn as Slack shows it: the mention by name, the deadline's date token in the persona's zone (R6: 6 working hours, lunch excluded).
      expect(await ticket.locator(".mention").allTextContents()).toContain("@이서연");
      expect(await ticket.locator("time.date-token").allTextContents()).toEqual(expect.arrayContaining(["today 10:00 AM", "today 5:00 PM"]));
      await shot(page, "02-ticket-message");

      // A second call, left alone: it will go overdue.
      await registerCall(page, "미래", "Generator will not start");
      await submitModal(page);
      await message(page, "SV-2026-000002").waitFor();

      // 2. The director assigns the first call to the most suitable technician.
      await as(page, DIRECTOR);
      await channel(page, SEOUL_DISPATCH);
      await message(page, "SV-2026-000001").locator(`button[data-action-id="${ACTIONS.ticketAssign}"]`).click();
      const assign = await modal(page, "Assign technician");
      const first = assign.locator(`[data-block-id="${BLOCKS.assignTechnician}"] label.choice`).first();
      const technicianName = ((await first.textContent()) ?? "").split("·")[0].trim();
      await first.locator("input").check();
      await shot(page, "03-director-assigns");
      await submitModal(page);
      await message(page, "SV-2026-000001").locator(`text=${technicianName}`).first().waitFor();

      // 3. The technician, in their DM with the bot: accept, arrive, report hours and a part, close.
      const technician = desk.personas.find((persona) => persona.name === technicianName);
      expect(technician).toBeDefined();
      await as(page, technician!.id);
      await channel(page, `D${technician!.id.slice(1)}`);
      const dm = message(page, "SV-2026-000001");
      await dm.locator(`button[data-action-id="${ACTIONS.ticketAccept}"]`).click();
      await dm.locator(`button[data-action-id="${ACTIONS.ticketArrive}"]`).click();
      await dm.locator(`button[data-action-id="${ACTIONS.ticketReportWork}"]`).click();
      const report = await modal(page, /Report work/);
      // The outcome redraws the modal (custody and fee fields depend on it): chosen first, as a person would.
      await report.locator(`[data-block-id="${BLOCKS.reportOutcomeBlock}"] input[value="FIXED_ON_SITE"]`).check();
      await page.waitForTimeout(1000);
      await report.locator(`[data-block-id^="${BLOCKS.reportHoursPrefix}"] input`).first().fill("1.5");
      await report.locator(`[data-block-id="${BLOCKS.reportPartPrefix}0"] .external-input`).fill("filter");
      await report.locator(".ext-option").first().click();
      await report.locator(`[data-block-id="${BLOCKS.reportPartQtyPrefix}0"] input`).fill("1");
      await report.locator(`[data-block-id="${BLOCKS.reportDiagnosis}"] textarea, [data-block-id="${BLOCKS.reportDiagnosis}"] input`).first().fill("Clogged air filter replaced");
      await report.locator(`[data-block-id="${BLOCKS.reportSignedBy}"] input`).fill("오세훈");
      await shot(page, "04-technician-reports-work");
      await submitModal(page);
      await dm.locator(`button[data-action-id="${ACTIONS.ticketClose}"]`).click();
      await modal(page, /Close/);
      await submitModal(page);
      await channel(page, SEOUL_DISPATCH);
      await message(page, "SV-2026-000001").locator("text=Closed").first().waitFor();
      await shot(page, "05-call-closed");
      expect(await database.prisma.ticket.findFirstOrThrow({ where: { voucherNo: "SV-2026-000001" } })).toMatchObject({ status: "CLOSED" });

      // 4. The clock past closing: the directors' summary, and the untouched call's overdue alert (R7, R16).
      await page.fill("#clock-to-time", "18:30");
      await page.click("#clock-to");
      await page.locator("#clock-now", { hasText: "18:30" }).waitFor();
      await as(page, MANAGER);
      await channel(page, SEOUL_DIRECTORS);
      const summary = page.locator("#messages .message", { has: page.locator(`button[data-action-id="${ACTIONS.directorReportSignOff}"]`) }).last();
      await summary.waitFor();
      await shot(page, "06-directors-summary");
      await summary.locator(`button[data-action-id="${ACTIONS.directorReportSignOff}"]`).click();
      await eventually(async () => (await database.prisma.directorReport.findFirstOrThrow({ where: { branch: { code: "SEOUL" } } })).signedOffAt !== null, 10_000, "the sign-off (R17)");
      await summary.locator(`button[data-action-id="${ACTIONS.directorReportSignOff}"]`).waitFor({ state: "detached" });
      await shot(page, "07-summary-signed-off");

      // 5. The overdue alert, acknowledged by the director.
      await as(page, DIRECTOR);
      const acknowledge = page.locator(`button[data-action-id="${ACTIONS.escalationAcknowledge}"]`).first();
      for (const id of [`D${DIRECTOR.slice(1)}`, SEOUL_DIRECTORS, SEOUL_DISPATCH]) {
        await channel(page, id);
        if (await acknowledge.count()) break;
      }
      await acknowledge.waitFor();
      await shot(page, "08-overdue-alert");
      await acknowledge.click();
      await eventually(async () => (await database.prisma.escalation.count({ where: { acknowledgedAt: { not: null } } })) > 0, 10_000, "the acknowledgement (R7)");
      await page.waitForTimeout(1000);
      await shot(page, "09-alert-acknowledged");
      expect(await banner()).toEqual([]);
      await page.context().close();
    },
    TOUR_TIMEOUT_MS,
  );

  it(
    "what real Slack would refuse shows as a banner; ephemeral answers, App Home and thread replies are shown to their persona",
    async () => {
      const page = await openPage();
      await as(page, "U0DEMO003");
      await channel(page, SEOUL_DISPATCH);

      // An ephemeral answer: only this persona sees it.
      await page.fill("#composer-text", "/repair help");
      await page.click("#send");
      await page.locator("#messages .message.ephemeral").first().waitFor();
      await shot(page, "10-ephemeral-help");
      await as(page, DISPATCHER);
      await channel(page, SEOUL_DISPATCH);
      expect(await page.locator("#messages .message.ephemeral", { hasText: "Only visible to you" }).count()).toBe(0);

      // Slack refuses the bot's views.open (the trigger expired): the page says so instead of pretending.
      desk.slack.failNext("views.open", "expired_trigger_id");
      await page.fill("#composer-text", "/repair");
      await page.click("#send");
      await page.locator("#banner .problem", { hasText: "views.open: expired_trigger_id" }).waitFor();
      await shot(page, "11-refusal-banner");
      await page.click("#banner-dismiss");
      await page.locator("#banner").waitFor({ state: "hidden" });

      // A button that asks first shows Slack's confirmation; declining sends nothing.
      const cancel = page.locator(`button[data-action-id="${ACTIONS.ticketCancel}"]`);
      await page.locator("#messages .message", { hasText: "SV-2026-000002", has: cancel }).locator(cancel).click();
      await page.locator("#confirm").waitFor();
      await shot(page, "12-confirm-dialog");
      const before = desk.slack.calls.length;
      await page.click("#confirm-no");
      await page.locator("#confirm").waitFor({ state: "detached" });
      await page.waitForTimeout(500);
      expect(desk.slack.calls.length).toBe(before);
      expect(await page.locator("#modal").count()).toBe(0);

      // The bot's response_action errors appear under their fields, and what was typed stays.
      await registerCall(page, "한빛", "Noise from the fan");
      const intake = await modal(page, "New repair call");
      await intake.locator(`[data-block-id="${BLOCKS.intakeEquipment}"] select`).selectOption("other");
      await page.waitForTimeout(500);
      await intake.locator(`[data-block-id="${BLOCKS.intakeModel}"] input`).fill("AC-300");
      await intake.locator(`[data-block-id="${BLOCKS.intakeSerial}"] input`).fill("AC3-99999");
      await intake.locator(`[data-block-id="${BLOCKS.intakeAcceptanceDate}"] input`).fill("2026-01-10");
      await intake.locator(`[data-block-id="${BLOCKS.intakeWarrantyEnd}"] input`).fill("2025-01-10");
      await page.click("#modal-submit");
      await intake.locator(`[data-block-id="${BLOCKS.intakeWarrantyEnd}"] .field-error`, { hasText: "cannot end before the acceptance date" }).waitFor();
      expect(await intake.locator(`[data-block-id="${BLOCKS.intakeSerial}"] input`).inputValue()).toBe("AC3-99999");
      await shot(page, "13-field-error");
      await page.click("#modal-close");
      await page.locator("#modal").waitFor({ state: "detached" });

      // A reply in the ticket's thread, as the persona.
      const ticket = message(page, "SV-2026-000001");
      await ticket.locator(".replies-link").click();
      await page.locator("#thread-messages .message").first().waitFor();
      await page.fill("#thread-text", "Customer called back: all fine now");
      await page.click("#thread-send");
      await page.locator("#thread-messages .message", { hasText: "Customer called back: all fine now" }).waitFor();
      await shot(page, "14-thread-reply");

      // App Home, published by the bot when the persona opens it.
      await channel(page, "__home__");
      await page.locator("#messages .home .block").first().waitFor();
      await shot(page, "15-app-home");
      await page.context().close();
    },
    60_000,
  );
});
