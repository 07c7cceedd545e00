// English text for work report (see ../messages.ts: one catalogue per language, split by feature).
export const en = {};
