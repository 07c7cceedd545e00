// The customer's survey page, in the three languages customers read (R20). The page is the first
// text customers read themselves, so it speaks their language before the rest of the bot does.
// Trade terms follow the seeds' paper survey: 태도 / 기술 / 도착 시간 / 약속 이행, 服务态度 / 技术水平 / 到达时间 / 履行承诺.
import type { Rating as SurveyRating, SurveyItem } from "../../domain/surveys";

export const SURVEY_PAGE_LOCALES = ["en", "ko", "zh-CN"] as const;
export type SurveyPageLocale = (typeof SURVEY_PAGE_LOCALES)[number];

const en = {
  languageName: "English",
  languageLabel: "Language",
  title: "How did we do?",
  intro: (voucherNo: string, technician: string | null) =>
    technician ? `Your service call ${voucherNo}, with our technician ${technician}. Please tell us how satisfied you were.` : `Your service call ${voucherNo}. Please tell us how satisfied you were.`,
  items: { attitude: "The technician's attitude", skill: "Technical skill", arrivalTime: "Arrival time", promiseKeeping: "Keeping what was promised" } satisfies Record<SurveyItem, string>,
  ratings: { VERY_SATISFIED: "Very satisfied", SATISFIED: "Satisfied", DISSATISFIED: "Dissatisfied", VERY_DISSATISFIED: "Very dissatisfied" } satisfies Record<SurveyRating, string>,
  commentLabel: "Anything else you would like to tell us (optional)",
  submit: "Send",
  validUntil: (date: string) => `This link is valid until ${date}.`,
  missingAnswer: "Please choose one answer.",
  formProblem: "Some answers are missing. Please check the questions marked below.",
  commentTooLong: (max: number) => `Please shorten your comment to ${max} characters.`,
  thanksTitle: "Thank you",
  thanksBody: "Your answers were recorded. Thank you for helping us improve our service.",
  usedTitle: "Already answered",
  usedBody: "This survey has already been answered. Thank you for your time.",
  expiredTitle: "This link has expired",
  expiredBody: "We are sorry: this survey link is no longer valid. If you would like to tell us about our service, please call us.",
  unknownTitle: "Link not found",
  unknownBody: "This address is not a valid survey link. Please check that it was copied completely.",
  failedTitle: "Something went wrong",
  failedBody: "Your answers could not be recorded because of a problem on our side. Please try again in a moment.",
};

type SurveyPageText = typeof en;

const ko: SurveyPageText = {
  languageName: "한국어",
  languageLabel: "언어",
  title: "서비스 만족도 조사",
  intro: (voucherNo, technician) =>
    technician ? `서비스 전표 ${voucherNo}, 담당 기사 ${technician}. 서비스에 얼마나 만족하셨는지 알려 주세요.` : `서비스 전표 ${voucherNo}. 서비스에 얼마나 만족하셨는지 알려 주세요.`,
  items: { attitude: "기사의 태도", skill: "기술", arrivalTime: "도착 시간", promiseKeeping: "약속 이행" },
  ratings: { VERY_SATISFIED: "매우 만족", SATISFIED: "만족", DISSATISFIED: "불만족", VERY_DISSATISFIED: "매우 불만족" },
  commentLabel: "기타 의견 (선택)",
  submit: "보내기",
  validUntil: (date) => `이 링크는 ${date}까지 유효합니다.`,
  missingAnswer: "하나를 선택해 주세요.",
  formProblem: "답하지 않은 문항이 있습니다. 아래 표시된 문항을 확인해 주세요.",
  commentTooLong: (max) => `의견은 ${max}자 이내로 줄여 주세요.`,
  thanksTitle: "감사합니다",
  thanksBody: "응답이 기록되었습니다. 더 나은 서비스를 위해 도움을 주셔서 감사합니다.",
  usedTitle: "이미 응답하신 조사입니다",
  usedBody: "이 조사는 이미 응답이 완료되었습니다. 시간을 내 주셔서 감사합니다.",
  expiredTitle: "링크가 만료되었습니다",
  expiredBody: "죄송합니다. 이 조사 링크는 더 이상 유효하지 않습니다. 서비스에 대한 의견은 전화로 알려 주세요.",
  unknownTitle: "링크를 찾을 수 없습니다",
  unknownBody: "올바른 조사 링크가 아닙니다. 주소가 모두 복사되었는지 확인해 주세요.",
  failedTitle: "문제가 발생했습니다",
  failedBody: "저희 쪽 문제로 응답을 기록하지 못했습니다. 잠시 후 다시 시도해 주세요.",
};

const zhCN: SurveyPageText = {
  languageName: "中文",
  languageLabel: "语言",
  title: "服务满意度调查",
  intro: (voucherNo, technician) =>
    technician ? `服务单 ${voucherNo}，技术员 ${technician}。请告诉我们您对本次服务的满意程度。` : `服务单 ${voucherNo}。请告诉我们您对本次服务的满意程度。`,
  items: { attitude: "服务态度", skill: "技术水平", arrivalTime: "到达时间", promiseKeeping: "履行承诺" },
  ratings: { VERY_SATISFIED: "非常满意", SATISFIED: "满意", DISSATISFIED: "不满意", VERY_DISSATISFIED: "非常不满意" },
  commentLabel: "其他意见（选填）",
  submit: "提交",
  validUntil: (date) => `此链接有效期至 ${date}。`,
  missingAnswer: "请选择一项。",
  formProblem: "有问题尚未回答，请检查下方标出的问题。",
  commentTooLong: (max) => `请将意见缩短到 ${max} 个字以内。`,
  thanksTitle: "谢谢",
  thanksBody: "您的回答已记录。感谢您帮助我们改进服务。",
  usedTitle: "此调查已回答",
  usedBody: "此调查已经回答过了。感谢您抽出时间。",
  expiredTitle: "链接已过期",
  expiredBody: "抱歉，此调查链接已失效。如需反馈对我们服务的意见，请致电我们。",
  unknownTitle: "找不到链接",
  unknownBody: "此地址不是有效的调查链接。请确认链接已完整复制。",
  failedTitle: "出现问题",
  failedBody: "由于我们这边的问题，您的回答未能记录。请稍后再试。",
};

export const surveyPageCatalogue: Record<SurveyPageLocale, SurveyPageText> = { en, ko, "zh-CN": zhCN };
