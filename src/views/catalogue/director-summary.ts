// English text for director summary (see ../messages.ts: one catalogue per language, split by feature).
export const en = {};
