// English text for parts workshop (see ../messages.ts: one catalogue per language, split by feature).
export const en = {};
