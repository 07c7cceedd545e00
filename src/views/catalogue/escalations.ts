// English text for escalations (see ../messages.ts: one catalogue per language, split by feature).
export const en = {};
