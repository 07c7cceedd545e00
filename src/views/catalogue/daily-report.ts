// English text for daily report (see ../messages.ts: one catalogue per language, split by feature).
export const en = {};
