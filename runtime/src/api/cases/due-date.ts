/** A case's due date from the service standard's completion time, on the district's calendar. */
import { addWorkingDuration, type BusinessCalendar } from "@alur/shared/calendar";
import type { WorkingTimeUnit } from "@alur/shared/plan";
import type { CompletionTime } from "@alur/shared/schemas";

/** ISO due instant, or null when the standard gives no completion time. Ranges use the upper bound. */
export function caseDueAt(
  calendar: BusinessCalendar,
  startedAt: Date,
  completion: CompletionTime | undefined,
): string | null {
  if (!completion) return null;
  const value = completion.maxValue ?? completion.value;
  // "1 - 1,5 tahun": years are counted as calendar months.
  const duration: { value: number; unit: WorkingTimeUnit } =
    completion.unit === "years" ? { value: Math.ceil(value * 12), unit: "months" } : { value, unit: completion.unit };
  try {
    return addWorkingDuration(calendar, startedAt.toISOString(), duration);
  } catch {
    return null;
  }
}
