// Sample arguments for calling every catalogue function in the catalogue tests: derived where the
// function takes plain strings or numbers, else taken from a table kept next to the catalogue paths.
type Fn = (...args: unknown[]) => unknown;

/**
 * Distinctive values, so a translation that drops or alters an argument is seen; numbers below
 * 1000, so a translation may group digits its own way (Intl) and still show them.
 */
export const sampleString = (i: number) => `arg${i}_x${i + 1}`;
export const sampleNumber = (i: number) => 347 + i;

/**
 * Functions taking arrays or objects (or needing a particular value) name their arguments here, by
 * catalogue path. Each entry is a list of calls, so a function's branches can each be checked.
 */
export const SAMPLE_ARGUMENTS: Record<string, unknown[][]> = {
  "forbiddenWho": [[["roles_one", "roles_two"]]],
  "home.rolesLine": [[["role_one", "role_two"], "branch_x"], [["role_one"]], [[]]],
  "ticket.missing": [[["field_one", "field_two"]]],
  "assign.skills": [[["skill_one", "skill_two"]]],
  "history.edited": [["actor_x", ["field_one", "field_two"], "when_x"], ["actor_x", [], "when_x"]],
  "jobCli.unknownJob": [["job_x", ["job_one", "job_two"]]],
  "refusal.forbiddenWho": [[["role_one"]], [["role_one", "role_two", "role_three"]]],
  "refusal.forbiddenWhoAction": [[["role_one", "role_two"], "action_x"]],
  "refusal.conflictIncomplete": [["what_x", ["field_one", "field_two"]], ["what_x", []]],
  "refusal.validationFields": [[["field_one", "field_two"]]],
  "workReport.modal.feeContextContract": [[["cost_one", "cost_two"]], [[]]],
  "workReport.card.hoursPart": [["C_WARRANTY", "1.25"]],
  "partsWorkshop.parts.atClosingBorrower": [[1], [3]],
  "partsWorkshop.parts.backBorrower": [[1], [3]],
  "dailyReport.totals": [[["part_one", "part_two"], "total_x"]],
  "directorSummary.contracts.customerNotice": [
    [{ customer: "customer_x", number: "MC-4711", endsOn: "ends_x", covers: "covers_x", terms: "terms_x", branch: "branch_x" }],
    [{ customer: "customer_x", number: "MC-4711", endsOn: "ends_x", covers: "covers_x", terms: null, branch: "branch_x" }],
  ],
  "directorSummary.contracts.coversList": [[["item_one", "item_two"]]],
  "evaluation.technicianLine": [
    [{ who: "who_x", left: true, closed: 347, coverage: "coverage_x", warranty: "warranty_x", satisfaction: "satisfaction_x", items: "items_x", onTime: "ontime_x", hours: "hours_x", complaints: "complaints_x", level: "level_x" }],
    [{ who: "who_x", left: false, closed: 347, coverage: "coverage_x", warranty: "warranty_x", satisfaction: "satisfaction_x", items: "items_x", onTime: "ontime_x", hours: "hours_x", complaints: "complaints_x", level: null }],
  ],
  "surveys.summary.line": [[{ date: "date_x", closed: 347, surveyed: 348, coverage: "coverage_x", warranty: "warranty_x", target: "target_x", answered: 349 }]],
};

/** What a broken call produces instead of throwing: a missing property, a number from a string, an object. */
const BROKEN = /undefined|NaN|\[object Object\]/;

function producesText(value: unknown): boolean {
  if (typeof value === "string") return value !== "" && !BROKEN.test(value);
  if (Array.isArray(value)) return value.every(producesText);
  return false;
}

function works(fn: Fn, args: unknown[]): boolean {
  try {
    return producesText(fn(...args));
  } catch {
    return false;
  }
}

/** A value of each kind a catalogue function takes besides arrays and objects: 0 string, 1 number, 2 boolean. */
function sample(kind: number, i: number): unknown {
  return kind === 0 ? sampleString(i) : kind === 1 ? sampleNumber(i) : true;
}

/**
 * The string and number arguments all appear in the English text, and each boolean is a flag:
 * false says something else. So a branch that ignores an argument of another kind (an array read
 * as `true`: "You have no roles yet.") is not taken for the function.
 */
function usesEveryArgument(fn: Fn, args: unknown[]): boolean {
  const text = JSON.stringify(fn(...args));
  return args.every((arg, i) => {
    if (typeof arg !== "boolean") return text.includes(String(arg));
    const flipped = args.map((other, j) => (j === i ? false : other));
    return works(fn, flipped) && JSON.stringify(fn(...flipped)) !== text;
  });
}

/**
 * Argument lists to call `fn` (at `path`) with: the table's, else the plainest mix of strings,
 * numbers and booleans that the English function answers with text using every argument.
 * Undefined when none does: the function needs an entry in SAMPLE_ARGUMENTS.
 */
export function sampleCalls(path: string, fn: Fn): unknown[][] | undefined {
  const listed = SAMPLE_ARGUMENTS[path];
  if (listed) return listed;
  const arity = fn.length;
  const kinds = Array.from({ length: 3 ** arity }, (_, n) => Array.from({ length: arity }, (_, i) => Math.floor(n / 3 ** i) % 3));
  const plainness = (mix: number[]) => mix.reduce((sum, kind) => sum + kind * 100, 0) + mix.filter((kind) => kind > 0).length;
  for (const mix of kinds.sort((a, b) => plainness(a) - plainness(b))) {
    const args = mix.map(sample);
    if (works(fn, args) && usesEveryArgument(fn, args)) return [args];
  }
  return undefined;
}

export function callsWork(fn: Fn, calls: unknown[][]): boolean {
  return calls.every((args) => works(fn, args));
}
