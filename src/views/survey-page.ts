// The customer's survey page (R20) as plain HTML: no script, one form, large touch targets, so it
// works on any phone a text message opens it on. Pure: data and language in, a document out.
import { MAX_SURVEY_COMMENT, RATINGS, SURVEY_ITEMS, type Rating as SurveyRating, type SurveyItem } from "../domain/surveys";
import { SURVEY_PAGE_LOCALES, surveyPageCatalogue, type SurveyPageLocale } from "./catalogue/survey-page";

export interface SurveyFormModel {
  kind: "form";
  voucherNo: string;
  technicianFirstName: string | null;
  expiresAt: Date;
  timeZone: string;
  /** What the customer chose before a refused submission, kept so nothing is typed twice. */
  values?: { ratings: Partial<Record<SurveyItem, SurveyRating>>; comment: string };
  errors?: { items: SurveyItem[]; commentTooLong: boolean };
}

export type SurveyPageModel = SurveyFormModel | { kind: "thanks" | "used" | "expired" | "unknown" | "failed" };

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI","Apple SD Gothic Neo","Malgun Gothic","PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f6f6f4;color:#1d1c1d;line-height:1.5}
main{max-width:34rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
nav{font-size:.9rem;text-align:right}nav a,nav strong{margin-left:.6rem}
fieldset{border:1px solid #ccc;border-radius:8px;margin:0 0 1rem;padding:.5rem 1rem;background:#fff}
fieldset.problem{border-color:#c00}
legend{font-weight:600;padding:0 .3rem}
label.choice{display:block;padding:.45rem 0;font-size:1.05rem}
input[type=radio]{width:1.2rem;height:1.2rem;vertical-align:middle;margin-right:.5rem}
textarea{width:100%;box-sizing:border-box;min-height:6rem;font:inherit;padding:.5rem}
button{font:inherit;font-size:1.1rem;padding:.7rem 2rem;border:0;border-radius:8px;background:#007a5a;color:#fff}
.problem-text{color:#c00;margin:.3rem 0}
.note{color:#616061;font-size:.9rem}
`;

export function buildSurveyPage(model: SurveyPageModel, locale: SurveyPageLocale): string {
  const text = surveyPageCatalogue[locale];
  if (model.kind !== "form") {
    const [title, body] = {
      thanks: [text.thanksTitle, text.thanksBody],
      used: [text.usedTitle, text.usedBody],
      expired: [text.expiredTitle, text.expiredBody],
      unknown: [text.unknownTitle, text.unknownBody],
      failed: [text.failedTitle, text.failedBody],
    }[model.kind];
    return documentOf(locale, title, `${languageLinks(locale)}<h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>`);
  }
  const problems = new Set(model.errors?.items ?? []);
  const items = SURVEY_ITEMS.map((item) => {
    const chosen = model.values?.ratings[item];
    const choices = RATINGS.map(
      (rating) =>
        `<label class="choice"><input type="radio" name="${item}" value="${rating}"${chosen === rating ? " checked" : ""}>${escapeHtml(text.ratings[rating])}</label>`,
    ).join("");
    const problem = problems.has(item) ? `<p class="problem-text">${escapeHtml(text.missingAnswer)}</p>` : "";
    return `<fieldset id="${item}"${problems.has(item) ? ' class="problem"' : ""}><legend>${escapeHtml(text.items[item])}</legend>${problem}${choices}</fieldset>`;
  }).join("");
  const commentProblem = model.errors?.commentTooLong ? `<p class="problem-text">${escapeHtml(text.commentTooLong(MAX_SURVEY_COMMENT))}</p>` : "";
  const summary = model.errors && (problems.size || model.errors.commentTooLong) ? `<p class="problem-text" role="alert">${escapeHtml(text.formProblem)}</p>` : "";
  const validUntil = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: model.timeZone }).format(model.expiresAt);
  const body =
    `${languageLinks(locale)}<h1>${escapeHtml(text.title)}</h1>` +
    `<p>${escapeHtml(text.intro(model.voucherNo, model.technicianFirstName))}</p>${summary}` +
    `<form method="post"><input type="hidden" name="lang" value="${locale}">${items}` +
    `<fieldset><legend><label for="comment">${escapeHtml(text.commentLabel)}</label></legend>${commentProblem}` +
    `<textarea id="comment" name="comment" maxlength="${MAX_SURVEY_COMMENT}">${escapeHtml(model.values?.comment ?? "")}</textarea></fieldset>` +
    `<button type="submit">${escapeHtml(text.submit)}</button></form>` +
    `<p class="note">${escapeHtml(text.validUntil(validUntil))}</p>`;
  return documentOf(locale, text.title, body);
}

function languageLinks(current: SurveyPageLocale): string {
  const links = SURVEY_PAGE_LOCALES.map((locale) => {
    const name = escapeHtml(surveyPageCatalogue[locale].languageName);
    return locale === current ? `<strong lang="${locale}">${name}</strong>` : `<a href="?lang=${locale}" lang="${locale}" hreflang="${locale}">${name}</a>`;
  }).join("");
  return `<nav aria-label="${escapeHtml(surveyPageCatalogue[current].languageLabel)}">${links}</nav>`;
}

function documentOf(locale: SurveyPageLocale, title: string, body: string): string {
  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`
  );
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);
}
