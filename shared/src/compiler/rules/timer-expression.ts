/**
 * Literal timer values must be what the runtime can schedule: ISO 8601 durations ("P3D"), date-times
 * with a zone, repeating cycles ("R3/PT1H") or cron; alur:workingTime needs a value and a known unit.
 * FEEL timers ("=...") are checked by feel-syntax.
 */
import { WorkingTimeUnit } from "../../plan";
import { isFeel } from "../feel-values";
import { body, child, children, extension, type ModdleElement, num, str } from "../moddle-element";
import { problem } from "../problem";
import { definitionKind } from "../supported-elements";
import { allElements, type Rule } from "./rule";

const DURATION =
  /^P(?!$)(\d+(?:[.,]\d+)?Y)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?W)?(\d+(?:[.,]\d+)?D)?(T(?=\d)(\d+(?:[.,]\d+)?H)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?S)?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?(\[[A-Za-z0-9_/+-]+\])?$/;
const CRON_FIELD = /^[\d*?/,LW#A-Z-]+$/i;

/** True when the text is an ISO 8601 duration the runtime can schedule. */
export function isIsoDuration(text: string): boolean {
  return DURATION.test(text.trim());
}

/** True for an ISO 8601 date-time that names a real instant. */
export function isIsoDateTime(text: string): boolean {
  const trimmed = text.trim();
  if (!DATE_TIME.test(trimmed)) return false;
  const [year, month, day] = trimmed.slice(0, 10).split("-").map(Number) as [number, number, number];
  // Date.parse rolls 30 February over into March; a timer date must name a real calendar day.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return false;
  return !Number.isNaN(Date.parse(trimmed.replace(/\[.*\]$/, "")));
}

/** True for "R[n]/duration", "R[n]/start/duration", "R[n]/duration/end" or a cron expression. */
export function isTimerCycle(text: string): boolean {
  const trimmed = text.trim();
  const parts = trimmed.split("/");
  if (/^R\d*$/.test(parts[0] ?? "") && parts.length >= 2 && parts.length <= 3) {
    const rest = parts.slice(1);
    const durations = rest.filter(isIsoDuration);
    return durations.length === 1 && rest.every((p) => isIsoDuration(p) || isIsoDateTime(p));
  }
  const fields = trimmed.split(/\s+/);
  return fields.length >= 5 && fields.length <= 7 && fields.every((f) => CRON_FIELD.test(f));
}

const CHECKS = {
  timeDuration: {
    test: isIsoDuration,
    id: "durasi ISO 8601 (mis. P3D, PT2H)",
    en: "an ISO 8601 duration (e.g. P3D, PT2H)",
  },
  timeDate: {
    test: isIsoDateTime,
    id: "tanggal-waktu ISO 8601 (mis. 2026-01-01T08:00:00+07:00)",
    en: "an ISO 8601 date-time (e.g. 2026-01-01T08:00:00+07:00)",
  },
  timeCycle: { test: isTimerCycle, id: "siklus (mis. R3/PT1H) atau cron", en: "a cycle (e.g. R3/PT1H) or cron" },
} as const;

export const timerExpression: Rule = {
  code: "timer-expression",
  check(context) {
    return allElements(context).flatMap((event) => {
      const timer = children(event, "eventDefinitions").find((d) => definitionKind(d) === "timer");
      return timer ? checkTimer(event, timer, this.code) : [];
    });
  },
};

function checkTimer(event: ModdleElement, timer: ModdleElement, code: string) {
  const working = extension(event, "alur:WorkingTime");
  if (working) {
    const value = num(working, "value");
    const unit = str(working, "unit") ?? "workingDays";
    if (value !== undefined && value >= 0 && WorkingTimeUnit.safeParse(unit).success) return [];
    return [
      problem(event.id, "error", code, {
        id: `alur:workingTime memerlukan nilai ≥ 0 dan satuan (${WorkingTimeUnit.options.join(", ")}); didapat "${str(working, "value") ?? ""} ${unit}".`,
        en: `alur:workingTime needs a value ≥ 0 and a unit (${WorkingTimeUnit.options.join(", ")}); got "${str(working, "value") ?? ""} ${unit}".`,
      }),
    ];
  }
  const entries = (Object.keys(CHECKS) as (keyof typeof CHECKS)[])
    .map((key) => [key, body(child(timer, key))] as const)
    .filter((entry): entry is readonly [keyof typeof CHECKS, string] => entry[1] !== undefined);
  if (entries.length === 0) {
    return [
      problem(event.id, "error", code, {
        id: "Timer tidak memiliki durasi, tanggal, siklus atau alur:workingTime.",
        en: "Timer has no duration, date, cycle or alur:workingTime.",
      }),
    ];
  }
  return entries.flatMap(([key, text]) => {
    const check = CHECKS[key];
    if (isFeel(text) || check.test(text)) return [];
    return [
      problem(event.id, "error", code, {
        id: `${key} "${text.trim()}" bukan ${check.id}.`,
        en: `${key} "${text.trim()}" is not ${check.en}.`,
      }),
    ];
  });
}
