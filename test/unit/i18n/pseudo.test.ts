// How one text becomes en-XA: accented, marked, 30% longer, with Slack's syntax and the data kept.
import { argumentValues, pseudoCatalogue, pseudoText, PSEUDO_CLOSE, PSEUDO_OPEN } from "../../../src/i18n/pseudo";
import type { Messages } from "../../../src/views/messages";

describe("pseudoText", () => {
  it("accents every letter, marks the text and makes it at least 30% longer", () => {
    const text = pseudoText("Assign technician");
    expect(text.startsWith(`${PSEUDO_OPEN}Åššîĝñ ţéçĥñîçîáñ`)).toBe(true);
    expect(text.endsWith(PSEUDO_CLOSE)).toBe(true);
    expect(text.length).toBeGreaterThanOrEqual(Math.ceil("Assign technician".length * 1.3));
    expect(text).not.toMatch(/[A-Za-z]/);
  });

  it("keeps what Slack reads: code, mentions, dates, links, escapes, emoji, date-format placeholders, rule ids", () => {
    const kept = ["```x y```", "`done signed <name>`", "<@U1>", "<!date^1^{time}|10:00 UTC>", "<https://a.example/b>", "&lt;", "&gt;", ":white_check_mark:", "{date_short}", "R6", "https://example.com/path"];
    const pseudo = pseudoText(`Read ${kept.join(" and ")}`);
    for (const token of kept) expect(pseudo).toContain(token);
    expect(pseudo).toMatch(/^⟦Ŕéáð ```/);
  });

  it("translates a link's label, keeping its address", () => {
    expect(pseudoText("Created from <https://slack.com/archives/C1/p1|this message>")).toMatch(/^⟦Çŕéáţéð ƒŕöɱ <https:\/\/slack\.com\/archives\/C1\/p1\|ţĥîš ɱéššáĝé>·+⟧$/);
  });

  it("keeps mrkdwn markers, newlines, a leading quote and the surrounding whitespace where Slack needs them", () => {
    expect(pseudoText("*Bold* _it_ ~gone~\nnext")).toMatch(/^⟦\*Ɓöļð\* _îţ_ ~ĝöñé~\nñéẋţ·*⟧$/);
    expect(pseudoText(">quoted")).toMatch(/^>⟦ǫûöţéð·*⟧$/);
    expect(pseudoText("  indented ")).toMatch(/^ {2}⟦îñðéñţéð·*⟧ $/);
  });

  it("keeps the arguments as given, even inside a `code` span, and leaves a text with nothing to translate as it is", () => {
    expect(pseudoText("`hours 40`: hours must be a number", ["hours 40"])).toMatch(/^⟦`hours 40`: ĥöûŕš ɱûšţ ƀé á ñûɱƀéŕ·+⟧$/);
    expect(pseudoText("Signed by Kim Minji", ["Kim Minji"])).toContain("Kim Minji");
    expect(pseudoText(" · Kim Minji", ["Kim Minji"])).toBe(" · Kim Minji");
    expect(pseudoText("–")).toBe("–");
    expect(pseudoText(":warning:")).toBe(":warning:");
  });
});

describe("pseudoCatalogue", () => {
  const english = {
    title: "Close",
    list: ["First line", "Second line"],
    limit: 75,
    flag: true,
    names: { A: "Grade A" },
    greet: (name: string, count: number) => `Hello ${name}, ${count} call${count === 1 ? "" : "s"}`,
    join: (items: string[], p: { who: string }) => `${items.join(", ")} by ${p.who}`,
  };
  const pseudo = pseudoCatalogue(english as unknown as Messages) as unknown as typeof english;

  it("maps lists element-wise, keeps keys, numbers and booleans", () => {
    expect(pseudo.list).toHaveLength(2);
    expect(pseudo.list[0]).toContain("Ƒîŕšţ ļîñé");
    expect(Object.keys(pseudo.names)).toEqual(["A"]);
    expect(pseudo.limit).toBe(75);
    expect(pseudo.flag).toBe(true);
  });

  it("wraps each function: English decides the wording, its own words are accented, the arguments (in lists and objects too) stay", () => {
    expect(pseudo.greet.length).toBe(2);
    expect(pseudo.greet("Kim", 1)).toMatch(/^⟦Ĥéļļö Kim, 1 çáļļ·+⟧$/);
    expect(pseudo.greet("Kim", 2)).toContain("çáļļš");
    expect(pseudo.join(["Lee", "Park"], { who: "Choi" })).toMatch(/^⟦Lee, Park ƀý Choi·*⟧$/);
    expect(argumentValues([["a", 1], { b: "c", d: [2] }, true, null])).toEqual(["a", "1", "c", "2"]);
  });
});
