import { encodeHangulInitials, nameSearchKey, nameSearchQuery, normalizeForSearch, syllableInitial, syllablesStartingWith } from "../../../src/domain/name-search";

const ko = encodeHangulInitials;

describe("nameSearchKey: what Korean and Chinese queries match in a customer's name", () => {
  it.each([
    ["서울상사", "ㅅㅇㅅㅅ"],
    ["서울", "ㅅㅇ"],
    ["까치 떡집", "ㄲㅊㄸㅈ"],
    ["쌍용빵집", "ㅆㅇㅃㅈ"],
    ["힣가", "ㅎㄱ"],
    ["ㅋㅋ마트", "ㅋㅋㅁㅌ"],
  ])("Hangul: %p keys as its initial consonants %p (spaces skipped)", (name, initials) => {
    expect(nameSearchKey(name)).toBe(ko(initials));
  });

  it("Hangul: the key stores each initial as an upper-case ASCII letter, which any database's trigram index can hold", () => {
    expect(encodeHangulInitials("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ")).toBe("ABCDEFGHIJKLMNOPQRS");
    expect(nameSearchKey("서울상사")).toBe("JLJJ");
  });

  it("Hangul: anything but a syllable or a space ends a run, so a query never spans it", () => {
    expect(nameSearchKey("LG전자 서울2호점")).toBe(`${ko("ㅈㅈㅅㅇ")} ${ko("ㅎㅈ")}`);
    expect(nameSearchKey("(주)한빛식품")).toBe(`${ko("ㅈ")} ${ko("ㅎㅂㅅㅍ")}`);
  });

  it("Hangul: a name stored decomposed (NFD) or in half-width jamo keys like the composed one", () => {
    expect(nameSearchKey("서울상사".normalize("NFD"))).toBe(ko("ㅅㅇㅅㅅ"));
    expect(nameSearchKey("\uffa1\uffa1마트")).toBe(ko("ㄱㄱㅁㅌ"));
  });

  it("Han: pinyin initials, then full pinyin, without tones", () => {
    expect(nameSearchKey("北京科技有限公司")).toBe("bjkjyxgs beijingkejiyouxiangongsi");
    expect(nameSearchKey("上海")).toBe("sh shanghai");
  });

  it("Han: a polyphonic character reads as in its word, ü is typed v", () => {
    expect(nameSearchKey("中国银行")).toBe("zgyh zhongguoyinhang");
    expect(nameSearchKey("绿色")).toBe("ls lvse");
  });

  it("Han: spaces are skipped, Latin letters and punctuation end a run", () => {
    expect(nameSearchKey("北京 科技")).toBe("bjkj beijingkeji");
    expect(nameSearchKey("北京ABC科技")).toBe("bj kj beijing keji");
  });

  it("Han: traditional characters key like simplified ones", () => {
    expect(nameSearchKey("臺北電腦")).toBe("tbdn taibeidiannao");
  });

  it("a name with both scripts keys the Hangul runs first, then the Han runs", () => {
    expect(nameSearchKey("서울 北京")).toBe(`${ko("ㅅㅇ")} bj beijing`);
  });

  it("every key is printable ASCII, which pg_trgm indexes whatever the database's LC_CTYPE", () => {
    for (const name of ["서울상사", "까치 떡집", "北京科技有限公司", "绿色银行", "서울 北京", "ㅋㅋ마트", "Hanbit Foods"]) {
      expect(nameSearchKey(name)).toMatch(/^[\x20-\x7e]*$/);
    }
  });

  it.each(["Hanbit Foods", "ACME 123", "", "   ", "Ünal GmbH"])("Latin and other scripts: %p has an empty key", (name) => {
    expect(nameSearchKey(name)).toBe("");
  });
});

describe("nameSearchQuery: which queries are matched against the key", () => {
  it("initial consonants only: ㅅㅇ, ㅅㅇㅅ", () => {
    expect(nameSearchQuery("ㅅㅇ")).toEqual({
      kind: "hangul",
      key: "JL",
      parts: [
        { kind: "initial", char: "ㅅ" },
        { kind: "initial", char: "ㅇ" },
      ],
    });
    expect(nameSearchQuery(" ㅅㅇㅅ ")).toMatchObject({ kind: "hangul", key: ko("ㅅㅇㅅ") });
  });

  it("mixed syllables and initials: 서ㅇ keys as ㅅㅇ and keeps 서 to check on the name", () => {
    expect(nameSearchQuery("서ㅇ")).toEqual({
      kind: "hangul",
      key: ko("ㅅㅇ"),
      parts: [
        { kind: "syllable", char: "서" },
        { kind: "initial", char: "ㅇ" },
      ],
    });
  });

  it("a double initial stays itself: ㄲ is not ㄱ", () => {
    expect(nameSearchQuery("ㄲㅊ")).toMatchObject({ key: ko("ㄲㅊ") });
    expect(nameSearchQuery("ㄸ")).toMatchObject({ key: ko("ㄸ") });
    expect(nameSearchQuery("ㄱㅊ")).toMatchObject({ key: ko("ㄱㅊ") });
    expect(ko("ㄲ")).not.toBe(ko("ㄱ"));
  });

  it("conjoining jamo (as NFD or some keyboards send them) read as the compatibility jamo", () => {
    expect(nameSearchQuery("\u1109\u110b")).toMatchObject({ kind: "hangul", key: ko("ㅅㅇ") });
    expect(nameSearchQuery("서ㅇ".normalize("NFD"))).toMatchObject({ kind: "hangul", key: ko("ㅅㅇ"), parts: [{ kind: "syllable", char: "서" }, { kind: "initial", char: "ㅇ" }] });
    expect(nameSearchQuery("ㅅㅇ".normalize("NFKC"))).toMatchObject({ key: ko("ㅅㅇ") });
  });

  it("Latin letters: any case, full-width and spaces ignored", () => {
    expect(nameSearchQuery("bjkj")).toEqual({ kind: "latin", key: "bjkj" });
    expect(nameSearchQuery("BJKJ")).toEqual({ kind: "latin", key: "bjkj" });
    expect(nameSearchQuery("ｂｊｋｊ")).toEqual({ kind: "latin", key: "bjkj" });
    expect(nameSearchQuery("bei jing")).toEqual({ kind: "latin", key: "beijing" });
  });

  it.each([["서울"], ["010-1234"], ["ㅅ1"], ["bj2"], ["北京"], [""], ["   "], ["%"], ["ㅏ"]])(
    "%p is matched by name and phone only, as before",
    (query) => {
      expect(nameSearchQuery(query)).toBeNull();
    },
  );
});

describe("Hangul helpers", () => {
  it("the initial of a syllable, and the syllables an initial starts", () => {
    expect(syllableInitial("서")).toBe("ㅅ");
    expect(syllableInitial("빵")).toBe("ㅃ");
    expect(syllablesStartingWith("ㅇ")).toEqual({ first: "아", last: "잏" });
    expect(syllablesStartingWith("ㄲ")).toEqual({ first: "까", last: "낗" });
    expect(syllablesStartingWith("ㅎ")).toEqual({ first: "하", last: "힣" });
  });

  it("normalizeForSearch: compatibility and conjoining initials end up the same", () => {
    expect(normalizeForSearch("ㅅ")).toBe("ㅅ");
    expect(normalizeForSearch("\u1109")).toBe("ㅅ");
    expect(normalizeForSearch("서울".normalize("NFD"))).toBe("서울");
  });
});
