// The `/repair` sub-commands and their words in the languages the bot speaks: a Korean dispatcher
// types `/repair 목록 미배정`, a Chinese one `/repair 列表 未派工`, and both mean `/repair list unassigned`.
// The help shows each reader their own words (the catalogues); this table is what the parser accepts.

export const SUBCOMMANDS = ["new", "list", "parts", "register", "day", "invoices", "jobs", "customer", "complaint", "evaluation", "help"] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

/** Words that qualify a sub-command: the list's filters and the daily report's `team`. */
export const QUALIFIERS = ["open", "unassigned", "overdue", "mine", "incomplete", "team"] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

type Word = Subcommand | Qualifier;

const LOCAL_WORDS: Record<"ko" | "zh-CN", Record<Word, readonly string[]>> = {
  ko: {
    new: ["신규"],
    list: ["목록"],
    parts: ["부품"],
    register: ["대장"],
    day: ["일보"],
    invoices: ["계산서"],
    jobs: ["작업"],
    customer: ["고객"],
    complaint: ["불만"],
    evaluation: ["평가"],
    help: ["도움말"],
    open: ["미결"],
    unassigned: ["미배정"],
    overdue: ["지연"],
    mine: ["내것"],
    incomplete: ["미비"],
    team: ["팀"],
  },
  "zh-CN": {
    new: ["新建"],
    list: ["列表"],
    parts: ["配件"],
    register: ["台账"],
    day: ["日报"],
    invoices: ["发票"],
    jobs: ["任务"],
    customer: ["客户"],
    complaint: ["投诉"],
    evaluation: ["考核"],
    help: ["帮助"],
    open: ["未结"],
    unassigned: ["未派工"],
    overdue: ["超时"],
    mine: ["我的"],
    incomplete: ["不完整"],
    team: ["团队"],
  },
};

const ENGLISH = new Set<string>([...SUBCOMMANDS, ...QUALIFIERS]);
const BY_LOCAL_WORD = new Map<string, Word>(
  Object.values(LOCAL_WORDS).flatMap((words) => Object.entries(words).flatMap(([english, local]) => local.map((word) => [word.normalize("NFKC"), english as Word] as const))),
);

/**
 * The English word a sub-command or qualifier word stands for, whatever language it was typed in
 * (full-width letters read as plain); other words come back as typed, lower-cased.
 */
export function canonicalCommandWord(word: string): string {
  const plain = word.normalize("NFKC").toLowerCase();
  if (ENGLISH.has(plain)) return plain;
  return BY_LOCAL_WORD.get(plain) ?? plain;
}

/** Every local word for `word`, for the README's table and the tests. */
export function localCommandWords(locale: "ko" | "zh-CN", word: Word): readonly string[] {
  return LOCAL_WORDS[locale][word];
}
