// The customer's survey page on the bot's own HTTP server: GET /survey/<token> shows the form (or
// why it cannot be answered), POST records the answers once. The token is the only credential, so
// it is never logged, never sent on as a Referer, and the page is never cached.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { MAX_SURVEY_COMMENT, RATINGS, SURVEY_ITEMS, type Rating as SurveyRating, type SurveyItem, type SurveyRatings } from "../domain/surveys";
import { SURVEY_PATH_PREFIX } from "../domain/survey-link";
import type { Log } from "../logger";
import type { SurveyLinkAnswer } from "../services/surveys/answer-survey-by-link";
import type { OpenedSurveyLink } from "../services/surveys/open-survey-link";
import { SURVEY_PAGE_LOCALES, type SurveyPageLocale } from "../views/catalogue/survey-page";
import { buildSurveyPage, type SurveyPageModel } from "../views/survey-page";

const LANGUAGE_COOKIE = "survey_lang";
/** A filled form is well under 1 KB of fields and a 2,000-character comment (up to 3 bytes a character, escaped). */
const FORM_BODY_LIMIT = 32 * 1024;

/** Answers a request it recognises and returns true; leaves any other to the caller. */
export type PageHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface SurveyPageServices {
  openSurveyLink(options: { token: string }): Promise<OpenedSurveyLink>;
  answerSurveyByLink(options: { token: string; ratings: SurveyRatings; comment: string | null }): Promise<SurveyLinkAnswer>;
}

const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

const STATUS: Record<Exclude<SurveyPageModel["kind"], "form">, number> = { thanks: 200, used: 200, expired: 410, unknown: 404, failed: 500 };

export function createSurveyPages(options: { services: SurveyPageServices; log: Log }): PageHandler {
  const { services, log } = options;
  const send = (res: ServerResponse, model: SurveyPageModel, locale: SurveyPageLocale, status?: number) => {
    if (res.headersSent) return;
    // The language chosen is remembered, so the link opened again speaks it.
    const remember = { "set-cookie": `${LANGUAGE_COOKIE}=${locale}; Path=${SURVEY_PATH_PREFIX}; Max-Age=31536000; SameSite=Lax; HttpOnly` };
    res.writeHead(status ?? (model.kind === "form" ? 200 : STATUS[model.kind]), { ...HEADERS, ...remember }).end(buildSurveyPage(model, locale));
  };

  async function show(token: string, locale: SurveyPageLocale, res: ServerResponse): Promise<void> {
    const opened = await services.openSurveyLink({ token });
    send(res, opened.state === "open" ? { kind: "form", ...opened } : { kind: opened.state }, locale);
  }

  async function answer(token: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readForm(req);
    if (body === "too large") return void res.writeHead(413, HEADERS).end();
    const form = parseSurveyForm(body);
    const locale = chooseLocale(form.lang ?? languageCookie(req), req.headers["accept-language"]);
    if (!form.ok) {
      const opened = await services.openSurveyLink({ token });
      if (opened.state !== "open") return send(res, { kind: opened.state }, locale);
      return send(res, { kind: "form", ...opened, values: form.values, errors: form.errors }, locale, 422);
    }
    const answered = await services.answerSurveyByLink({ token, ratings: form.ratings, comment: form.comment });
    send(res, { kind: answered.state === "answered" ? "thanks" : answered.state }, locale, answered.state === "used" ? 409 : undefined);
  }

  return (req, res) => {
    // The request target as sent, split by hand: `new URL()` throws on some ("//"), and this runs
    // outside any promise, where a throw would end the process.
    const [path = "", query = ""] = (req.url ?? "").split("?", 2);
    if (!path.startsWith(SURVEY_PATH_PREFIX)) return false;
    const token = path.slice(SURVEY_PATH_PREFIX.length);
    const locale = chooseLocale(new URLSearchParams(query).get("lang") ?? languageCookie(req), req.headers["accept-language"]);
    if (req.method !== "GET" && req.method !== "POST") {
      res.writeHead(405, { allow: "GET, POST" }).end();
      return true;
    }
    const work = req.method === "GET" ? show(token, locale, res) : answer(token, req, res);
    work.catch((error: unknown) => {
      log.error("the survey page failed", { method: req.method, error });
      send(res, { kind: "failed" }, locale);
    });
    return true;
  };
}

type ParsedSurveyForm =
  | { ok: true; lang: string | null; ratings: SurveyRatings; comment: string | null }
  | { ok: false; lang: string | null; values: { ratings: Partial<Record<SurveyItem, SurveyRating>>; comment: string }; errors: { items: SurveyItem[]; commentTooLong: boolean } };

const ratingSchema = z.enum(RATINGS);

/** The form's fields: each item one of the four levels, the comment at most MAX_SURVEY_COMMENT characters. */
export function parseSurveyForm(fields: URLSearchParams): ParsedSurveyForm {
  const ratings: Partial<Record<SurveyItem, SurveyRating>> = {};
  const missing: SurveyItem[] = [];
  for (const item of SURVEY_ITEMS) {
    const parsed = ratingSchema.safeParse(fields.get(item));
    if (parsed.success) ratings[item] = parsed.data;
    else missing.push(item);
  }
  const comment = (fields.get("comment") ?? "").replace(/\r\n/g, "\n").trim();
  const commentTooLong = [...comment].length > MAX_SURVEY_COMMENT;
  const lang = fields.get("lang");
  if (missing.length || commentTooLong) return { ok: false, lang, values: { ratings, comment }, errors: { items: missing, commentTooLong } };
  return { ok: true, lang, ratings: ratings as SurveyRatings, comment: comment || null };
}

/** The language asked for on the page, else the browser's first of ours, else English. */
export function chooseLocale(asked: string | null | undefined, acceptLanguage: string | undefined): SurveyPageLocale {
  const known = (tag: string): SurveyPageLocale | undefined => {
    const lower = tag.trim().toLowerCase();
    if (lower === "zh" || lower.startsWith("zh-")) return "zh-CN";
    return SURVEY_PAGE_LOCALES.find((locale) => lower === locale.toLowerCase() || lower.startsWith(`${locale.toLowerCase()}-`));
  };
  const fromPage = asked ? known(asked) : undefined;
  if (fromPage) return fromPage;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry) => entry.tag.trim() && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const locale = known(tag);
    if (locale) return locale;
  }
  return "en";
}

function languageCookie(req: IncomingMessage): string | null {
  const cookie = (req.headers.cookie ?? "").split(";").find((part) => part.trim().startsWith(`${LANGUAGE_COOKIE}=`));
  // Only our own values are understood; anything else (mangled, foreign) is ignored, never decoded.
  return cookie?.split("=")[1]?.trim() ?? null;
}

function readForm(req: IncomingMessage): Promise<URLSearchParams | "too large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > FORM_BODY_LIMIT) {
        req.removeAllListeners("data");
        req.resume();
        return resolve("too large");
      }
      chunks.push(chunk);
    });
    req.once("end", () => resolve(new URLSearchParams(Buffer.concat(chunks).toString("utf8"))));
    req.once("error", reject);
  });
}
