// R18: a month (CONTRACT_NOTICE_DAYS) before a maintenance contract ends, an expiry notice is
// prepared for the customer and someone is assigned to try to renew it. Each contract is claimed in
// its own transaction by a conditional update (`expiryNoticeAt IS NULL`), so a contract is noticed
// once, whatever runs at the same time. The text for the customer is composed by the caller (from
// the messages catalogue): services produce no user-facing text.
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { recordAudit } from "../audit";
import { enqueueSlackEffect } from "../outbox/enqueue";
import { DEFAULT_LOCALE, parseLocale, type Locale } from "../../i18n/locale";

export interface ContractNoticeFacts {
  number: string;
  customerName: string;
  /** YYYY-MM-DD */
  endsOn: string;
  /** Model and serial of each covered item; empty = all of the customer's equipment. */
  equipment: string[];
  terms: string | null;
  branchName: string;
  /** The customer's language (theirs, else their branch's): the notice is written for them. */
  locale: Locale;
}

export interface NoticedContract extends ContractNoticeFacts {
  contractId: number;
  customerText: string;
  assignee: { staffId: number; slackUserId: string; name: string } | null;
}

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);

/** Directors of the branch follow renewals up; without one, its dispatchers do. */
async function renewalCandidates(db: Db, branchId: number) {
  for (const role of ["DIRECTOR", "DISPATCHER"] as const) {
    const staff = await db.staff.findMany({ where: { branchId, active: true, roles: { has: role } }, select: { id: true, slackUserId: true, name: true }, orderBy: { id: "asc" } });
    if (staff.length) return staff;
  }
  return [];
}

export async function noticeExpiringContracts(
  deps: { db: Db; clock: Clock },
  options: { branchId: number; date: string; noticeDays: number; actor: string; composeText: (facts: ContractNoticeFacts) => string },
): Promise<NoticedContract[]> {
  const { db } = deps;
  const contracts = await db.contract.findMany({
    where: { branchId: options.branchId, status: "ACTIVE", expiryNoticeAt: null, endsOn: { gte: addDays(options.date, 0), lte: addDays(options.date, options.noticeDays) } },
    select: {
      id: true,
      number: true,
      endsOn: true,
      terms: true,
      customer: { select: { name: true, locale: true } },
      branch: { select: { name: true, locale: true } },
      equipment: { select: { model: true, serial: true }, orderBy: { id: "asc" } },
    },
    orderBy: [{ endsOn: "asc" }, { id: "asc" }],
  });
  if (contracts.length === 0) return [];

  // Spread over the candidates by their open renewals (active contracts already assigned to them).
  const candidates = await renewalCandidates(db, options.branchId);
  const load = new Map<number, number>(candidates.map((staff) => [staff.id, 0]));
  if (candidates.length) {
    const open = await db.contract.groupBy({ by: ["renewalAssigneeId"], where: { status: "ACTIVE", renewalAssigneeId: { in: candidates.map((staff) => staff.id) } }, _count: { _all: true } });
    for (const row of open) if (row.renewalAssigneeId !== null) load.set(row.renewalAssigneeId, row._count._all);
  }

  const noticed: NoticedContract[] = [];
  for (const contract of contracts) {
    const assignee = candidates.reduce<(typeof candidates)[number] | null>((best, staff) => (best === null || load.get(staff.id)! < load.get(best.id)! ? staff : best), null);
    const facts: ContractNoticeFacts = {
      number: contract.number,
      customerName: contract.customer.name,
      endsOn: contract.endsOn.toISOString().slice(0, 10),
      equipment: contract.equipment.map((item) => `${item.model} ${item.serial}`),
      terms: contract.terms,
      branchName: contract.branch.name,
      locale: parseLocale(contract.customer.locale) ?? parseLocale(contract.branch.locale) ?? DEFAULT_LOCALE,
    };
    const customerText = options.composeText(facts);
    const now = deps.clock.now();
    const won = await db.$transaction(async (tx) => {
      const claimed = await tx.contract.updateMany({
        where: { id: contract.id, status: "ACTIVE", expiryNoticeAt: null },
        data: { expiryNoticeAt: now, expiryNoticeText: customerText, renewalAssigneeId: assignee?.id ?? null },
      });
      if (claimed.count === 0) return false;
      await recordAudit(tx, {
        at: now,
        actor: options.actor,
        action: "contract.expiry-notice",
        entity: "Contract",
        entityId: contract.id,
        data: { endsOn: facts.endsOn, renewalAssigneeId: assignee?.id ?? null },
      });
      await enqueueSlackEffect(tx, { kind: "contract-notice", contractId: contract.id }, { key: `contract:${contract.id}:notice`, keyMode: "dedupe" });
      return true;
    });
    if (!won) continue;
    if (assignee) load.set(assignee.id, load.get(assignee.id)! + 1);
    noticed.push({ contractId: contract.id, ...facts, customerText, assignee: assignee ? { staffId: assignee.id, slackUserId: assignee.slackUserId, name: assignee.name } : null });
  }
  return noticed;
}

/** What the outbox posts for a noticed contract: the dispatch channel's line and the assignee's DM. */
export interface ContractNoticeDelivery {
  number: string;
  customerName: string;
  endsOn: string;
  customerText: string;
  assigneeSlackUserId: string | null;
  dispatchChannelId: string | null;
  branchCode: string;
}

export async function getContractNotice(deps: { db: Db }, options: { contractId: number }): Promise<ContractNoticeDelivery> {
  const row = await deps.db.contract.findUniqueOrThrow({
    where: { id: options.contractId },
    select: { number: true, endsOn: true, expiryNoticeText: true, customer: { select: { name: true } }, renewalAssignee: { select: { slackUserId: true } }, branch: { select: { code: true, dispatchChannelId: true } } },
  });
  return {
    number: row.number,
    customerName: row.customer.name,
    endsOn: row.endsOn.toISOString().slice(0, 10),
    customerText: row.expiryNoticeText ?? "",
    assigneeSlackUserId: row.renewalAssignee?.slackUserId ?? null,
    dispatchChannelId: row.branch.dispatchChannelId,
    branchCode: row.branch.code,
  };
}
