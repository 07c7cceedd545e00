// Reading `view.state.values` as Slack reports it. A structural copy of the fields Bolt's
// ViewStateValue has, so the views need no Bolt import; Bolt's `view.state.values` fits it.

export interface SubmittedValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_date?: string | null;
  selected_date_time?: number | null;
}

export type StateValues = Record<string, Record<string, SubmittedValue> | undefined>;

/** Either the submission is good, or errors keyed by input block_id (for `response_action: "errors"`). */
export type Submission<T> = ({ ok: true } & T) | { ok: false; errors: Record<string, string> };

function at(values: StateValues, blockId: string, actionId: string): SubmittedValue | undefined {
  return values[blockId]?.[actionId];
}

/** Typed text, trimmed; undefined when empty or absent. */
export function textValue(values: StateValues, blockId: string, actionId: string): string | undefined {
  const text = at(values, blockId, actionId)?.value?.trim();
  return text ? text : undefined;
}

export function optionValue(values: StateValues, blockId: string, actionId: string): string | undefined {
  return at(values, blockId, actionId)?.selected_option?.value ?? undefined;
}

export function checkedValues(values: StateValues, blockId: string, actionId: string): string[] {
  return (at(values, blockId, actionId)?.selected_options ?? []).map((option) => option.value);
}

export function dateValue(values: StateValues, blockId: string, actionId: string): string | undefined {
  return at(values, blockId, actionId)?.selected_date ?? undefined;
}

/** A datetimepicker's instant; Slack reports UNIX seconds. */
export function dateTimeValue(values: StateValues, blockId: string, actionId: string): Date | undefined {
  const seconds = at(values, blockId, actionId)?.selected_date_time;
  return typeof seconds === "number" && Number.isFinite(seconds) ? new Date(seconds * 1000) : undefined;
}

export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
