// R20: the survey figures against the procedure's targets — coverage (calls surveyed of calls
// closed, overall and inside warranty, target 100%) and satisfaction (the share of satisfied and
// very satisfied answers, target 98%), per item and over all four. Counts come from SQL aggregates
// (services/surveys/survey-figures.ts); this only divides and compares.
import { SURVEY_ITEMS, type SurveyItem } from "./surveys";

export interface SurveyCounts {
  /** Calls closed in the period, and those of category C (inside warranty). */
  closed: number;
  closedWarranty: number;
  /** Of those, surveys carried out: answered, declined, or no answer after every try. */
  surveyed: number;
  surveyedWarranty: number;
  /** Of those, answered. */
  answered: number;
  /** Per item, the answers given and how many were satisfied or very satisfied. */
  ratings: Record<SurveyItem, { answers: number; satisfied: number }>;
}

export interface SurveyTargets {
  /** SURVEY_COVERAGE_TARGET_PERCENT (100). */
  coveragePercent: number;
  /** SURVEY_SATISFACTION_TARGET_PERCENT (98). */
  satisfactionPercent: number;
}

export const DEFAULT_SURVEY_TARGETS: SurveyTargets = { coveragePercent: 100, satisfactionPercent: 98 };

/** A share as a percentage with one decimal; null when there is nothing to divide by. */
export type Percent = number | null;

export interface SurveyFigures extends SurveyCounts {
  coverage: Percent;
  warrantyCoverage: Percent;
  satisfaction: Percent;
  satisfactionByItem: Record<SurveyItem, Percent>;
  targets: SurveyTargets;
  /** Whether each figure meets its target; null when there was nothing to measure. */
  meets: { coverage: boolean | null; warrantyCoverage: boolean | null; satisfaction: boolean | null };
}

function percent(part: number, whole: number): Percent {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

function meets(value: Percent, target: number): boolean | null {
  return value === null ? null : value >= target;
}

export function emptySurveyCounts(): SurveyCounts {
  const ratings = Object.fromEntries(SURVEY_ITEMS.map((item) => [item, { answers: 0, satisfied: 0 }])) as SurveyCounts["ratings"];
  return { closed: 0, closedWarranty: 0, surveyed: 0, surveyedWarranty: 0, answered: 0, ratings };
}

export function computeSurveyFigures(counts: SurveyCounts, targets: SurveyTargets = DEFAULT_SURVEY_TARGETS): SurveyFigures {
  const satisfactionByItem = Object.fromEntries(SURVEY_ITEMS.map((item) => [item, percent(counts.ratings[item].satisfied, counts.ratings[item].answers)])) as Record<SurveyItem, Percent>;
  const all = SURVEY_ITEMS.reduce((sum, item) => ({ answers: sum.answers + counts.ratings[item].answers, satisfied: sum.satisfied + counts.ratings[item].satisfied }), { answers: 0, satisfied: 0 });
  const coverage = percent(counts.surveyed, counts.closed);
  const warrantyCoverage = percent(counts.surveyedWarranty, counts.closedWarranty);
  const satisfaction = percent(all.satisfied, all.answers);
  return {
    ...counts,
    coverage,
    warrantyCoverage,
    satisfaction,
    satisfactionByItem,
    targets,
    meets: { coverage: meets(coverage, targets.coveragePercent), warrantyCoverage: meets(warrantyCoverage, targets.coveragePercent), satisfaction: meets(satisfaction, targets.satisfactionPercent) },
  };
}
