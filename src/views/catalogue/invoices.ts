// English text for the accountants' invoice requests (R10; see ../messages.ts).
export const en = {
  dmFallback: (voucherNo: string, amount: string) => `Invoice requested: ${voucherNo} · ${amount}`,
  dmIntro: (voucherNo: string, customer: string, amount: string) => `:receipt: *Invoice requested* for *${voucherNo}* · ${customer}: *${amount}*`,
  sources: {
    report: "Above the on-site limit, or the customer could not pay on site.",
    "workshop-return": "Workshop repair: the item went back to the customer today.",
  } as Record<string, string>,
  line: (kind: string, amount: string, reason: string) => `• ${kind}: ${amount} (${reason})`,
  requestedAt: (branch: string, when: string) => `${branch} · requested ${when}`,
  fallbackToAdmins: ":warning: No active accountant: sent to the admins.",
  markInvoiced: "Mark invoiced",
  invoiced: (who: string, when: string) => `:white_check_mark: Invoiced by ${who} ${when}.`,
  alreadyInvoiced: (voucherNo: string, who: string, when: string) => `The invoice for ${voucherNo} was already marked by ${who} ${when}.`,
  listHeader: "Invoice requests",
  listIntro: "R10: fees above the on-site limit, and workshop repairs on the day the item went back. Mark each one when the invoice is issued.",
  listEmpty: "No invoice requests are waiting.",
  listItem: (voucherNo: string, customer: string, amount: string, branch: string, when: string) => `*${voucherNo}* · ${customer} · *${amount}*\n${branch} · requested ${when}`,
  more: (count: number) => `…and ${count} more, oldest first.`,
  listFallback: (count: number) => `${count} invoice request(s) waiting`,
};
