// English text for thread replies (see ../messages.ts: one catalogue per language, split by feature).
export const en = {};
